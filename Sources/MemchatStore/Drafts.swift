import Foundation
import MemchatCore

/// Turning what callers give into stored values, the same way in every backend.
extension SessionDraft {
    func session(now: Date, ids: IDGenerator) -> Session {
        Session(
            id: id ?? ids.sessionID(at: now), userID: userID, title: title, context: context, mode: mode,
            createdAt: now, provider: provider, model: model, metadata: metadata)
    }
}

extension TurnDraft {
    /// The turn to store in `session`, with the draft's own context and mode (settle them
    /// with `standing(at:)` once the session's footing is known).
    func turn(in session: SessionID, seq: Int, now: Date, ids: IDGenerator) -> Turn {
        Turn(
            id: id ?? ids.turnID(at: now), sessionID: session, seq: seq, role: role, content: content,
            createdAt: createdAt ?? now, replyTo: replyTo, metadata: metadata, context: context, mode: mode)
    }

    /// The turn to store in `session`, which stands at `footing`. A context or mode equal
    /// to the session's is dropped: nil already means it, and keeping nil keeps the store small.
    func turn(in session: SessionID, standing footing: ContextSwitch.Footing, seq: Int, now: Date, ids: IDGenerator) -> Turn {
        turn(in: session, seq: seq, now: now, ids: ids).standing(at: footing)
    }
}

extension Turn {
    /// This turn in a session standing at `footing`: a context or mode equal to the
    /// session's is dropped (nil already means it).
    func standing(at footing: ContextSwitch.Footing) -> Turn {
        var turn = self
        if turn.context == footing.context { turn.context = nil }
        if turn.mode == footing.mode { turn.mode = nil }
        return turn
    }
}
