import Foundation
import MemchatCore
import MemchatEngine
import MemchatStore
import MemchatTerminal

/// What the TUI works with: the store and memory it lists, and the ask wiring (engine,
/// incognito store, start rule) it shares with `memchat ask`.
public struct TUIServices: Sendable {
    public var store: any SessionStore
    public var memory: MemoryStore
    public var ask: AskService
    /// Where diagnostics of background work go (the CLI points it at memchat.log).
    public var log: @Sendable (String) -> Void
    public var configuration: Configuration { ask.configuration }
    public var transport: any HTTPTransport { ask.transport }

    public init(
        store: any SessionStore, memory: MemoryStore, configuration: Configuration, turnIndex: SemanticTurnIndex? = nil,
        transport: any HTTPTransport, log: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.init(store: store, memory: memory, ask: AskService(
            configuration: configuration, store: store, memory: memory, turnIndex: turnIndex, transport: transport), log: log)
    }

    public init(store: any SessionStore, memory: MemoryStore, ask: AskService, log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.store = store
        self.memory = memory
        self.ask = ask
        self.log = log
    }
}

/// How the chat screen starts (`memchat chat`): by default as `session.on_start` says.
public struct ChatStart: Sendable {
    /// Open this session (resumed when it was ended or expired).
    public var session: Session?
    /// Start with a new session.
    public var new: Bool
    public var context: Context?
    public var mode: Mode?
    public var incognito: Bool
    /// The colours, before they are brought down to what the terminal has.
    public var theme: Theme
    /// Why the theme asked for is not the one used, said in the chat when it opens.
    public var themeProblem: String?

    public init(
        session: Session? = nil, new: Bool = false, context: Context? = nil, mode: Mode? = nil, incognito: Bool = false,
        theme: Theme = .standard, themeProblem: String? = nil
    ) {
        self.session = session
        self.new = new
        self.context = context
        self.mode = mode
        self.incognito = incognito
        self.theme = theme
        self.themeProblem = themeProblem
    }
}

/// The TUI's runtime: merges terminal events, engine streams, store results and a clock
/// into one stream of actions, runs `reduce`, shows `render`, and performs the effects.
public actor TUIApp {
    private let terminal: any Terminal
    private let services: TUIServices
    private let start: ChatStart
    private var state: State
    private var selection: ProviderSelection
    private let actions: AsyncStream<Action>
    private let send: AsyncStream<Action>.Continuation
    private var answer: AnswerControl?
    private var asking: Task<Void, Never>?
    private var background: [Task<Void, Never>] = []
    /// Holds the background encoding of past turns while the user types or an answer streams.
    private let gate = BackgroundGate()

    public init(terminal: any Terminal, services: TUIServices, storageName: String, start: ChatStart = ChatStart()) {
        self.terminal = terminal
        self.services = services
        self.start = start
        let configured = ProviderSelection.configured(services.configuration)
        selection = configured ?? .recall
        state = State(
            size: terminal.size, now: Date(), user: services.configuration.user.rawValue, storage: storageName,
            provider: selection.settings.kind.rawValue, model: selection.settings.model)
        (actions, send) = AsyncStream<Action>.makeStream()
    }

    /// Runs until the user quits; the terminal is given back on every path.
    public func run() async throws {
        let events = try terminal.start()
        defer { terminal.stop() }
        state.size = terminal.size
        state.theme = start.theme.reduced(toColors: terminal.colors)
        // The first full frame comes from indexed queries only; nothing slow runs first.
        apply(await loadFirstPage())
        if start.context != nil || start.mode != nil || start.incognito {
            apply(.start(context: start.context, mode: start.mode, incognito: start.incognito))
        }
        if let problem = start.themeProblem { apply(.notice("theme: " + problem)) }
        draw()
        let send = send
        background.append(Task { for await event in events { send.yield(.terminal(event)) } })
        background.append(Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(30))
                send.yield(.tick(Date()))
            }
        })
        // One-time work an upgrade left (contexts of turns before old switches), then the
        // turns the semantic indexes lack (an existing store, an import), after the first
        // frame, at low priority and only while the user is not typing or reading an answer
        // as it streams; the status line shows how far it is.
        let store = services.store
        let turnIndex = services.ask.turnIndex
        let user = services.configuration.user
        let log = services.log
        let gate = gate
        background.append(Task(priority: .utility) {
            do { try await store.completePendingMaintenance() } catch { send.yield(.failed("upgrading the store: \(error)")) }
            guard let turnIndex else { return }
            do {
                let report = try await turnIndex.catchUpEverything(
                    store: store, user: user, pause: { await gate.wait() },
                    progress: { send.yield(.encodingProgress(done: $0, total: $1)) }, background: true)
                if let report, report.turnsRead > 0 { log("turn index: \(report.turnsRead) turns encoded") }
                send.yield(.encodingProgress(done: 0, total: 0))
            } catch {
                log("turn index: \(error)")
            }
            for problem in turnIndex.recoveryReports() { log("turn index: \(problem)") }
        })
        if ProviderSelection.configured(services.configuration) == nil {
            // The Ollama probe and key checks run after the first frame.
            let configuration = services.configuration
            let transport = services.transport
            background.append(Task { [weak self] in
                let chosen = await ProviderSelection.choose(configuration, transport: transport)
                await self?.use(chosen)
            })
        }
        for await action in actions {
            if case .terminal(.key) = action { gate.keyPressed() }
            apply(action)
            gate.setStreaming(state.isStreaming)
            draw()
            if state.quitting { break }
        }
        await finish()
    }

    private func apply(_ action: Action) {
        let (next, effects) = reduce(state, action)
        state = next
        for effect in effects { perform(effect) }
    }

    private func draw() {
        terminal.show(render(state))
    }

    private func use(_ chosen: ProviderSelection) {
        selection = chosen
        send.yield(.providerChosen(name: chosen.settings.kind.rawValue, model: chosen.settings.model))
    }

    /// Stops a streaming answer so its partial text is stored, and waits for that.
    private func finish() async {
        answer?.stop()
        await asking?.value
        for task in background { task.cancel() }
    }

    /// Recent questions read per page (the first before the first frame): more than a
    /// tall screen shows.
    static let recentPage = 30

    private func loadFirstPage() async -> Action {
        let configuration = services.configuration
        let store = services.store
        do {
            let session = start.new || start.incognito ? nil : try await chosenSession()
            var turns: [Turn] = []
            if let session { turns = try await store.turns(of: session.id, page: .last(200)) }
            let recent = try await store.recentInteractions(
                InteractionQuery(scope: .user(configuration.user), context: session?.context ?? .general, limit: Self.recentPage))
            let facts = try await services.memory.facts(user: configuration.user).count
            return .loaded(session: session, turns: turns, recent: recent, facts: facts)
        } catch {
            return .failed("\(error)")
        }
    }

    /// The session asked for (made active again when it was ended or expired), else the
    /// one `session.on_start` resumes.
    private func chosenSession() async throws -> Session? {
        guard let asked = start.session else { return try await services.ask.startingSession() }
        return asked.state == .active ? asked : try await services.store.resumeSession(asked.id)
    }

    private func perform(_ effect: Effect) {
        let services = services
        let user = services.configuration.user
        let send = send
        /// Runs store work off the actor and reports failures in the status bar. Not kept:
        /// each piece ends by itself, and a day of use would pile up finished handles.
        func work(_ body: @escaping @Sendable () async throws -> Action?) {
            Task {
                do {
                    if let action = try await body() { send.yield(action) }
                } catch {
                    send.yield(.failed("\(error)"))
                }
            }
        }
        switch effect {
        case .ask(let question):
            ask(question)
        case .stopAnswer:
            answer?.stop()
        case .loadRecent(let context):
            work {
                let recent = try await services.store.recentInteractions(InteractionQuery(scope: .user(user), context: context, limit: Self.recentPage))
                return .recentLoaded(recent, facts: try await services.memory.facts(user: user).count)
            }
        case .loadMoreRecent(let context, let offset):
            work {
                .moreRecentLoaded(try await services.store.recentInteractions(
                    InteractionQuery(scope: .user(user), context: context, limit: Self.recentPage, offset: offset)))
            }
        case .loadOlderTurns(let id, let seq):
            work { .olderTurnsLoaded(id, try await services.store.turns(of: id, page: .before(seq: seq, limit: 200))) }
        case .openSession(let id):
            work {
                var session = try await services.store.session(id)
                if session.state != .active { session = try await services.store.resumeSession(id) }
                return .sessionOpened(session, try await services.store.turns(of: id, page: .last(200)))
            }
        case .listSessions:
            work { .sessionsListed(try await services.store.listSessions(SessionQuery(scope: .user(user), limit: 1000))) }
        case .switchContext(let context, let mode):
            guard let session = state.session else { return }
            let selection = selection
            let incognito = state.incognito
            work { .sessionChanged(try await services.ask.engine(selection, incognito: incognito).switchContext(session, to: context, mode: mode)) }
        case .command(let command):
            work {
                switch try await command.run(memory: services.memory, user: user) {
                case .remembered(let fact, let isNew): return .notice((isNew ? "remembered: " : "already remembered: ") + fact.text)
                case .forgot(let facts): return .notice("forgot: " + facts.map(\.text).joined(separator: "; "))
                }
            }
            perform(.loadRecent(context: recentContext(state)))
        case .setModel(let name):
            use(selection.switching(to: name, services.configuration))
        case .rename(let id, let title):
            work { .sessionChanged(try await services.store.renameSession(id, to: title)) }
        case .end(let id):
            work { .sessionChanged(try await services.store.endSession(id)) }
        case .delete(let id):
            work {
                try await services.store.deleteSession(id)
                return .sessionDeleted(id)
            }
        case .quit:
            break
        }
    }

    /// Asks in the session on screen, or in a new one (stored, or in memory when incognito).
    private func ask(_ question: String) {
        let control = AnswerControl()
        answer = control
        let service = services.ask
        let selection = selection
        let incognito = state.incognito
        let request = state.session.map { SessionRequest.named($0.id) } ?? .new
        let context = state.context
        let mode = state.mode
        let send = send
        asking = Task {
            do {
                let engine = try service.engine(selection, incognito: incognito)
                let target = try await service.target(request, context: context, mode: mode, incognito: incognito, selection: selection)
                let session = try await service.open(target, with: engine)
                if target.isNew { send.yield(.sessionStarted(session)) }
                for try await event in engine.ask(question, in: session, control: control) { send.yield(.engine(event)) }
                // The store titles a session by its first question; show that.
                send.yield(.sessionChanged(try await engine.store.session(session.id)))
            } catch {
                send.yield(.askFailed("\(error)"))
            }
        }
    }
}
