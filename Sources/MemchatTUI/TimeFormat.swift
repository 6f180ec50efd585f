import Foundation

/// Times as the TUI shows them, in the user's time zone.
enum TimeFormat {
    /// `10:02` today, `Nov 21 10:02` another day.
    static func clock(_ date: Date, now: Date, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = calendar.isDate(date, inSameDayAs: now) ? "HH:mm" : "MMM d HH:mm"
        return formatter.string(from: date)
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
