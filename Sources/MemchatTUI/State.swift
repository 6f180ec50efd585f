import Foundation
import MemchatCore
import MemchatEngine
import MemchatTerminal

/// One block of the chat pane.
public struct ChatEntry: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case question
        case answer(interrupted: Bool)
        /// A failed answer: the message says what went wrong.
        case failure
        /// A context switch or another event in the session's history.
        case event
        /// What a command (/remember, /forget) did; not stored in the session.
        case notice
    }

    public var kind: Kind
    public var text: String
    public var time: Date
    /// The model's "thinking" stored with an answer, shown collapsed under it.
    public var reasoning: String?

    public init(kind: Kind, text: String, time: Date, reasoning: String? = nil) {
        self.kind = kind
        self.text = text
        self.time = time
        self.reasoning = reasoning
    }

    /// The entries a stored session shows.
    static func entries(of turns: [Turn]) -> [ChatEntry] {
        turns.compactMap { turn in
            switch turn.role {
            case .user: return ChatEntry(kind: .question, text: turn.content, time: turn.createdAt)
            case .assistant:
                if let failure = turn.failureReading { return ChatEntry(kind: .failure, text: failure, time: turn.createdAt) }
                let answer = turn.answerMetadata
                return ChatEntry(
                    kind: .answer(interrupted: answer.interrupted), text: turn.content, time: turn.createdAt,
                    reasoning: answer.reasoning.flatMap { $0.isEmpty ? nil : $0 })
            case .system: return ChatEntry(kind: .event, text: turn.content, time: turn.createdAt)
            case .tool: return nil
            }
        }
    }
}

/// The recent-interactions list beside the chat.
public struct Sidebar: Sendable, Equatable {
    public var items: [Interaction] = []
    public var selected = 0
    /// Only the current context's questions, or all of them.
    public var allContexts = false
    public var visible = true
    public var memoryFacts = 0
    /// False once a page came back short: there is nothing more to load.
    public var mayHaveMore = true
}

/// The session picker overlay.
public struct Picker: Sendable, Equatable {
    public var sessions: [Session] = []
    public var filter = ""
    public var selected = 0
    /// Typing a new title for the selected session.
    public var renaming: String?
    /// Waiting for y/n before deleting the selected session.
    public var confirmingDelete = false

    public var shown: [Session] {
        guard !filter.isEmpty else { return sessions }
        let words = filter.lowercased().split(separator: " ")
        return sessions.filter { session in
            let haystack = "\(session.title) \(session.context) \(session.mode)".lowercased()
            return words.allSatisfy { haystack.contains($0) }
        }
    }
}

public enum Overlay: Sendable, Equatable {
    case picker(Picker)
    case code(CodeViewer)
    /// The keys, scrolled down by `top` lines.
    case help(top: Int)
    case confirmQuit
}

public enum Focus: Sendable, Equatable {
    case input
    case sidebar
}

/// Everything the TUI shows, as one value: `reduce` changes it, `render` draws it.
public struct State: Sendable, Equatable {
    public var size: Size
    public var now: Date
    /// Times are shown in this zone (the user's).
    public var timeZone: TimeZone = .current
    public var user: String
    public var storage: String
    public var provider: String
    public var model: String
    /// nil until the first question of a new session is asked.
    public var session: Session?
    public var context: Context
    public var mode: Mode
    public var entries: [ChatEntry] = []
    /// The seq of the oldest turn shown, when older ones may still be in the store.
    public var olderThan: Int?
    /// The answer streaming now, if any.
    public var streaming: String?
    /// How many characters of reasoning the streaming answer has had so far.
    public var streamingReasoning = 0
    /// Whether answers show their reasoning in full (else one line each).
    public var showsReasoning = false
    /// The colours the screen is drawn with, reduced to what the terminal has.
    public var theme = Theme.standard
    /// Chat lines scrolled up from the newest; 0 follows new text.
    public var scroll = 0
    public var sidebar = Sidebar()
    public var input = InputBuffer()
    public var focus = Focus.input
    public var overlay: Overlay?
    /// An error or notice in the status bar, until the next key.
    public var status: String?
    /// Past turns being encoded in the background for recall by meaning (nil: none left).
    public var encoding: Encoding?
    public var incognito = false
    public var quitting = false
    /// False until the first page of the store has loaded.
    public var loaded = false

    public init(
        size: Size, now: Date, user: String, storage: String, provider: String, model: String,
        context: Context = .general, mode: Mode = .assistant
    ) {
        self.size = size
        self.now = now
        self.user = user
        self.storage = storage
        self.provider = provider
        self.model = model
        self.context = context
        self.mode = mode
    }

    public var isStreaming: Bool { streaming != nil }

    /// How far the background encoding of past turns is.
    public struct Encoding: Sendable, Equatable {
        public var done: Int
        public var total: Int
        /// "encoding history 45%".
        var label: String { "encoding history \(total > 0 ? done * 100 / total : 0)%" }
    }
    var sessionTitle: String { session?.title ?? "new session" }
}
