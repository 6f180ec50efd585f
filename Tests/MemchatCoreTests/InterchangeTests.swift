import Foundation
import Testing
@testable import MemchatCore

private let defaultUser = try! UserName("default-user")

private func decode(_ line: String, user: UserName = defaultUser) throws(InterchangeError) -> SessionRecord {
    try Interchange.decode(line: Data(line.utf8), defaultUser: user)
}

/// The error decoding `line` throws; records an issue when it decodes.
private func decodeError(_ line: String) -> InterchangeError? {
    do {
        let record = try decode(line)
        Issue.record("expected an InterchangeError, decoded \(record)")
        return nil
    } catch {
        return error
    }
}

private func ms(_ millis: Int64) -> Date { Timestamp.date(milliseconds: millis) }
private func time(_ text: String) -> Date { Timestamp.parse(text)! }

@Suite("Interchange decoding")
struct InterchangeDecodeTests {
    @Test func decodesAFullLine() throws {
        let line = """
            {"id":"01JSESSION0000000000000000","user":"louis","context":"Work","mode":"friend","title":"Plans",\
            "created_at":"2026-10-02T10:00:00.000Z","updated_at":"2026-10-02T10:05:00.000Z","summary":"short",\
            "provider":"openai","model":"gpt-x","metadata":{"origin":"seed","n":3},\
            "turns":[{"role":"user","content":"Hello there","created_at":"2026-10-02T10:00:01Z"},\
            {"role":"assistant","content":"Hi!","created_at":"2026-10-02T10:00:02.500Z","metadata":{"tokens":12}}]}
            """
        let record = try decode(line)
        let session = record.session
        #expect(session.id.rawValue == "01JSESSION0000000000000000")
        #expect(session.userID.rawValue == "louis")
        #expect(session.context == .work)
        #expect(session.mode == .friend)
        #expect(session.title == "Plans")
        #expect(session.createdAt == time("2026-10-02T10:00:00Z"))
        #expect(session.lastActivity == time("2026-10-02T10:05:00Z"))
        #expect(session.summary == "short")
        #expect(session.provider == "openai")
        #expect(session.model == "gpt-x")
        #expect(session.metadata == ["origin": .string("seed"), "n": .number(3)])
        #expect(session.state == .active)
        #expect(session.endedAt == nil)
        #expect(session.expiredAt == nil)
        #expect(session.mergedInto == nil)
        #expect(session.turnCount == 2)

        try #require(record.turns.count == 2)
        let (question, answer) = (record.turns[0], record.turns[1])
        #expect(question.role == .user)
        #expect(question.content == "Hello there")
        #expect(question.seq == 0)
        #expect(question.sessionID == session.id)
        #expect(question.createdAt == time("2026-10-02T10:00:01Z"))
        #expect(question.replyTo == nil)
        #expect(question.metadata.isEmpty)
        #expect(answer.role == .assistant)
        #expect(answer.seq == 1)
        #expect(answer.createdAt == ms(1_790_935_202_500))
        #expect(answer.replyTo == question.id)
        #expect(answer.metadata == ["tokens": .number(12)])
    }

    @Test func appliesDefaults() throws {
        let line = """
            {"id":"s1","turns":[{"role":"system","content":"be nice","created_at":"2026-10-02T09:59:00Z"},\
            {"role":"user","content":"\\n   \\n  What   is\\tthe answer?  \\nsecond line","created_at":"2026-10-02T10:00:00Z"},\
            {"role":"assistant","content":"42","created_at":"2026-10-02T10:03:00Z"}]}
            """
        let record = try decode(line)
        let session = record.session
        #expect(session.userID == defaultUser)
        #expect(session.context == .general)
        #expect(session.mode == .assistant)
        #expect(session.title == "What is the answer?")
        #expect(session.createdAt == time("2026-10-02T09:59:00Z"))
        #expect(session.lastActivity == time("2026-10-02T10:03:00Z"))
        #expect(session.state == .active)
        #expect(session.metadata.isEmpty)
        #expect(session.summary == nil && session.provider == nil && session.model == nil)
        #expect(session.turnCount == 3)
    }

    @Test func userFromTheLineBeatsTheDefault() throws {
        let record = try decode(#"{"id":"s1","user":"ann","created_at":"2026-10-02","turns":[]}"#)
        #expect(record.session.userID.rawValue == "ann")
        #expect(record.turns.isEmpty)
        #expect(record.session.title == "")
        #expect(record.session.lastActivity == record.session.createdAt)
    }

    @Test func updatedAtIsNeverBeforeTheLastTurn() throws {
        let record = try decode("""
            {"id":"s1","created_at":"2026-10-02T10:00:00Z","updated_at":"2026-10-02T10:01:00Z",\
            "turns":[{"role":"user","content":"q","created_at":"2026-10-02T11:00:00Z"}]}
            """)
        #expect(record.session.lastActivity == time("2026-10-02T11:00:00Z"))
    }

    @Test func turnsWithoutTimeTakeThePreviousTime() throws {
        let record = try decode("""
            {"id":"s1","created_at":"2026-10-02T10:00:00Z",\
            "turns":[{"role":"user","content":"q"},{"role":"assistant","content":"a","created_at":"2026-10-02T10:00:05Z"},\
            {"role":"user","content":"q2"}]}
            """)
        #expect(record.turns.map(\.createdAt) == [
            time("2026-10-02T10:00:00Z"), time("2026-10-02T10:00:05Z"), time("2026-10-02T10:00:05Z"),
        ])
    }

    @Test func derivedTurnIDsAreStableAndPositional() throws {
        let line = """
            {"id":"s1","created_at":"2026-10-02T10:00:00Z","turns":[{"role":"user","content":"same"},\
            {"role":"user","content":"same"},{"role":"assistant","content":"x"}]}
            """
        let first = try decode(line)
        let second = try decode(line)
        #expect(first.turns.map(\.id) == second.turns.map(\.id))
        #expect(first == second)
        #expect(Set(first.turns.map(\.id)).count == 3, "ids must differ by position even with equal content")
        for (index, turn) in first.turns.enumerated() {
            #expect(turn.id == IDGenerator.derivedTurnID(session: first.session.id, index: index))
            // A derived id is itself a valid turn id.
            #expect(try TurnID(turn.id.rawValue) == turn.id)
        }
        let other = try decode(line.replacingOccurrences(of: #""id":"s1""#, with: #""id":"s2""#))
        #expect(Set(other.turns.map(\.id)).isDisjoint(with: first.turns.map(\.id)))
    }

    @Test func explicitTurnIDsAreKept() throws {
        let record = try decode("""
            {"id":"s1","created_at":"2026-10-02T10:00:00Z","turns":[{"id":"q-1","role":"user","content":"q"},\
            {"role":"assistant","content":"a"}]}
            """)
        #expect(record.turns[0].id.rawValue == "q-1")
        #expect(record.turns[1].id == IDGenerator.derivedTurnID(session: record.session.id, index: 1))
        #expect(record.turns[1].replyTo?.rawValue == "q-1")
    }

    @Test func replyToIsInferredForAssistantTurns() throws {
        let record = try decode("""
            {"id":"s1","created_at":"2026-10-02T10:00:00Z","turns":[\
            {"role":"assistant","content":"greeting"},\
            {"id":"q1","role":"user","content":"first"},\
            {"role":"assistant","content":"answer 1"},\
            {"role":"assistant","content":"regenerated answer 1"},\
            {"role":"system","content":"context switched"},\
            {"role":"tool","content":"tool output"},\
            {"id":"q2","role":"user","content":"second"},\
            {"role":"assistant","content":"explicit","reply_to":"q1"},\
            {"role":"assistant","content":"answer 2"}]}
            """)
        #expect(record.turns.map(\.replyTo?.rawValue) == [nil, nil, "q1", "q1", nil, nil, nil, "q1", "q2"])
        #expect(record.turns.map(\.seq) == Array(0..<9))
    }

    @Test func roleNamesAreCaseInsensitive() throws {
        let record = try decode(#"{"id":"s1","created_at":"2026-10-02","mode":"FRIEND","turns":[{"role":"User","content":"q"}]}"#)
        #expect(record.turns[0].role == .user)
        #expect(record.session.mode == .friend)
    }

    @Test func stateEndedWithoutEndedAtEndsAtLastActivity() throws {
        let record = try decode("""
            {"id":"s1","state":"ended","created_at":"2026-10-02T10:00:00Z",\
            "turns":[{"role":"user","content":"q","created_at":"2026-10-02T10:07:00Z"}]}
            """)
        #expect(record.session.state == .ended)
        #expect(record.session.endedAt == time("2026-10-02T10:07:00Z"))
    }
}

@Suite("Interchange round trip")
struct InterchangeRoundTripTests {
    private func fullRecord(state: SessionState = .ended) throws -> SessionRecord {
        let id = try SessionID("01JROUNDTRIP000000000000AB")
        let question = Turn(
            id: try TurnID("t1"), sessionID: id, seq: 0, role: .user,
            content: "Line one\nline \"two\" with / slash and ünïcödé 漢字 😀", createdAt: ms(1_790_935_320_123))
        let answer = Turn(
            id: try TurnID("t2"), sessionID: id, seq: 1, role: .assistant, content: "", createdAt: ms(1_790_935_321_001),
            replyTo: question.id,
            metadata: [
                "model": .string("m"), "tokens": .number(42), "latency": .number(0.25), "ok": .bool(true),
                "error": .null, "contextUsed": .array([.string("fact-1"), .number(2), .object(["k": .bool(false)])]),
            ])
        let note = Turn(
            id: try TurnID("t3"), sessionID: id, seq: 2, role: .system, content: "switched", createdAt: ms(1_790_935_400_000))
        let session = Session(
            id: id, userID: try UserName("me@example.com"), title: "A renamed title", context: try Context("research"),
            mode: .friend, createdAt: ms(1_790_935_300_000), lastActivity: ms(1_790_935_500_000),
            endedAt: state == .ended ? ms(1_790_935_600_000) : nil,
            expiredAt: state == .expired ? ms(1_790_935_700_000) : nil,
            mergedInto: try SessionID("01JOTHER"), summary: "summary text", provider: "anthropic", model: "claude",
            metadata: ["tags": .array([.string("a"), .string("b")]), "pinned": .bool(true), "score": .number(-1.5)],
            turnCount: 3, state: state)
        return SessionRecord(session: session, turns: [question, answer, note])
    }

    @Test("explicit fields survive encode -> decode", arguments: [SessionState.ended, .expired, .active])
    func isLossless(_ state: SessionState) throws {
        let record = try fullRecord(state: state)
        let line = Interchange.encode(record)
        #expect(!line.contains("\n"))
        let decoded = try Interchange.decode(line: Data(line.utf8), defaultUser: defaultUser)
        #expect(decoded == record)
        #expect(Interchange.encode(decoded) == line)
    }

    @Test func encodesTheDocumentedShape() throws {
        let line = Interchange.encode(try fullRecord())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["id"] as? String == "01JROUNDTRIP000000000000AB")
        #expect(object["user"] as? String == "me@example.com")
        #expect(object["context"] as? String == "research")
        #expect(object["mode"] as? String == "friend")
        #expect(object["title"] as? String == "A renamed title")
        #expect(object["created_at"] as? String == "2026-10-02T10:01:40.000Z")
        #expect(object["updated_at"] as? String == "2026-10-02T10:05:00.000Z")
        #expect(object["state"] as? String == "ended")
        #expect(object["ended_at"] as? String == "2026-10-02T10:06:40.000Z")
        let turns = try #require(object["turns"] as? [[String: Any]])
        #expect(turns.count == 3)
        #expect(turns[0]["role"] as? String == "user")
        #expect(turns[0]["created_at"] as? String == "2026-10-02T10:02:00.123Z")
        #expect(turns[1]["reply_to"] as? String == "t1")
        #expect(turns[0]["metadata"] == nil, "empty metadata is omitted")
        // Keys are sorted and slashes are not escaped, for stable diffs.
        #expect(line.hasPrefix(#"{"context":"research","#))
        #expect(line.contains("with / slash"))
    }

    @Test func minimalRecordRoundTrips() throws {
        let id = try SessionID("s")
        let record = SessionRecord(
            session: Session(id: id, userID: defaultUser, createdAt: ms(-14_182_940_000)), turns: [])
        let decoded = try Interchange.decode(line: Data(Interchange.encode(record).utf8), defaultUser: try UserName("other"))
        #expect(decoded == record)
    }

    @Test func reencodingADecodedLineIsStable() throws {
        let line = """
            {"id":"s1","turns":[{"role":"user","content":"q","created_at":"2026-10-02T10:00:00+02:00"},\
            {"role":"assistant","content":"a"}]}
            """
        let once = try decode(line)
        let encoded = Interchange.encode(once)
        let twice = try decode(encoded, user: try UserName("someone-else"))
        #expect(twice == once)
        #expect(Interchange.encode(twice) == encoded)
    }
}

@Suite("Interchange errors")
struct InterchangeErrorTests {
    @Test("invalid JSON", arguments: ["", "{", "{not json}", "nul", #"{"id":"s1","turns":[]"#, "\u{FF}\u{FE}"])
    func invalidJSON(_ line: String) {
        let error = decodeError(line)
        guard case .invalidJSON = error else {
            Issue.record("expected invalidJSON, got \(String(describing: error))")
            return
        }
        #expect(error?.description.contains("not a JSON object") == true)
    }

    @Test("a JSON value that is not an object", arguments: ["[]", "42", #""text""#, "null"])
    func notAnObject(_ line: String) {
        let error = decodeError(line)
        guard case .invalidJSON = error else {
            Issue.record("expected invalidJSON for \(line), got \(String(describing: error)): \(error?.description ?? "")")
            return
        }
    }

    @Test func missingTurns() {
        let error = decodeError(#"{"id":"s1","created_at":"2026-10-02"}"#)
        #expect(error == .missingField("turns"))
        #expect(error?.description == #"missing field "turns""#)
    }

    @Test func missingID() {
        #expect(decodeError(#"{"turns":[]}"#) == .missingField("id"))
    }

    @Test func missingCreatedAtWithoutTurns() {
        #expect(decodeError(#"{"id":"s1","turns":[]}"#) == .missingField("created_at"))
        #expect(decodeError(#"{"id":"s1","turns":[{"role":"user","content":"no time"}]}"#) == .missingField("created_at"))
    }

    @Test func missingTurnField() {
        #expect(decodeError(#"{"id":"s1","created_at":"2026-10-02","turns":[{"role":"user","content":"q"},{"role":"user"}]}"#)
            == .missingField("turns[1].content"))
        #expect(decodeError(#"{"id":"s1","created_at":"2026-10-02","turns":[{"content":"q"}]}"#)
            == .missingField("turns[0].role"))
    }

    @Test func turnsOfTheWrongType() throws {
        let error = try #require(decodeError(#"{"id":"s1","created_at":"2026-10-02","turns":"x"}"#))
        guard case .invalidField(let field, let reason) = error else {
            Issue.record("expected invalidField, got \(error)")
            return
        }
        #expect(field == "turns")
        #expect(reason.contains("array"))
        #expect(error.description.contains(#""turns""#))
    }

    @Test func otherWrongTypes() {
        let contentNumber = decodeError(#"{"id":"s1","created_at":"2026-10-02","turns":[{"role":"user","content":5}]}"#)
        guard case .invalidField(let field, let reason) = contentNumber else {
            Issue.record("expected invalidField, got \(String(describing: contentNumber))")
            return
        }
        #expect(field == "turns[0].content")
        #expect(reason.contains("string"))
        guard case .invalidField("id", _) = decodeError(#"{"id":7,"turns":[]}"#) else {
            Issue.record("expected invalidField(id)")
            return
        }
        guard case .invalidField("id", let nullReason) = decodeError(#"{"id":null,"turns":[]}"#) else {
            Issue.record("expected invalidField(id) for null")
            return
        }
        #expect(nullReason.contains("null"))
        guard case .invalidField("metadata", _) = decodeError(#"{"id":"s","created_at":"2026-10-02","metadata":[1],"turns":[]}"#)
        else {
            Issue.record("expected invalidField(metadata)")
            return
        }
    }

    @Test func badRoleNamesTheTurn() throws {
        let error = try #require(decodeError("""
            {"id":"s1","created_at":"2026-10-02","turns":[{"role":"user","content":"q"},{"role":"robot","content":"a"}]}
            """))
        guard case .invalidField(let field, let reason) = error else {
            Issue.record("expected invalidField, got \(error)")
            return
        }
        #expect(field == "turns[1].role")
        #expect(reason.contains("'robot' is not a role"))
        #expect(error.description.contains("turns[1].role"))
    }

    @Test("bad times name their field", arguments: [
        (#"{"id":"s1","created_at":"yesterday","turns":[]}"#, "created_at"),
        (#"{"id":"s1","created_at":"2026-10-02","updated_at":"2026-13-01","turns":[]}"#, "updated_at"),
        (#"{"id":"s1","created_at":"2026-10-02","ended_at":"2026-02-30","turns":[]}"#, "ended_at"),
        (#"{"id":"s1","created_at":"2026-10-02","expired_at":"x","turns":[]}"#, "expired_at"),
        (#"{"id":"s1","turns":[{"role":"user","content":"q","created_at":"2026-10-02T25:00Z"}]}"#, "turns[0].created_at"),
        (#"{"id":"s1","created_at":"2026-10-02","turns":[{"role":"user","content":"q"},{"role":"user","content":"q","created_at":"10:00"}]}"#,
         "turns[1].created_at"),
    ])
    func badTime(_ line: String, _ expectedField: String) throws {
        let error = try #require(decodeError(line))
        guard case .invalidField(let field, let reason) = error else {
            Issue.record("expected invalidField, got \(error)")
            return
        }
        #expect(field == expectedField)
        #expect(reason.contains("ISO-8601"))
        #expect(error.description.contains(expectedField))
    }

    @Test("bad values name their field", arguments: [
        (#"{"id":"a/b","created_at":"2026-10-02","turns":[]}"#, "id", "'/'"),
        (#"{"id":"","created_at":"2026-10-02","turns":[]}"#, "id", "empty"),
        (#"{"id":"s","user":"../etc","created_at":"2026-10-02","turns":[]}"#, "user", "user name"),
        (#"{"id":"s","context":"has space","created_at":"2026-10-02","turns":[]}"#, "context", "not a valid context"),
        (#"{"id":"s","mode":"enemy","created_at":"2026-10-02","turns":[]}"#, "mode", "not a mode"),
        (#"{"id":"s","state":"paused","created_at":"2026-10-02","turns":[]}"#, "state", "not a session state"),
        (#"{"id":"s","merged_into":"x/y","created_at":"2026-10-02","turns":[]}"#, "merged_into", "'/'"),
        (#"{"id":"s","created_at":"2026-10-02","turns":[{"id":"..","role":"user","content":"q"}]}"#, "turns[0].id", "turn id"),
        (#"{"id":"s","created_at":"2026-10-02","turns":[{"role":"user","content":"q"},{"role":"assistant","content":"a","reply_to":"a b"}]}"#,
         "turns[1].reply_to", "turn id"),
    ])
    func badValue(_ line: String, _ expectedField: String, _ reasonFragment: String) throws {
        let error = try #require(decodeError(line))
        guard case .invalidField(let field, let reason) = error else {
            Issue.record("expected invalidField, got \(error)")
            return
        }
        #expect(field == expectedField)
        #expect(reason.contains(reasonFragment), "reason: \(reason)")
        #expect(error.description.hasPrefix("field \"\(expectedField)\""))
    }
}
