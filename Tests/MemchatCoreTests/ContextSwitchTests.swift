import Foundation
import Testing
import MemchatCore

@Suite("Per-turn context")
struct ContextSwitchTests {
    static let start = Date(timeIntervalSince1970: 1_790_000_000)

    static func turn(_ seq: Int, _ role: Role, _ content: String = "", metadata: Metadata = [:], context: Context? = nil) throws -> Turn {
        Turn(
            id: try TurnID("t\(seq)"), sessionID: try SessionID("s1"), seq: seq, role: role, content: content,
            createdAt: start.addingTimeInterval(Double(seq)), metadata: metadata, context: context)
    }

    static func event(_ seq: Int, from: String, to: String) throws -> Turn {
        try turn(seq, .system, "context switched from \(from) to \(to)", metadata: [
            "event": .string("context_switch"), "from": .string(from), "to": .string(to),
        ])
    }

    @Test func anEventTurnIsReadBackAsTheSwitchItRecords() throws {
        let change = ContextSwitch(
            from: .init(context: .work, mode: .assistant), to: .init(context: try Context("garden-club"), mode: .friend))
        let recorded = try Self.turn(0, .system, change.content, metadata: change.metadata)
        #expect(change.content == "context switched from work/assistant to garden-club/friend")
        #expect(ContextSwitch(event: recorded) == change)
        #expect(change.keptContext == .work && change.keptMode == .assistant)

        // Not events: another role, another event, footings that do not parse.
        var asked = recorded
        asked.role = .user
        #expect(ContextSwitch(event: asked) == nil)
        #expect(ContextSwitch(event: try Self.turn(1, .system, metadata: ["event": .string("other")])) == nil)
        #expect(ContextSwitch(event: try Self.event(2, from: "Not A Context/assistant", to: "work/friend")) == nil)
        #expect(ContextSwitch(event: try Self.event(3, from: "work", to: "work/friend")) == nil)
        #expect(ContextSwitch(event: try Self.event(4, from: "work/boss", to: "work/friend")) == nil)
    }

    @Test func turnsBeforeEachRecordedSwitchGetWhatItKept() throws {
        let turns = [
            try Self.turn(0, .user, "asked in work"),
            try Self.turn(1, .user, "named its own", context: .creative),
            try Self.event(2, from: "work/assistant", to: "personal/assistant"),
            try Self.turn(3, .user, "asked in personal/assistant"),
            // Only the mode changes: earlier turns keep the mode, their context is settled above.
            try Self.event(4, from: "personal/assistant", to: "personal/friend"),
            try Self.turn(5, .user, "asked in personal/friend"),
            try Self.event(6, from: "personal/friend", to: "work/friend"),
            try Self.turn(7, .user, "asked where the session stands"),
        ]
        let settled = ContextSwitch.settleRecorded(in: turns)
        #expect(settled.map(\.context) == [.work, .creative, .personal, .personal, .personal, .personal, nil, nil])
        #expect(settled.map(\.mode) == [.assistant, .assistant, .assistant, .assistant, nil, nil, nil, nil])
        #expect(ContextSwitch.settleRecorded(in: settled) == settled)
        #expect(ContextSwitch.settleRecorded(in: [try Self.turn(0, .user)]) == [try Self.turn(0, .user)])
    }

    @Test func aTurnsEffectiveContextIsItsOwnElseItsSessions() throws {
        let session = Session(id: try SessionID("s1"), userID: try UserName("ana"), context: .personal, mode: .friend, createdAt: Self.start)
        let plain = try Self.turn(0, .user)
        let own = try Self.turn(1, .user, context: .work)
        #expect(plain.effectiveContext(in: session) == .personal && plain.effectiveMode(in: session) == .friend)
        #expect(own.effectiveContext(in: session) == .work && own.effectiveMode(in: session) == .friend)
        let resolved = plain.resolved(in: session)
        #expect(resolved.context == .personal && resolved.mode == .friend)

        let change = ContextSwitch(of: session, to: .personal, mode: .assistant)
        let settled = plain.settled(before: change)
        #expect(settled.context == nil && settled.mode == .friend, "only what the switch changes is kept")
        #expect(own.settled(before: change).context == .work)
    }

    @Test func theInterchangeCarriesATurnsOwnContextAndModeOnly() throws {
        let line = """
            {"id":"s1","context":"personal","mode":"friend","created_at":"2026-10-02T10:00:00Z","turns":[\
            {"role":"user","content":"asked in work","context":"work","mode":"assistant"},\
            {"role":"user","content":"asked here"}]}
            """
        let record = try Interchange.decode(line: Data(line.utf8), defaultUser: try UserName("ana"))
        #expect(record.turns.map(\.context) == [.work, nil])
        #expect(record.turns.map(\.mode) == [.assistant, nil])

        let encoded = Interchange.encode(record)
        #expect(encoded.contains(#"{"content":"asked in work","context":"work","created_at""#))
        #expect(encoded.contains(#""mode":"assistant","role":"user"}"#))
        #expect(encoded.contains(#"{"content":"asked here","created_at":"2026-10-02T10:00:00.000Z","id":"#))
        #expect(try Interchange.decode(line: Data(encoded.utf8), defaultUser: try UserName("ana")) == record)

        let bad = #"{"id":"s1","created_at":"2026-10-02T10:00:00Z","turns":[{"role":"user","content":"x","context":"Not Valid"}]}"#
        #expect(throws: InterchangeError.invalidField(
            field: "turns[0].context",
            reason: "'Not Valid' is not a valid context; use work, personal, creative, general or a custom name of 1-32 letters, digits, '-' or '_'")) {
            try Interchange.decode(line: Data(bad.utf8), defaultUser: try UserName("ana"))
        }
        let badMode = #"{"id":"s1","created_at":"2026-10-02T10:00:00Z","turns":[{"role":"user","content":"x","mode":"boss"}]}"#
        #expect(throws: InterchangeError.invalidField(field: "turns[0].mode", reason: "'boss' is not a mode; use assistant or friend")) {
            try Interchange.decode(line: Data(badMode.utf8), defaultUser: try UserName("ana"))
        }
    }
}
