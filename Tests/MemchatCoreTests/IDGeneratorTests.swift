import Foundation
import Testing
@testable import MemchatCore

@Suite("IDGenerator")
struct IDGeneratorTests {
    private let generator = IDGenerator()
    private let crockford = Set("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    @Test func idsAre26CrockfordCharacters() throws {
        for millis: Int64 in [0, 1, 1_790_935_320_123, 4_102_444_800_000] {
            let id = generator.makeID(at: Timestamp.date(milliseconds: millis))
            #expect(id.count == 26)
            #expect(id.allSatisfy { crockford.contains($0) }, "\(id)")
        }
    }

    @Test func idsAreValidSessionAndTurnIDs() throws {
        let date = Date(timeIntervalSince1970: 1_790_935_320.123)
        for _ in 0..<50 {
            let session = generator.sessionID(at: date)
            #expect(try SessionID(session.rawValue) == session)
            #expect(session.rawValue.count == 26)
            let turn = generator.turnID(at: date)
            #expect(try TurnID(turn.rawValue) == turn)
        }
    }

    @Test func timePrefixEncodesMilliseconds() {
        #expect(generator.makeID(at: Date(timeIntervalSince1970: 0)).prefix(10) == "0000000000")
        #expect(generator.makeID(at: Timestamp.date(milliseconds: 1)).prefix(10) == "0000000001")
        #expect(generator.makeID(at: Timestamp.date(milliseconds: 32)).prefix(10) == "0000000010")
        // 1790935320123 in Crockford base32, 10 digits.
        #expect(generator.makeID(at: Timestamp.date(milliseconds: 1_790_935_320_123)).prefix(10) == "01M3Y10HHV")
        // Times before 1970 clamp to zero rather than crash.
        #expect(generator.makeID(at: Date(timeIntervalSince1970: -5)).prefix(10) == "0000000000")
    }

    /// The milliseconds encoded in the first 10 characters of an id.
    private func encodedMillis(_ id: String) -> Int64 {
        let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
        return id.prefix(10).reduce(Int64(0)) { $0 * 32 + Int64(alphabet.firstIndex(of: $1)!) }
    }

    @Test func timePrefixIsTheExactMillisecondOfAMillisecondPreciseDate() {
        // Stores pass whole-millisecond dates (SystemClock and ManualClock round to ms);
        // the id must carry that millisecond, not the one before it.
        var wrong: [Int64] = []
        for millis in Array(Int64(0)..<3000) + [546_467_608_379, 1_093_322_788_258, 2_187_261_618_423, 1_790_935_320_123] {
            let id = generator.makeID(at: Timestamp.date(milliseconds: millis))
            if encodedMillis(id) != millis { wrong.append(millis) }
        }
        #expect(wrong.count == 0, "encoded the wrong millisecond for \(wrong.count) dates, e.g. \(wrong.prefix(5))")
    }

    @Test func sameMillisecondIdsDiffer() {
        let date = Date(timeIntervalSince1970: 1_790_935_320.123)
        let ids = (0..<1000).map { _ in generator.makeID(at: date) }
        #expect(Set(ids).count == ids.count)
        #expect(Set(ids.map { $0.prefix(10) }).count == 1)
    }

    @Test func idsSortByCreationTime() {
        let start: Int64 = 1_790_935_320_000
        let offsets: [Int64] = [0, 1, 2, 31, 32, 33, 999, 1000, 1023, 1024, 86_400_000, 31_536_000_000, 1 << 40]
        let dates = offsets.map { Timestamp.date(milliseconds: start + $0) }
        for _ in 0..<20 {
            let sessions = dates.map { generator.sessionID(at: $0) }
            #expect(sessions.sorted() == sessions)
            #expect(sessions.map(\.rawValue).sorted() == sessions.map(\.rawValue))
        }
        // Adjacent milliseconds, whatever the random part.
        for millis in stride(from: start, to: start + 2000, by: 1) {
            let earlier = generator.makeID(at: Timestamp.date(milliseconds: millis))
            let later = generator.makeID(at: Timestamp.date(milliseconds: millis + 1))
            #expect(earlier < later)
        }
    }

    @Test func derivedTurnIDsAreDeterministicAndValid() throws {
        let session = try SessionID("01JSESSION")
        let a = IDGenerator.derivedTurnID(session: session, index: 0)
        #expect(a == IDGenerator.derivedTurnID(session: session, index: 0))
        #expect(a.rawValue.hasPrefix("imp"))
        #expect(try TurnID(a.rawValue) == a)
        let many = (0..<500).map { IDGenerator.derivedTurnID(session: session, index: $0) }
        #expect(Set(many).count == 500)
        #expect(IDGenerator.derivedTurnID(session: try SessionID("01JSESSIOM"), index: 0) != a)
        // "s1" #11 and "s11" #1 hash different strings ("s1#11" vs "s11#1").
        #expect(IDGenerator.derivedTurnID(session: try SessionID("s1"), index: 11)
            != IDGenerator.derivedTurnID(session: try SessionID("s11"), index: 1))
    }
}
