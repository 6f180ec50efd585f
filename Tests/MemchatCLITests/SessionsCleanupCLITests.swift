import Foundation
import Testing

/// `memchat sessions cleanup --older-than DAYS [--dry-run]` through the real binary, on
/// sessions whose ages are set relative to now.
@Suite("memchat sessions cleanup")
struct SessionsCleanupCLITests {
    /// A JSONL session with one question, last active `daysAgo` days ago.
    static func session(_ id: String, daysAgo: Double, user: String = "ana") -> String {
        let formatter = ISO8601DateFormatter()
        let time = formatter.string(from: Date().addingTimeInterval(-daysAgo * 86400))
        return #"{"id":"\#(id)","user":"\#(user)","title":"\#(id) title","created_at":"\#(time)","updated_at":"\#(time)","#
            + #""turns":[{"role":"user","content":"question of \#(id)","created_at":"\#(time)"}]}"#
    }

    /// Two sessions idle 40 and 35 days (expired), one of another user idle 50 days, one
    /// idle 2 days and ended, and one active.
    static func storeWithAges() async throws -> MemchatProcess {
        let memchat = try MemchatProcess()
        let lines = [
            session("OLD40", daysAgo: 40), session("OLD35", daysAgo: 35), session("BOOLD50", daysAgo: 50, user: "bo"),
            session("ENDED2", daysAgo: 2), session("ACTIVE0", daysAgo: 0.01),
        ]
        let imported = try await memchat.run(["import", "-"], stdin: lines.joined(separator: "\n") + "\n")
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(try await memchat.run(["sessions", "end", "ENDED2"]).status == 0)
        return memchat
    }

    static func ids(_ json: String) throws -> [String] {
        let sessions = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        return sessions.compactMap { $0["id"] as? String }.sorted()
    }

    @Test func dryRunListsWhatTheRealRunRemovesAndRemovesNothing() async throws {
        let memchat = try await Self.storeWithAges()
        let before = try await StoredData.read(memchat)

        let preview = try await memchat.run(["sessions", "cleanup", "--older-than", "30", "--dry-run"])
        #expect(preview.status == 0, "\(preview.stderr)")
        let lines = preview.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines.filter { $0.hasPrefix("would remove OLD40  ana  ") && $0.hasSuffix("OLD40 title") }.count == 1)
        #expect(lines.contains { $0.hasPrefix("would remove OLD35  ana  ") })
        #expect(lines.contains { $0.hasPrefix("would remove BOOLD50  bo  ") })
        #expect(lines.last == "would remove 3 sessions idle for more than 30 days; nothing was removed (--dry-run)")
        #expect(try await StoredData.read(memchat) == before)

        let previewJSON = try await memchat.run(["sessions", "cleanup", "--older-than", "30", "--dry-run", "--json"])
        #expect(previewJSON.status == 0)
        #expect(try Self.ids(previewJSON.stdout) == ["BOOLD50", "OLD35", "OLD40"])
        #expect(try await StoredData.read(memchat) == before)
        let all = try await memchat.run(["sessions", "list", "--all-users", "--json"])
        #expect(try Self.ids(all.stdout) == ["ACTIVE0", "BOOLD50", "ENDED2", "OLD35", "OLD40"])

        let removed = try await memchat.run(["sessions", "cleanup", "--older-than", "30", "--json"])
        #expect(removed.status == 0)
        #expect(try Self.ids(removed.stdout) == Self.ids(previewJSON.stdout))
        let left = try await memchat.run(["sessions", "list", "--all-users", "--json"])
        #expect(try Self.ids(left.stdout) == ["ACTIVE0", "ENDED2"])
    }

    @Test func dryRunWithAnEndedSessionAndNothingToRemove() async throws {
        let memchat = try await Self.storeWithAges()
        let everything = try await memchat.run(["sessions", "cleanup", "--older-than", "1", "--dry-run", "--json"])
        #expect(try Self.ids(everything.stdout) == ["BOOLD50", "ENDED2", "OLD35", "OLD40"])

        let none = try await memchat.run(["sessions", "cleanup", "--older-than", "60", "--dry-run"])
        #expect(none.status == 0)
        #expect(none.stdout == "would remove 0 sessions idle for more than 60 days; nothing was removed (--dry-run)\n")
    }

    @Test func badValuesAreUsageErrorsAndChangeNothing() async throws {
        let memchat = try await Self.storeWithAges()
        let before = try await StoredData.read(memchat)

        let negative = try await memchat.run(["sessions", "cleanup", "--older-than=-1", "--dry-run"])
        #expect(negative.status == 2)
        #expect(negative.stderr.contains("--older-than must be 0 or more days"))

        let missing = try await memchat.run(["sessions", "cleanup", "--dry-run"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("Missing expected argument '--older-than <days>'"))

        let notANumber = try await memchat.run(["sessions", "cleanup", "--older-than", "a-month"])
        #expect(notANumber.status == 2)
        #expect(notANumber.stderr.contains("The value 'a-month' is invalid for '--older-than <days>'"))

        #expect(try await StoredData.read(memchat) == before)
    }
}
