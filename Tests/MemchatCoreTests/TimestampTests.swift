import Foundation
import Testing
@testable import MemchatCore

/// Milliseconds since 1970 of a parsed timestamp, or nil when it does not parse.
private func parsedMillis(_ text: String) -> Int64? {
    Timestamp.parse(text).map(Timestamp.milliseconds)
}

@Suite("Timestamp")
struct TimestampTests {
    // Expected values computed with Python's datetime (UTC).
    @Test("parses to known epoch values", arguments: [
        ("2026-10-02T10:02:00.123Z", Int64(1_790_935_320_123)),
        ("2026-10-02T10:02:00Z", 1_790_935_320_000),
        ("2026-10-02T10:02:00+02:00", 1_790_928_120_000),
        ("2026-10-02T10:02:00-0530", 1_790_955_120_000),
        ("2026-10-02T10:02:00-05:30", 1_790_955_120_000),
        ("2026-10-02T10:02:00", 1_790_935_320_000),
        ("2026-10-02T10:02", 1_790_935_320_000),
        ("2026-10-02 10:02:00.123Z", 1_790_935_320_123),
        ("2026-10-02t10:02:00.123z", 1_790_935_320_123),
        ("2026-10-02", 1_790_899_200_000),
        ("1970-01-01T00:00:00Z", 0),
        ("1969-12-31T23:59:59.999Z", -1),
        ("1969-07-20T20:17:40Z", -14_182_940_000),
        ("1900-01-01T00:00:00Z", -2_208_988_800_000),
        ("2024-02-29T12:34:56.789Z", 1_709_210_096_789),
        ("2000-02-29T00:00:00Z", 951_782_400_000),
        ("1960-02-29T23:59:59.999Z", -310_435_200_001),
        ("0001-01-01T00:00:00Z", -62_135_596_800_000),
        ("9999-12-31T23:59:59.999Z", 253_402_300_799_999),
    ])
    func parsesKnownValues(_ text: String, _ millis: Int64) {
        #expect(parsedMillis(text) == millis)
    }

    @Test func roundsExtraFractionDigitsToMilliseconds() {
        #expect(parsedMillis("2026-10-02T10:02:00.1239Z") == 1_790_935_320_124)
        #expect(parsedMillis("2026-10-02T10:02:00.5Z") == 1_790_935_320_500)
        #expect(parsedMillis("2026-10-02T10:02:00,25Z") == 1_790_935_320_250)
    }

    @Test func formatsUTCWithMilliseconds() {
        #expect(Timestamp.format(Date(timeIntervalSince1970: 1_790_935_320.123)) == "2026-10-02T10:02:00.123Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(Timestamp.format(Timestamp.date(milliseconds: -1)) == "1969-12-31T23:59:59.999Z")
        #expect(Timestamp.format(Timestamp.date(milliseconds: -14_182_940_000)) == "1969-07-20T20:17:40.000Z")
        #expect(Timestamp.format(Timestamp.date(milliseconds: 951_782_400_000)) == "2000-02-29T00:00:00.000Z")
        #expect(Timestamp.format(Timestamp.date(milliseconds: -310_435_200_001)) == "1960-02-29T23:59:59.999Z")
        #expect(Timestamp.format(Timestamp.date(milliseconds: -62_135_596_800_000)) == "0001-01-01T00:00:00.000Z")
    }

    @Test func formatRoundsToTheNearestMillisecond() {
        #expect(Timestamp.format(Date(timeIntervalSince1970: 1.0006)) == "1970-01-01T00:00:01.001Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: 1.0004)) == "1970-01-01T00:00:01.000Z")
    }

    @Test("format then parse gives the same millisecond", arguments: [
        Int64(0), 1, -1, 999, -999, 1_790_935_320_123, -14_182_940_000, 951_782_400_000, 951_868_799_999,
        -310_435_200_001, 1_709_210_096_789, 4_107_542_400_000, -2_208_988_800_000, 253_402_300_799_999,
    ])
    func roundTrips(_ millis: Int64) throws {
        let date = Timestamp.date(milliseconds: millis)
        let text = Timestamp.format(date)
        let parsed = try #require(Timestamp.parse(text), "\(text) did not parse")
        #expect(Timestamp.milliseconds(parsed) == millis)
        #expect(parsed == date)
        #expect(Timestamp.format(parsed) == text)
    }

    @Test func roundTripsEveryDayAcrossLeapYears() throws {
        // Every day from 1896-01-01 to 2104-12-31 (1900 and 2100 are not leap years, 2000 is).
        var millis: Int64 = -2_335_219_200_000
        let end: Int64 = 4_260_211_200_000  // 2105-01-01
        var previous = ""
        while millis < end {
            let text = Timestamp.format(Timestamp.date(milliseconds: millis + 45_296_789))
            #expect(text > previous, "dates must format in increasing order: \(previous) then \(text)")
            let parsed = try #require(Timestamp.parse(text), "\(text) did not parse")
            #expect(Timestamp.milliseconds(parsed) == millis + 45_296_789)
            previous = text
            millis += 86_400_000
        }
    }

    @Test func leapDays() {
        #expect(Timestamp.parse("2024-02-29") != nil)
        #expect(Timestamp.parse("2000-02-29") != nil)
        #expect(Timestamp.parse("2023-02-29") == nil)
        #expect(Timestamp.parse("1900-02-29") == nil)
        #expect(Timestamp.parse("2100-02-29T00:00Z") == nil)
        #expect(Timestamp.format(Timestamp.date(milliseconds: 1_709_164_800_000 + 86_400_000)) == "2024-03-01T00:00:00.000Z")
    }

    @Test("rejects malformed text", arguments: [
        "", "garbage", "2026", "2026-10", "2026-13-01", "2026-00-10", "2026-02-30", "2026-04-31", "2026-10-00",
        "2026-10-32", "2026-10-02T25:00Z", "2026-10-02T24:00Z", "2026-10-02T10:60Z", "2026-10-02T10:02:61Z",
        "2026-10-02T10", "2026-10-02T", "2026-10-02T10:02:00.Z", "2026-10-02T10:02:00+2", "2026-10-02T10:02:00+02",
        "2026-10-02T10:02:00+25:00", "2026-10-02T10:02:00 UTC", "2026-10-02T10:02:00ZZ", " 2026-10-02",
        "2026-10-02 ", "2026/10/02", "26-10-02", "2026-1-02", "2026-10-02X10:02", "1790935320",
        "2026-10-02T10:02:00.123Zjunk", "２０２６-10-02",
    ])
    func rejectsGarbage(_ text: String) {
        #expect(Timestamp.parse(text) == nil, "'\(text)' should not parse")
    }

    @Test func millisecondHelpers() {
        let date = Date(timeIntervalSince1970: 12.3456)
        #expect(Timestamp.milliseconds(date) == 12_346)
        #expect(Timestamp.roundedToMilliseconds(date) == Timestamp.date(milliseconds: 12_346))
        #expect(Timestamp.milliseconds(Timestamp.date(milliseconds: -1)) == -1)
        #expect(Timestamp.milliseconds(Timestamp.date(milliseconds: 1_790_935_320_123)) == 1_790_935_320_123)
    }
}
