import Foundation

/// A session moving to another context or mode, as the engine records it: a `system` turn
/// "context switched from work/assistant to personal/friend" with metadata
/// `{"event": "context_switch", "from": "work/assistant", "to": "personal/friend"}`.
/// Stores use it so that turns written before a switch keep the context they were asked in.
public struct ContextSwitch: Hashable, Sendable {
    /// A context with a mode: where a session stands.
    public struct Footing: Hashable, Sendable, CustomStringConvertible {
        public var context: Context
        public var mode: Mode

        public init(context: Context, mode: Mode) {
            self.context = context
            self.mode = mode
        }

        /// Where `session` stands now.
        public init(_ session: Session) { self.init(context: session.context, mode: session.mode) }

        /// `work/assistant`, as in the event's text and metadata.
        public var description: String { "\(context)/\(mode)" }

        init?(parsing text: String) {
            let parts = text.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, let context = try? Context(String(parts[0])),
                  let mode = try? Mode(parsing: String(parts[1]))
            else { return nil }
            self.init(context: context, mode: mode)
        }
    }

    public static let eventName = "context_switch"

    public var from: Footing
    public var to: Footing

    public init(from: Footing, to: Footing) {
        self.from = from
        self.to = to
    }

    /// The switch of `session` from where it stands to `context` and `mode`.
    public init(of session: Session, to context: Context, mode: Mode) {
        self.init(from: Footing(session), to: Footing(context: context, mode: mode))
    }

    /// The switch an event turn records; nil for any other turn, and for an event whose
    /// `from` or `to` does not name a valid context and mode (a hand edit), which is then
    /// left as text only.
    public init?(event turn: Turn) {
        guard turn.role == .system, turn.metadata["event"] == .string(Self.eventName),
              let from = turn.metadata["from"]?.stringValue.flatMap(Footing.init(parsing:)),
              let to = turn.metadata["to"]?.stringValue.flatMap(Footing.init(parsing:))
        else { return nil }
        self.init(from: from, to: to)
    }

    /// The words every event's text starts with, to find events through a full-text index.
    public static let eventText = "context switched"

    /// The event turn's text.
    public var content: String { "\(Self.eventText) from \(from) to \(to)" }

    /// The event turn's metadata.
    public var metadata: Metadata {
        ["event": .string(Self.eventName), "from": .string(from.description), "to": .string(to.description)]
    }

    /// What a turn written before the switch takes when its own context is nil: the old
    /// context, when the switch changes it (otherwise nil still means the same).
    public var keptContext: Context? { from.context != to.context ? from.context : nil }

    /// The same for the mode.
    public var keptMode: Mode? { from.mode != to.mode ? from.mode : nil }

    /// `turns` (one session, seq order) with the context and mode each was written in
    /// set from the switch events among them, as `SessionStore.changeContext` would have
    /// set them: for files and databases written before turns recorded their own. Turns
    /// after the last switch, and turns that already name theirs, are left as they are.
    public static func settleRecorded(in turns: [Turn]) -> [Turn] {
        var settled = turns
        var context: Context?
        var mode: Mode?
        // Backwards: each turn takes what the nearest later switch kept.
        for index in settled.indices.reversed() {
            if settled[index].context == nil { settled[index].context = context }
            if settled[index].mode == nil { settled[index].mode = mode }
            if let change = ContextSwitch(event: settled[index]) {
                context = change.keptContext ?? context
                mode = change.keptMode ?? mode
            }
        }
        return settled
    }
}

extension Turn {
    /// The turn as it stands after `change` moved its session on: written before the
    /// switch, it keeps the old context and mode where its own are nil.
    public func settled(before change: ContextSwitch) -> Turn {
        var turn = self
        if turn.context == nil { turn.context = change.keptContext }
        if turn.mode == nil { turn.mode = change.keptMode }
        return turn
    }
}
