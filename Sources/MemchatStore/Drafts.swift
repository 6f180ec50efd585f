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
    func turn(in session: SessionID, seq: Int, now: Date, ids: IDGenerator) -> Turn {
        Turn(
            id: id ?? ids.turnID(at: now), sessionID: session, seq: seq, role: role, content: content,
            createdAt: createdAt ?? now, replyTo: replyTo, metadata: metadata)
    }
}
