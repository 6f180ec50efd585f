import Foundation
import Testing

@testable import MemchatCLI

/// docs/cli.md is the commands' own help; this fails while the file differs from what the
/// commands render now. `MEMCHAT_UPDATE_DOCS=1 swift test --filter CLIReference` rewrites it.
@Suite("CLIReference")
struct CLIReferenceTests {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/cli.md").path

    @Test func docsCLIMatchesTheCommands() throws {
        let generated = CLIReference.markdown()
        if ProcessInfo.processInfo.environment["MEMCHAT_UPDATE_DOCS"] == "1" {
            try generated.write(toFile: Self.file, atomically: true, encoding: .utf8)
        }
        let stored = (try? String(contentsOfFile: Self.file, encoding: .utf8)) ?? ""
        #expect(stored == generated, "docs/cli.md differs from the commands' help; regenerate it with `\(CLIReference.updateCommand)`")
    }

    @Test func everyCommandHasASection() {
        let reference = CLIReference.markdown()
        for command in ["memchat", "memchat chat", "memchat ask", "memchat sessions", "memchat sessions show",
                        "memchat sessions cleanup", "memchat memory", "memchat memory export", "memchat migrate", "memchat config"] {
            #expect(reference.contains("\n## \(command)\n\n```text\n"), "\(command)")
        }
        #expect(reference.contains("--format <format>"))
        #expect(reference.contains("--dry-run"))
        #expect(reference.hasPrefix("# memchat command reference\n"))
        #expect(reference.contains(CLIReference.updateCommand))
    }

    /// Nothing of this machine or user is baked into the help: the same text everywhere.
    @Test func holdsNothingOfThisMachine() {
        let reference = CLIReference.markdown()
        #expect(!reference.contains(NSHomeDirectory()))
        #expect(!reference.contains(FileManager.default.currentDirectoryPath))
        #expect(!reference.contains("/tmp/"))
        if let user = ProcessInfo.processInfo.environment["USER"], user.count > 3 {
            #expect(!reference.contains(" \(user) "))
        }
    }
}
