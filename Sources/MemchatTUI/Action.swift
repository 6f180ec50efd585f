import Foundation
import MemchatCore
import MemchatEngine
import MemchatTerminal

/// Everything that can happen to the TUI: the user, the store, the engine, the clock.
public enum Action: Sendable {
    case terminal(TerminalEvent)
    /// The first page: the session to resume (with its last turns), recent questions, facts.
    case loaded(session: Session?, turns: [Turn], recent: [Interaction], facts: Int)
    /// How `memchat chat` was asked to start, applied after the first page: a context and
    /// mode (a switch, when the resumed session has others), and incognito.
    case start(context: Context?, mode: Mode?, incognito: Bool)
    case recentLoaded([Interaction], facts: Int)
    /// The next page of recent questions, asked for when the list is scrolled to its end.
    case moreRecentLoaded([Interaction])
    /// Older turns of the open session, asked for when the chat is scrolled to its top.
    case olderTurnsLoaded(SessionID, [Turn])
    case sessionOpened(Session, [Turn])
    case sessionsListed([Session])
    case sessionChanged(Session)
    case sessionDeleted(SessionID)
    /// The provider answering, once chosen (possibly after the first frame).
    case providerChosen(name: String, model: String)
    case engine(EngineEvent)
    /// The question's session, created when the first question of a new one is asked.
    case sessionStarted(Session)
    case notice(String)
    /// The question could not be asked at all (its session could not be stored).
    case askFailed(String)
    case failed(String)
    case tick(Date)
    /// The background encoding of past turns: turns done of the backlog it started with.
    case encodingProgress(done: Int, total: Int)
}

/// Work `reduce` asks the runtime to do; its results come back as actions.
public enum Effect: Sendable, Equatable {
    case ask(String)
    case stopAnswer
    case loadRecent(context: Context?)
    case loadMoreRecent(context: Context?, offset: Int)
    case loadOlderTurns(SessionID, beforeSeq: Int)
    case openSession(SessionID)
    case listSessions
    case switchContext(Context, Mode)
    case command(SlashCommand)
    case setModel(String)
    case rename(SessionID, String)
    case end(SessionID)
    case delete(SessionID)
    case quit
}
