import MemchatCore

/// Commands typed in the message box that act on the UI: `/context NAME`, `/mode NAME`,
/// `/model NAME`, `/new`, `/sessions`, `/incognito`, `/help`, `/quit`. Memory commands
/// (`/remember`, `/forget`) are `SlashCommand`s, shared with `memchat ask`.
enum UICommand: Equatable {
    case context(Context)
    case mode(Mode)
    case model(String)
    case new, sessions, incognito, help, quit
    case invalid(String)

    static let usage = "/context NAME, /mode assistant|friend, /model NAME, /new, /sessions, /incognito, /remember TEXT, /forget ID|TEXT, /help, /quit"

    /// nil when `text` is not one of these commands.
    static func parse(_ text: String) -> UICommand? {
        guard text.hasPrefix("/") else { return nil }
        let parts = text.dropFirst().split(separator: " ", maxSplits: 1).map(String.init)
        let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        switch parts.first?.lowercased() ?? "" {
        case "context":
            guard let context = try? Context(argument) else { return .invalid("/context needs a name: work, personal, creative, general or your own") }
            return .context(context)
        case "mode":
            guard let mode = try? Mode(parsing: argument) else { return .invalid("/mode needs assistant or friend") }
            return .mode(mode)
        case "model":
            return argument.isEmpty ? .invalid("/model needs a name, e.g. /model gpt-4o or /model ollama:qwen3") : .model(argument)
        case "new": return .new
        case "sessions": return .sessions
        case "incognito": return .incognito
        case "help": return .help
        case "quit", "exit": return .quit
        default: return nil
        }
    }
}
