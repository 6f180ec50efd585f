import Foundation

/// Times as the TUI shows them, in the user's time zone.
enum TimeFormat {
    /// `10:02` today, `Nov 21 10:02` another day.
    static func clock(_ date: Date, now: Date, timeZone: TimeZone) -> String {
        Formatters.shared.clock(date, now: now, timeZone: timeZone)
    }

    /// Calendars per time zone, kept. Times are put together from calendar components:
    /// a DateFormatter loads ICU on first use, about 13 ms of the first frame.
    private final class Formatters: @unchecked Sendable {
        static let shared = Formatters()
        private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        private let lock = NSLock()
        private var calendars: [String: Calendar] = [:]

        func clock(_ date: Date, now: Date, timeZone: TimeZone) -> String {
            let calendar = lock.withLock {
                let calendar = calendars[timeZone.identifier] ?? Self.calendar(timeZone)
                calendars[timeZone.identifier] = calendar
                return calendar
            }
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
            let time = Self.twoDigits(parts.hour) + ":" + Self.twoDigits(parts.minute)
            let today = calendar.dateComponents([.year, .month, .day], from: now)
            if parts.year == today.year, parts.month == today.month, parts.day == today.day { return time }
            let month = Self.months[max(0, min(11, (parts.month ?? 1) - 1))]
            return "\(month) \(parts.day ?? 1) \(time)"
        }

        private static func calendar(_ timeZone: TimeZone) -> Calendar {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            return calendar
        }

        private static func twoDigits(_ value: Int?) -> String {
            let value = value ?? 0
            return value < 10 ? "0\(value)" : String(value)
        }
    }

    /// `now`, `5m`, `3h`, `yesterday`, `4d`, `6w`, `2y`.
    static func ago(_ date: Date, now: Date) -> String {
        let seconds = max(0, now.timeIntervalSince(date))
        switch seconds {
        case ..<60: return "now"
        case ..<3600: return "\(Int(seconds / 60))m"
        case ..<86_400: return "\(Int(seconds / 3600))h"
        case ..<172_800: return "yesterday"
        case ..<(14 * 86_400): return "\(Int(seconds / 86_400))d"
        case ..<(365 * 86_400): return "\(Int(seconds / (7 * 86_400)))w"
        default: return "\(Int(seconds / (365 * 86_400)))y"
        }
    }
}
