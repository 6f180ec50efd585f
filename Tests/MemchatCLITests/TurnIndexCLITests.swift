import Foundation
import Testing

/// The semantic turn indexes as the commands keep them: `memchat ask` indexes its question
/// when the retrieval uses the index (hybrid) and takes a short step of any backlog,
/// incognito never; `memchat import` stores and returns, leaving its turns to the chat
/// screen, `memchat mcp` or `memchat index run` (at once with `--wait`).
@Suite("Turn index through the commands")
struct TurnIndexCLITests {
    /// Records in the encoder's index (a turn's whole text and each of its clauses).
    static func records(_ memchat: MemchatProcess, user: String = "ana") -> Int? {
        let codes = (memchat.dataDirectory as NSString).appendingPathComponent("encoder_codes_\(user).bin")
        guard let size = (try? FileManager.default.attributesOfItem(atPath: codes))?[.size] as? NSNumber else { return nil }
        return (size.intValue - 128) / 16
    }

    /// `memchat index status --json`: questions, encoded and left, for ana.
    static func status(_ memchat: MemchatProcess) async throws -> (questions: Int, encoded: Int, left: Int) {
        let output = try await memchat.run(["index", "status", "--json"])
        #expect(output.status == 0, "\(output.stderr)")
        let users = try #require(
            (try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])?["users"] as? [[String: Any]])
        let ana = try #require(users.first { $0["user"] as? String == "ana" })
        return (try #require(ana["questions"] as? Int), try #require(ana["encoded"] as? Int), try #require(ana["left"] as? Int))
    }

    static func importLine(_ id: String, _ questions: [String]) -> String {
        let turns = questions.map { #"{"role":"user","content":"\#($0)","created_at":"2026-01-01T00:00:00Z"}"# }
        return #"{"id":"\#(id)","user":"ana","context":"general","mode":"assistant","title":"t","created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:01:00Z","turns":[\#(turns.joined(separator: ","))]}"#
    }

    @Test func askIndexesItsQuestionImportLeavesItsTurnsToIndexRunAndIncognitoWritesNothing() async throws {
        let memchat = try MemchatProcess()
        #expect(try await memchat.run(["ask", "--incognito", "--provider", "echo", "a secret question"]).status == 0)
        #expect(Self.records(memchat) == nil, "incognito writes no index file")

        // With the lexical retrieval `memchat ask` leaves the index alone: it would cost the
        // models' load in every process for nothing. The hybrid one (the default) indexes.
        let lexical = try await memchat.run(
            ["ask", "--provider", "echo", "--retrieval", "lexical", "--new", "my sister Clara lives in Lisbon"])
        #expect(lexical.status == 0, "\(lexical.stderr)")
        #expect(Self.records(memchat) == nil)
        let hybrid = try await memchat.run(["ask", "--provider", "echo", "--new", "the office plants need watering"])
        #expect(hybrid.status == 0, "\(hybrid.stderr)")
        #expect(try await Self.status(memchat) == (2, 2, 0), "the step after the answer encoded the earlier question too")
        let records = try #require(Self.records(memchat))
        let staticCodes = (memchat.dataDirectory as NSString).appendingPathComponent("turn_codes_ana.bin")
        #expect(!FileManager.default.fileExists(atPath: staticCodes), "the static table's index is not written with the encoder")

        let file = memchat.path("import.jsonl")
        try (Self.importLine("IMPORTED1", ["the espresso machine needs descaling", "and the budget review moved to Thursday"]) + "\n")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let imported = try await memchat.run(["import", file])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.contains("2 turns to encode for recall by meaning"), "\(imported.stderr)")
        #expect(Self.records(memchat) == records, "the import stored and returned")
        #expect(try await Self.status(memchat) == (4, 2, 2))

        let run = try await memchat.run(["index", "run"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("ana: encoded 2 turns"), "\(run.stdout)")
        #expect(Self.records(memchat) == records + 2)
        #expect(try await Self.status(memchat) == (4, 4, 0))
        let again = try await memchat.run(["import", file])
        #expect(!again.stderr.contains("to encode"), "nothing new: \(again.stderr)")

        let waited = memchat.path("waited.jsonl")
        try (Self.importLine("IMPORTED2", ["the car's MOT is due in March"]) + "\n").write(toFile: waited, atomically: true, encoding: .utf8)
        let wait = try await memchat.run(["import", "--wait", waited])
        #expect(wait.status == 0, "\(wait.stderr)")
        #expect(wait.stderr.contains("ana: encoded 1 turns for recall by meaning"), "\(wait.stderr)")
        #expect(try await Self.status(memchat) == (5, 5, 0))

        // Persistence disabled: the index lives in a temporary directory, none here.
        #expect(try await memchat.run(["ask", "--no-persistence", "--provider", "echo", "--new", "not kept"]).status == 0)
        #expect(Self.records(memchat) == records + 3)
    }

    /// Without the encoder's weights (a broken install) asking still works through the
    /// static table, `index status` says what is wrong and what to do, and `index run`
    /// indexes with the static table and says so.
    @Test func withoutTheEncodersWeightsTheIndexSaysWhyAndTheStaticTableStandsIn() async throws {
        let memchat = try MemchatProcess()
        let missing = ["MEMCHAT_BENCH_ENCODER": memchat.path("missing.q8")]
        let asked = try await memchat.run(["ask", "--provider", "echo", "--new", "the office plants need watering"], environment: missing)
        #expect(asked.status == 0, "\(asked.stderr)")
        let staticCodes = (memchat.dataDirectory as NSString).appendingPathComponent("turn_codes_ana.bin")
        #expect(FileManager.default.fileExists(atPath: staticCodes), "the static table's index stands in")

        let status = try await memchat.run(["index", "status"], environment: missing)
        #expect(status.status == 1)
        #expect(status.stderr.contains("cannot load its model") && status.stderr.contains("missing.q8"), "\(status.stderr)")
        #expect(status.stderr.contains("README, Install"))
        let run = try await memchat.run(["index", "run"], environment: missing)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("indexed with the static table instead"), "\(run.stderr)")
    }
}
