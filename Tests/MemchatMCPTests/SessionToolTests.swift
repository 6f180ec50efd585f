import Foundation
import MCP
import MemchatCore
import MemchatStore
import Testing

@Suite("MCP session tools")
struct SessionToolTests {
    @Test func listSessionsPagesThroughEverySessionOnceAndOnlyTheUsers() async throws {
        let harness = try await MCPHarness()
        var made: [String] = []
        for index in 0..<45 { made.append(try await harness.session(title: "session \(index)", [("q\(index)", "a")]).id.rawValue) }
        try await harness.session(of: "bo", title: "bo's", [("secret", "a")])

        var seen: [String] = []
        var cursor: Value = .null
        var pages = 0
        repeat {
            var arguments: [String: Value] = ["limit": 20]
            if cursor != .null { arguments["cursor"] = cursor }
            let page = try await harness.output("list_sessions", arguments)
            seen += page["sessions"]?.items.compactMap { $0["id"]?.stringValue } ?? []
            cursor = page["next_cursor"] ?? .null
            pages += 1
        } while cursor != .null && pages < 10
        #expect(pages == 3)
        #expect(seen.count == 45)
        #expect(Set(seen) == Set(made))
        // Most recently active first.
        #expect(seen.first == made.last)
    }

    @Test func listSessionsFiltersByContextAndState() async throws {
        let harness = try await MCPHarness()
        let work = try await harness.session(context: .work, [("deploy", "ok")])
        let ended = try await harness.session([("bye", "ok")])
        _ = try await harness.store.endSession(ended.id)
        let works = try await harness.output("list_sessions", ["context": "work"])
        #expect(works["sessions"]?.items.compactMap { $0["id"]?.stringValue } == [work.id.rawValue])
        let ends = try await harness.output("list_sessions", ["state": "ended"])
        #expect(ends["sessions"]?.items.compactMap { $0["id"]?.stringValue } == [ended.id.rawValue])
        #expect(ends["next_cursor"] == nil)
    }

    @Test func resumeSessionGivesTheNewestTurnsLastWithinTheBoundAndPagesBack() async throws {
        let harness = try await MCPHarness()
        // 60 turns of about 900 characters: more than one page holds.
        let pairs = (0..<30).map { ("question \($0) " + String(repeating: "q", count: 900), "answer \($0) " + String(repeating: "a", count: 900)) }
        let session = try await harness.session(pairs)
        _ = try await harness.store.endSession(session.id)

        let first = try await harness.output("resume_session", ["session_id": .string(session.id.rawValue), "limit": 200])
        #expect(first["resumed"] == true)
        #expect(first["session"]?["state"] == "active")
        #expect(try await harness.store.session(session.id).state == .active)
        let newest = first["turns"]?.items ?? []
        #expect(newest.count < 60)
        #expect(newest.last?["content"]?.stringValue?.hasPrefix("answer 29 ") == true)

        var all = newest.compactMap { $0["content"]?.stringValue }
        var cursor = first["next_cursor"]
        while let next = cursor, next != .null {
            let page = try await harness.output("resume_session", ["session_id": .string(session.id.rawValue), "limit": 200, "cursor": next])
            #expect(page["resumed"] == false)
            all = (page["turns"]?.items.compactMap { $0["content"]?.stringValue } ?? []) + all
            cursor = page["next_cursor"]
        }
        let stored = try await harness.store.turns(of: session.id, page: .all).map(\.content)
        #expect(all == stored)
    }

    @Test func aTurnLongerThanTheTextLimitIsCutAndSaysSo() async throws {
        let harness = try await MCPHarness()
        let long = String(repeating: "x", count: 50_000)
        let session = try await harness.session([("paste", long)])
        let resumed = try await harness.output("resume_session", ["session_id": .string(session.id.rawValue)])
        let answer = try #require(resumed["turns"]?.items.last)
        #expect(answer["truncated"] == true)
        #expect(answer["full_length"] == 50_000)
        #expect(answer["content"]?.stringValue?.count == 16_000)
    }

    @Test func exportSessionPagesJoinIntoTheWholeSessionInTheInterchangeFormat() async throws {
        let harness = try await MCPHarness()
        let pairs = (0..<40).map { ("q\($0) " + String(repeating: "w", count: 700), "a\($0) " + String(repeating: "z", count: 700)) }
        let session = try await harness.session(title: "long one", pairs)
        var record: [String: Value] = [:]
        var turns: [Value] = []
        var cursor: Value? = nil
        var pages = 0
        repeat {
            var arguments: [String: Value] = ["session_id": .string(session.id.rawValue)]
            if let cursor { arguments["cursor"] = cursor }
            let page = try await harness.output("export_session", arguments)
            #expect(page["turns_total"] == 80)
            record = page["record"]?.objectValue ?? [:]
            turns += record["turns"]?.items ?? []
            cursor = page["next_cursor"]
            pages += 1
        } while cursor != nil && pages < 20
        #expect(pages > 1)
        record["turns"] = .array(turns)
        let line = try JSONEncoder().encode(Value.object(record))
        let imported = try Interchange.decode(line: line, defaultUser: harness.user)
        let stored = try await harness.store.turns(of: session.id, page: .all)
        #expect(imported.session.id == session.id)
        #expect(imported.session.title == "long one")
        #expect(imported.turns.map(\.content) == stored.map(\.content))
        #expect(imported.turns.map(\.id) == stored.map(\.id))
    }

    @Test func anotherUsersSessionIsUnknownToEveryTool() async throws {
        let harness = try await MCPHarness()
        let mine = try await harness.session([("mine", "a")])
        let bos = try await harness.session(of: "bo", [("bo's secret", "a")])
        let id = Value.string(bos.id.rawValue)
        for (tool, arguments) in [
            ("resume_session", ["session_id": id]), ("export_session", ["session_id": id]),
            ("merge_sessions", ["primary_id": .string(mine.id.rawValue), "secondary_ids": [id]]),
            ("merge_sessions", ["primary_id": id, "secondary_ids": [.string(mine.id.rawValue)]]),
        ] as [(String, [String: Value])] {
            let message = try await harness.failure(tool, arguments)
            #expect(message.contains("user ana has no session with id \(bos.id)"), "\(tool): \(message)")
            #expect(!message.contains("bo"), "\(tool) told whose session it is: \(message)")
        }
        // Nothing of bo's moved, and bo's turns are not found by ana's search.
        #expect(try await harness.store.session(bos.id).turnCount == 2)
        let search = try await harness.output("search_sessions", ["query": "secret"])
        #expect(search["results"]?.items.isEmpty == true)
    }

    @Test func anUnknownSessionSaysWhereToFindIds() async throws {
        let harness = try await MCPHarness()
        let message = try await harness.failure("resume_session", ["session_id": "01JNOSUCHSESSION"])
        #expect(message == "user ana has no session with id 01JNOSUCHSESSION. list_sessions or search_sessions give the ids of this user's sessions.")
    }

    @Test func mergeSessionsMovesTurnsAndKeepsSourcesEnded() async throws {
        let harness = try await MCPHarness()
        let primary = try await harness.session([("first", "a")])
        let other = try await harness.session([("second", "b"), ("third", "c")])
        let merged = try await harness.output("merge_sessions", [
            "primary_id": .string(primary.id.rawValue), "secondary_ids": [.string(other.id.rawValue)],
        ])
        #expect(merged["moved_turns"] == 4)
        #expect(merged["primary"]?["turns"] == 6)
        #expect(merged["deleted_sources"] == false)
        #expect(try await harness.store.session(other.id).mergedInto == primary.id)
        // A merged session has nothing to resume; the error says where its turns went.
        let message = try await harness.failure("resume_session", ["session_id": .string(other.id.rawValue)])
        #expect(message.contains("was merged into \(primary.id)"))
    }

    @Test func cleanupReportsUntilConfirmedAndTouchesOnlyTheUsersSessions() async throws {
        let harness = try await MCPHarness()
        let ended = try await harness.session([("old", "a")])
        _ = try await harness.store.endSession(ended.id)
        let active = try await harness.session([("current", "a")])
        let bos = try await harness.session(of: "bo", [("bo's", "a")])
        _ = try await harness.store.endSession(bos.id)

        let report = try await harness.output("cleanup_sessions", ["older_than_days": 0])
        #expect(report["deleted"] == false)
        #expect(report["count"] == 1)
        #expect(report["sessions"]?.items.compactMap { $0["id"]?.stringValue } == [ended.id.rawValue])
        #expect(try await harness.store.listSessions(SessionQuery(scope: .allUsers)).count == 3)

        let done = try await harness.output("cleanup_sessions", ["older_than_days": 0, "confirm": true])
        #expect(done["deleted"] == true)
        #expect(done["count"] == 1)
        let left = try await harness.store.listSessions(SessionQuery(scope: .allUsers)).map(\.id)
        #expect(Set(left) == [active.id, bos.id])
        // Sessions idle for less than the days asked for stay.
        let recent = try await harness.session([("recent", "a")])
        _ = try await harness.store.endSession(recent.id)
        #expect(try await harness.output("cleanup_sessions", ["confirm": true])["count"] == 0)
    }

    @Test func searchSessionsRanksPagesAndGivesSnippets() async throws {
        let harness = try await MCPHarness()
        for index in 0..<25 { try await harness.session(title: "db \(index)", [("postgres replication lag \(index)", "check pg_stat_replication")]) }
        try await harness.session([("something else", "entirely")])
        let first = try await harness.output("search_sessions", ["query": "replication", "limit": 10])
        let hits = first["results"]?.items ?? []
        #expect(hits.count == 10)
        #expect(hits.allSatisfy { $0["snippet"]?.stringValue?.localizedCaseInsensitiveContains("replication") == true })
        var seen = Set(hits.compactMap { $0["turn_id"]?.stringValue })
        var cursor = first["next_cursor"]
        while let next = cursor {
            let page = try await harness.output("search_sessions", ["query": "replication", "limit": 10, "cursor": next])
            let ids = page["results"]?.items.compactMap { $0["turn_id"]?.stringValue } ?? []
            #expect(seen.isDisjoint(with: ids))
            seen.formUnion(ids)
            cursor = page["next_cursor"]
        }
        #expect(seen.count == 50)
    }
}
