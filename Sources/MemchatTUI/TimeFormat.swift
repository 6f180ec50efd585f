import Foundation

/// Times as the TUI shows them, in the user's time zone.
enum TimeFormat {
    /// `10:02` today, `Nov 21 10:02` another day.
    static func clock(_ date: Date, now: Date, timeZone: TimeZone) -> String {
        Formatters.shared.clock(date, now: now, timeZone: timeZone)
    }

    /// Formatters are costly to make and every frame shows many times: one set per time
    /// zone, kept. A lock, because tests render on several threads.
    private final class Formatters: @unchecked Sendable {
        static let shared = Formatters()
        private let lock = NSLock()
        private var byZone: [String: (calendar: Calendar, today: DateFormatter, other: DateFormatter)] = [:]
        /// The day `now` falls in, per zone: asking the calendar for every line is slow.
        private var days: [String: DateInterval] = [:]

        func clock(_ date: Date, now: Date, timeZone: TimeZone) -> String {
            lock.withLock {
                let set = byZone[timeZone.identifier] ?? make(timeZone)
                byZone[timeZone.identifier] = set
                var day = days[timeZone.identifier]
                if day?.contains(now) != true {
                    day = set.calendar.dateInterval(of: .day, for: now)
                    days[timeZone.identifier] = day
                }
                let today = day.map { $0.start <= date && date < $0.end } ?? false
                return (today ? set.today : set.other).string(from: date)
            }
        }

        private func make(_ timeZone: TimeZone) -> (calendar: Calendar, today: DateFormatter, other: DateFormatter) {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            func formatter(_ format: String) -> DateFormatter {
                let formatter = DateFormatter()
                formatter.locale = Locale(identifier: "en_US_POSIX")
                formatter.timeZone = timeZone
                formatter.dateFormat = format
                return formatter
            }
            return (calendar, formatter("HH:mm"), formatter("MMM d HH:mm"))
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
