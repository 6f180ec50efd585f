import Foundation
import MemchatCore
import MemchatStore

/// A message that is a command rather than a question: `/remember TEXT` keeps a fact,
/// `/forget ID|TEXT` drops one. The same words work in `memchat ask` and the chat UI.
public enum SlashCommand: Sendable, Equatable {
    case remember(String)
    case forget(String)

    /// What a command did, for the caller to show.
    public enum Outcome: Sendable {
        case remembered(MemoryFact, isNew: Bool)
        case forgot([MemoryFact])
    }

    public static let usage = "/remember TEXT, /forget ID|TEXT"

    /// nil for an ordinary message. A message is a command when it starts with `/` and a
    /// word (`/etc/hosts?` is a question); an unknown or empty command is an error that
    /// lists the known ones.
    public static func parse(_ message: String) throws -> SlashCommand? {
        let text = message.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("/") else { return nil }
        let name = text.dropFirst().prefix { $0.isLetter }
        let rest = text.dropFirst(1 + name.count)
        guard !name.isEmpty, rest.isEmpty || rest.first?.isWhitespace == true else { return nil }
        let argument = rest.trimmingCharacters(in: .whitespacesAndNewlines)
        switch name.lowercased() {
        case "remember":
            guard !argument.isEmpty else { throw SlashCommandError.missingArgument("/remember TEXT", example: "/remember my dog is called Pixel") }
            return .remember(argument)
        case "forget":
            guard !argument.isEmpty else { throw SlashCommandError.missingArgument("/forget ID|TEXT", example: "/forget my dog is called Pixel") }
            return .forget(argument)
        default:
            throw SlashCommandError.unknown("/" + name)
        }
    }

    /// Runs the command on the user's memory (facts kept by `/remember` hold in every
    /// context, with the kind the extraction rules give their text).
    public func run(memory: MemoryStore, user: UserName) async throws -> Outcome {
        switch self {
        case .remember(let text):
            let added = try await memory.add(user: user, text: text, context: nil, kind: MemoryExtractor().kind(ofText: text))
            return .remembered(added.fact, isNew: added.isNew)
        case .forget(let target):
            return .forgot(try await memory.forget(user: user, idOrText: target))
        }
    }
}

public enum SlashCommandError: Error, Equatable, CustomStringConvertible {
    case unknown(String)
    case missingArgument(String, example: String)

    public var description: String {
        switch self {
        case .unknown(let name):
            return "\(name) is not a command; the commands are \(SlashCommand.usage) "
                + "(to ask something that starts with a slash, put a space before it)"
        case .missingArgument(let usage, let example):
            return "\(usage) needs its text, e.g. \(example)"
        }
    }
}
