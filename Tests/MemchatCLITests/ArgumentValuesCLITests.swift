import Foundation
import Testing

/// Contexts, modes, states, storage types and retrieval modes as typed options: listed in
/// help, matched ignoring case, and a bad value refused before anything is opened.
@Suite("memchat option values")
struct ArgumentValuesCLITests {
    @Test func badValuesNameTheOptionAndWhatItTakes() async throws {
        let memchat = try MemchatProcess()
        _ = try await memchat.run(["import", MemchatProcess.sampleFile])
        _ = try await memchat.run(["sessions", "list"])
        let before = DataDirectorySnapshot(memchat.dataDirectory)

        let cases: [(arguments: [String], message: String)] = [
            (["ask", "--provider", "echo", "--mode", "pirate", "hi"],
             "The value 'pirate' is invalid for '--mode <mode>'. Please provide one of 'assistant' and 'friend'."),
            (["sessions", "list", "--storage-type", "mongo"],
             "The value 'mongo' is invalid for '--storage-type <type>'. Please provide one of 'sqlite' and 'file'."),
            (["migrate", "--to", "mongo"],
             "The value 'mongo' is invalid for '--to <type>'. Please provide one of 'sqlite' and 'file'."),
            (["search", "rain", "--retrieval", "semantic"],
             "The value 'semantic' is invalid for '--retrieval <mode>'. Please provide one of 'hybrid' and 'lexical'."),
            (["sessions", "list", "--state", "paused"],
             "The value 'paused' is invalid for '--state <state>'. Please provide one of 'active', 'expired' or 'ended'."),
            (["memory", "add", "--kind", "secret", "x"],
             "The value 'secret' is invalid for '--kind <kind>'. Please provide one of 'profile', 'standing' or 'other'."),
        ]
        for (arguments, message) in cases {
            let refused = try await memchat.run(arguments)
            #expect(refused.status == 2, "\(arguments)")
            #expect(refused.stderr.contains(message), "\(arguments): \(refused.stderr)")
            #expect(refused.stdout.isEmpty)
        }
        for arguments in [["search", "rain", "--context", "Bad Name"], ["chat", "--context", "no/such"], ["memory", "list", "--context", "x y"]] {
            let refused = try await memchat.run(arguments)
            #expect(refused.status == 2, "\(arguments)")
            #expect(refused.stderr.contains("is invalid for '--context <name>'"), "\(arguments): \(refused.stderr)")
            #expect(refused.stderr.contains("Contexts: work, personal, creative, general or a name of your own (1-32 letters,"))
        }
        #expect(DataDirectorySnapshot(memchat.dataDirectory) == before)
    }

    @Test func valuesAreMatchedIgnoringCaseAndCustomContextsParse() async throws {
        let memchat = try MemchatProcess()
        _ = try await memchat.run(["import", MemchatProcess.sampleFile])
        let creative = try await memchat.run(["sessions", "list", "--context", "CREATIVE", "--state", "Expired", "--storage-type", "SQLite"])
        #expect(creative.status == 0, "\(creative.stderr)")
        #expect(creative.stdout.contains("Write a haiku about rain"))
        #expect(!creative.stdout.contains("Postgres"))

        let custom = try await memchat.run(["ask", "--provider", "echo", "--new", "--context", "Garden-Club", "--mode", "FRIEND", "hello roses"])
        #expect(custom.status == 0, "\(custom.stderr)")
        let listed = try await memchat.run(["sessions", "list", "--context", "garden-club", "--json"])
        let sessions = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        #expect(sessions.count == 1)
        #expect(sessions.first?["context"] as? String == "garden-club")
        #expect(sessions.first?["mode"] as? String == "friend")

        #expect(try await memchat.run(["search", "haiku", "--retrieval", "LEXICAL"]).status == 0)
        #expect(try await memchat.run(["memory", "add", "--kind", "Standing", "I prefer tea"]).stdout.hasPrefix("remembered "))
    }

    @Test func helpListsTheValues() async throws {
        let memchat = try MemchatProcess()
        // Help wraps lines where it likes; compare words.
        let help = { (arguments: [String]) in
            try await memchat.run(arguments).stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        #expect(try await help(["ask", "--help"]).contains("(values: assistant, friend)"))
        let list = try await help(["sessions", "list", "--help"])
        #expect(list.contains("(values: active, expired, ended)"))
        #expect(list.contains("Contexts: work, personal, creative, general or a name of your own"))
        let root = try await help(["--help"])
        #expect(root.contains("(values: sqlite, file)"))
        #expect(root.contains("(values: hybrid, lexical)"))
    }
}
