import Foundation
import Testing

/// `memchat --generate-completion-script SHELL`, as README's Install section says, with
/// the values of contexts, modes, storage types and formats to complete.
@Suite("shell completions")
struct CompletionScriptTests {
    @Test(arguments: ["bash", "zsh", "fish"])
    func scriptsOfferTheValues(shell: String) async throws {
        let memchat = try MemchatProcess()
        let script = try await memchat.run(["--generate-completion-script", shell])
        #expect(script.status == 0, "\(script.stderr)")
        #expect(script.stderr.isEmpty)
        for value in ["personal", "creative", "friend", "sqlite", "lexical", "markdown", "expired", "sessions", "export"] {
            #expect(script.stdout.contains(value), "\(shell): \(value)")
        }
        #expect(!FileManager.default.fileExists(atPath: memchat.dataDirectory))
    }

    @Test func bashCompletesContextValues() async throws {
        let memchat = try MemchatProcess()
        let script = try await memchat.run(["--generate-completion-script", "bash"]).stdout
        let words = { (values: [String]) in "-W " + values.map { "'\($0)'" }.joined(separator: "$'\\n'") }
        #expect(script.contains(words(["work", "personal", "creative", "general"])))
        #expect(script.contains(words(["text", "markdown"])))
        #expect(script.contains(words(["sqlite", "file"])))
        #expect(script.contains(words(["assistant", "friend"])))
    }
}
