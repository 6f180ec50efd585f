import Foundation
import Testing

/// README's "Try it" section, run line by line in order as a newcomer would paste it into
/// a shell: every line must work (the lines that need a model provider excepted), in the
/// throwaway data directory the section starts with, leaving no file in the checkout.
@Suite("README: Try it")
struct ReadmeTryItTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The lines of the section's shell block.
    static func tryItLines() throws -> [String] {
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "\n## Try it\n").dropFirst().first)
        let block = try #require(section.components(separatedBy: "```sh\n").dropFirst().first?.components(separatedBy: "\n```").first)
        return block.split(separator: "\n").map(String.init)
    }

    /// What a line asks for that a test machine does not have: a model provider.
    static func needsAProvider(_ line: String) -> Bool {
        ["OPENAI_", "ANTHROPIC_", "--provider ollama"].contains { line.contains($0) }
    }

    @Test func everyLineWorksInOrderInAThrowawayDataDirectory() async throws {
        let memchat = try MemchatProcess()
        let lines = try Self.tryItLines()
        #expect(lines.first?.hasPrefix("export MEMCHAT_HOME=$(mktemp -d)") == true, "the section starts with a throwaway data directory")
        let binary = try MemchatProcess.executable("memchat")
        var script = ["set -eo pipefail", "cd '\(Self.root.path)'"]
        for line in lines where !Self.needsAProvider(line) && !line.hasPrefix("swift build") {
            if line.hasPrefix("alias memchat=") {
                // The binary this test run built (an alias is not expanded in a script).
                script.append("memchat() { '\(binary)' \"$@\"; }")
                continue
            }
            script.append("echo '>>> \(line.replacingOccurrences(of: "'", with: "'\\''"))'")
            script.append(line)
        }
        script.append("echo \">>> home $MEMCHAT_HOME\"")
        let before = try FileManager.default.contentsOfDirectory(atPath: Self.root.path)

        let result = try await memchat.run(
            ["-c", script.joined(separator: "\n")], environment: ["TMPDIR": memchat.home, "MEMCHAT_HOME": "/nonexistent"],
            executable: "/bin/bash")

        #expect(result.status == 0, "stopped at: \(result.stdout.components(separatedBy: ">>> ").last ?? "")\n\(result.stderr)")
        #expect(result.stdout.contains("18 turns already present"), "\(result.stdout)")
        #expect(result.stdout.contains("Pixel"), "the recall responder answers from memory")
        // The copy made by migrate lists the sample sessions.
        let copyListing = result.stdout.components(separatedBy: ">>> memchat sessions list --storage-path").last ?? ""
        #expect(copyListing.contains("01JBSAMPLE2HAIKURAIN") || copyListing.contains("Haiku"), "\(copyListing)")
        // The throwaway directory was made under TMPDIR (removed with this test), and the
        // checkout gained no file.
        let home = result.stdout.components(separatedBy: ">>> home ").last?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        #expect(home.hasPrefix(memchat.home))
        #expect(try FileManager.default.contentsOfDirectory(atPath: Self.root.path).sorted() == before.sorted())
    }
}
