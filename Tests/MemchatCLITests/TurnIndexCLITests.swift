import Foundation
import Testing

/// The semantic turn index as the commands keep it: `memchat import` indexes what it
/// brought, `memchat ask` when the retrieval uses the index (hybrid), incognito never.
@Suite("Turn index through the commands")
struct TurnIndexCLITests {
    static func records(_ memchat: MemchatProcess, user: String = "ana") -> Int? {
        let codes = (memchat.dataDirectory as NSString).appendingPathComponent("turn_codes_\(user).bin")
        guard let size = (try? FileManager.default.attributesOfItem(atPath: codes))?[.size] as? NSNumber else { return nil }
        return (size.intValue - 128) / 16
    }

    @Test func importIndexesEveryQuestionAndAskIncognitoAndNoPersistenceWriteNothing() async throws {
        let memchat = try MemchatProcess()
        #expect(try await memchat.run(["ask", "--incognito", "--provider", "echo", "a secret question"]).status == 0)
        #expect(Self.records(memchat) == nil, "incognito writes no index file")

        // With the lexical retrieval `memchat ask` leaves the index alone: it would cost the
        // embedder's load in every process for nothing. The hybrid one (the default) indexes.
        let lexical = try await memchat.run(
            ["ask", "--provider", "echo", "--retrieval", "lexical", "--new", "my sister Clara lives in Lisbon"])
        #expect(lexical.status == 0, "\(lexical.stderr)")
        #expect(Self.records(memchat) == nil)
        let hybrid = try await memchat.run(["ask", "--provider", "echo", "--new", "the office plants need watering"])
        #expect(hybrid.status == 0, "\(hybrid.stderr)")
        #expect(Self.records(memchat) == 2, "the question asked before and this one")

        let file = memchat.path("import.jsonl")
        let line = #"{"id":"IMPORTED1","user":"ana","context":"general","mode":"assistant","title":"t","created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:01:00Z","turns":[{"role":"user","content":"the espresso machine needs descaling","created_at":"2026-01-01T00:00:00Z"},{"role":"assistant","content":"ok","created_at":"2026-01-01T00:00:05Z"},{"role":"user","content":"and the budget review moved to Thursday","created_at":"2026-01-01T00:01:00Z"}]}"#
        try (line + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let imported = try await memchat.run(["import", file])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.contains("indexed 2 turns for recall by meaning"), "the imported questions")
        #expect(Self.records(memchat) == 4)
        let again = try await memchat.run(["import", file])
        #expect(!again.stderr.contains("indexed"), "nothing new: \(again.stderr)")
        #expect(Self.records(memchat) == 4)

        // Persistence disabled: the index lives in a temporary directory, none here.
        #expect(try await memchat.run(["ask", "--no-persistence", "--provider", "echo", "--new", "not kept"]).status == 0)
        #expect(Self.records(memchat) == 4)
    }
}
