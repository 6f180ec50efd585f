import ArgumentParser
import Foundation
import MemchatCore
import MemchatEngine
import MemchatStore

struct AskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",
        abstract: "Ask a question; the answer streams to stdout and both are stored.",
        discussion: """
            With no question (or -) the question is read from stdin. With a question and a \
            piped stdin, stdin is attached as material (git diff | memchat ask "review this"), \
            up to \(AskInput.materialLimit / 1000) KB. Statements such as "remember that ...", \
            "my name is ..." or "I work at ..." are kept as long-term memory. Providers: \
            recall (the default, offline: answers from your own memory and history) and echo.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The question (default: read from stdin).")
    var words: [String] = []

    @Option(help: ArgumentHelp("Ask in this session.", valueName: "id"))
    var session: String?

    @Flag(name: .customLong("continue"), help: "Ask in your most recent session.")
    var continueLast = false

    @Flag(help: "Start a new session (the default).")
    var new = false

    @Option(help: ArgumentHelp("Context of a new session: work, personal, creative, general or a custom name.", valueName: "name"))
    var context: String?

    @Option(help: ArgumentHelp("Mode of a new session: assistant or friend.", valueName: "mode"))
    var mode: String?

    @Option(help: ArgumentHelp("Who answers: recall or echo (overrides MEMCHAT_PROVIDER).", valueName: "name"))
    var provider: String?

    @Flag(name: .customLong("show-context"), help: "Print exactly what would be sent, without sending or storing anything.")
    var showContext = false

    @Flag(help: "Print one JSON record of the exchange at the end instead of streaming text.")
    var json = false

    @Flag(help: "Neither store this exchange nor learn from it.")
    var incognito = false

    func validate() throws {
        if [session != nil, continueLast, new].filter({ $0 }).count > 1 {
            throw ValidationError("use only one of --session, --continue and --new")
        }
    }

    func run() async throws {
        let question = try AskInput.read(words: words)
        let runtime = try await Runtime.open(global, provider: provider)
        let chosen = try Providers.make(runtime.configuration.provider)
        if runtime.configuration.provider == nil, !json {
            Console.notice("answering with the offline recall responder: it quotes your own memory and history and does not generate text")
        }
        let store: any SessionStore = incognito
            ? try SQLiteStore.inMemory(expirationHours: runtime.configuration.expirationHours) : runtime.store
        let memory = incognito ? nil : try Runtime.openMemory(runtime.configuration)
        let engine = ChatEngine(store: store, memory: memory, provider: chosen)
        let target = try await chooseSession(runtime, store: store)

        if showContext {
            let assembled = try await engine.preview(question, in: target.session)
            for message in assembled.request.messages {
                Console.out("── \(message.role) ──")
                Console.out(TextFormatting.multiLine(message.content))
            }
            Console.out("── contextUsed ──")
            try Console.json(assembled.contextUsed)
            return
        }
        let session = try await target.store()
        try await AskOutput(json: json).stream(engine.ask(question, in: session), session: session)
    }

    /// The session to ask in, and how to store it if it is new: a new session is only
    /// written when the question is really asked (not for --show-context).
    private func chooseSession(_ runtime: Runtime, store: any SessionStore) async throws -> SessionChoice {
        let user = runtime.configuration.user
        if let session, !incognito {
            let existing = try await runtime.ownSession(try SessionID(session))
            return SessionChoice(session: existing) { existing }
        }
        if continueLast, !incognito,
           let last = try await store.listSessions(SessionQuery(scope: .user(user), limit: 1)).first {
            return SessionChoice(session: last) { last }
        }
        let draft = SessionDraft(
            userID: user, context: try context.map(Context.init) ?? .general,
            mode: try mode.map(Mode.init(parsing:)) ?? .assistant)
        let preview = Session(id: try SessionID("preview"), userID: user, context: draft.context, mode: draft.mode, createdAt: Date())
        return SessionChoice(session: preview) { try await store.createSession(draft) }
    }
}

/// A session to ask in, created on first use.
struct SessionChoice {
    let session: Session
    let store: () async throws -> Session
}
