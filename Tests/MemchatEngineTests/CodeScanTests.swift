import Foundation
import MemchatCore
import MemchatStore
import MemchatTestSupport
import Testing

@testable import MemchatEngine

/// The index's scan on real files: what the shortlist holds when many records share a
/// code, and how a request's mark moves it back.
@Suite("Code scan")
struct CodeScanTests {
    static func files(_ directory: TemporaryDirectory) throws -> TurnIndexFiles {
        TurnIndexFiles(directory: directory.path, user: try UserName("ana"), layout: .encoder, codecID: 7, lockTimeout: 5)
    }

    static func record(_ number: Int, code: (UInt64, UInt64), request: Bool = false) throws -> TurnIndexRecord {
        TurnIndexRecord(
            code: code, turnID: try TurnID("t\(number)"), clause: 0, vector: [Int8](repeating: 1, count: SentenceEncoder.dimensions),
            isRequest: request)
    }

    /// `code` with its first `bits` bits flipped.
    static func flipped(_ code: (UInt64, UInt64), _ bits: Int) -> (UInt64, UInt64) {
        (code.0 ^ (bits >= 64 ? ~0 : (1 << UInt64(bits)) - 1), code.1)
    }

    @Test func aThousandCopiesOfOneCodeLeaveRoomForTheOtherRecords() throws {
        let directory = try TemporaryDirectory(prefix: "memchat-code-scan")
        let files = try Self.files(directory)
        let query: (UInt64, UInt64) = (0x0123_4567_89AB_CDEF, 0x0FED_CBA9_8765_4321)
        // "Thanks!" a thousand times, exactly at the query's code; then ten other records further off.
        var records = try (0..<1000).map { try Self.record($0, code: query) }
        records += try (0..<10).map { try Self.record(1000 + $0, code: Self.flipped(query, 10 + $0)) }
        #expect(try files.append(records, from: nil, to: .empty))

        let shortlist = try CodeScan.shortlist(files: files, records: records.count, query: query, count: 12)
        #expect(shortlist.positions.count == 12)
        #expect(shortlist.positions.filter { $0 < 1000 }.count == CodeScan.recordsPerCode, "the newest copies only")
        #expect(shortlist.positions.filter { $0 < 1000 } == [999, 998])
        #expect(Array(shortlist.positions.filter { $0 >= 1000 }) == Array(1000..<1010), "the others, nearest first")
    }

    @Test func aRequestCountsItsPenaltyFurtherAway() throws {
        let directory = try TemporaryDirectory(prefix: "memchat-code-scan")
        let files = try Self.files(directory)
        let query: (UInt64, UInt64) = (0x0123_4567_89AB_CDEF, 0x0FED_CBA9_8765_4321 & ~TurnIndexLayout.requestBit)
        let records = [
            try Self.record(0, code: query, request: true),
            try Self.record(1, code: Self.flipped(query, 15)),
            try Self.record(2, code: Self.flipped(query, 25)),
        ]
        #expect(try files.append(records, from: nil, to: .empty))
        let layout = TurnIndexLayout.encoder
        let marked = try CodeScan.shortlist(
            files: files, records: 3, query: query, count: 3, flag: TurnIndexLayout.requestBit, penalty: layout.requestPenaltyBits)
        #expect(marked.positions == [1, 0, 2])
        #expect(marked.distance(of: 0) == Int(layout.requestPenaltyBits), "its own bits equal, the mark left out")
        let unmarked = try CodeScan.shortlist(files: files, records: 3, query: query, count: 3)
        #expect(unmarked.positions == [0, 1, 2], "without the flag the mark is one bit like any other")
    }
}

/// Which of a turn's encoder records are marked as requests, in the code and the entry alike.
@Suite("Request marks")
struct RequestMarkTests {
    @Test func theRecordsOfARequestAreMarkedAndItsStatementIsNot() async throws {
        let directory = try TemporaryDirectory(prefix: "memchat-request-marks")
        let store = try SQLiteStore.open(path: directory.file("memchat.sqlite"), expirationHours: 168)
        let index = SemanticTurnIndex.encoder(directory: directory.path)
        let user = try UserName("ana")
        let session = try await store.createSession(SessionDraft(userID: user, context: .general))
        for text in [
            "What's a good warm-up before a long run? I've signed up for the Yorkshire Marathon in October.",
            "I moved to Leeds last month, and the boiler is broken again.", "Give me a shopping list for the week.",
        ] {
            _ = try await store.appendTurn(TurnDraft(role: .user, content: text), to: session.id)
        }
        try await index.catchUp(store: store, user: user)
        let encoder = try SentenceEncoder.shared()
        let files = TurnIndexFiles(
            directory: directory.path, user: user, layout: .encoder,
            codecID: TurnCodec.projected(dimensions: SentenceEncoder.dimensions, model: encoder.fingerprint).id, lockTimeout: 5)
        let records = try index.recordCount(user: user)
        let codes = try files.readCodes(at: Array(0..<records))
        var entryMarks: [Bool] = []
        try files.readEntries(at: Array(0..<records)) { _, entry in entryMarks.append(entry[TurnIndexRecord.requestOffset] == 1) }
        let codeMarks = codes.map { $0.1 & TurnIndexLayout.requestBit != 0 }
        // The run (whole, its question, its statement), the move (whole and two
        // statements), the shopping list (one clause).
        #expect(entryMarks == [true, true, false, false, false, false, true])
        #expect(codeMarks == entryMarks)
    }
}
