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
            "my name is ..." or "I work at ..." are kept as long-term memory. Providers: openai \
            (any OpenAI-compatible server), ollama, anthropic, recall (offline: answers from your \
            own memory and history; used when nothing else is configured) and echo. Without \
            --session, --continue or --new, the most recent session is resumed when it was \
            active in the last 24 hours (session.on_start = "new" in config.toml turns that off).
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The question (default: read from stdin).")
    var words: [String] = []

    @Option(help: ArgumentHelp("Ask in this session.", valueName: "id"))
    var session: String?

    @Flag(name: .customLong("continue"), help: "Ask in your most recent session.")
    var continueLast = false

    @Flag(help: "Start a new session.")
    var new = false

    @Option(help: ArgumentHelp("Context of a new session: work, personal, creative, general or a custom name.", valueName: "name"))
    var context: String?

    @Option(help: ArgumentHelp("Mode of a new session: assistant or friend.", valueName: "mode"))
    var mode: String?

    @Option(help: ArgumentHelp("Who answers: openai, ollama, anthropic, recall or echo (overrides MEMCHAT_PROVIDER).", valueName: "name"))
    var provider: String?

    @Option(help: ArgumentHelp("The model to ask (overrides MEMCHAT_MODEL).", valueName: "name"))
    var model: String?

    @Flag(help: "Print diagnostics to stderr: provider, model and why, session, timings.")
    var verbose = false

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
        if let command = try SlashCommand.parse(question) {
            guard !incognito else { throw ValidationError("--incognito keeps no memory; \(SlashCommand.usage) do not apply") }
            return try await run(command)
        }
        let runtime = try await Runtime.open(global, provider: provider, model: model)
        let configuration = runtime.configuration
        let diagnostics = Diagnostics(enabled: verbose)
        let transport = AsyncHTTPClientTransport(proxy: configuration.proxy)
        let selection = await ProviderSelection.choose(configuration, transport: transport)
        diagnostics.provider(selection, configuration: configuration)
        if selection.fellBackToRecall, !json { FirstRunHint.show(configuration, always: verbose) }

        let store: any SessionStore = incognito
            ? try SQLiteStore.inMemory(expirationHours: configuration.expirationHours) : runtime.store
        let memory = incognito ? nil : try Runtime.openMemory(configuration)
        var engine = ChatEngine(store: store, memory: memory, provider: selection.makeProvider(transport: transport))
        engine.assembler = ContextAssembler(budget: selection.settings.contextBudget, systemPrompts: configuration.systemPrompts)
        let target = try await chooseSession(runtime, store: store, selection: selection)
        diagnostics.session(target)

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
        var session = try await target.store()
        if target.isExisting {
            session = try await engine.switchContext(
                session, to: try context.map(Context.init) ?? session.context,
                mode: try mode.map(Mode.init(parsing:)) ?? session.mode)
        }
        let control = AnswerControl()
        let answer = try await AskOutput(json: json).stream(
            engine.ask(question, in: session, control: control), control: control, session: session)
        diagnostics.answer(answer)
        try AskOutput.check(answer)
    }

    /// `/remember` and `/forget`, as `memchat memory add` and `memchat memory forget` do them.
    private func run(_ command: SlashCommand) async throws {
        switch try await MemoryCommand.run(global, { memory, user in try await command.run(memory: memory, user: user) }) {
        case .remembered(let fact, let isNew): MemoryCommand.printAdded(fact, isNew: isNew)
        case .forgot(let facts): MemoryCommand.printForgotten(facts)
        }
    }

    /// The session to ask in, and how to store it if it is new: a new session is only
    /// written when the question is really asked (not for --show-context).
    private func chooseSession(_ runtime: Runtime, store: any SessionStore, selection: ProviderSelection) async throws -> SessionChoice {
        let user = runtime.configuration.user
        if let session, !incognito {
            let existing = try await runtime.ownSession(try SessionID(session))
            return SessionChoice(session: existing, isExisting: true, how: "asked for with --session") { existing }
        }
        if !new, !incognito, let last = try await store.listSessions(SessionQuery(scope: .user(user), limit: 1)).first {
            if continueLast {
                return SessionChoice(session: last, isExisting: true, how: "the most recent (--continue)") { last }
            }
            let now = Date()
            if runtime.configuration.onStart.resumes(last, at: now) {
                let idle = TextFormatting.idle(now.timeIntervalSince(last.lastActivity))
                return SessionChoice(session: last, isExisting: true, how: "resumed: active \(idle) ago") { last }
            }
        }
        let draft = SessionDraft(
            userID: user, context: try context.map(Context.init) ?? .general,
            mode: try mode.map(Mode.init(parsing:)) ?? .assistant,
            provider: selection.settings.kind.rawValue, model: selection.settings.model)
        let preview = Session(id: try SessionID("preview"), userID: user, context: draft.context, mode: draft.mode, createdAt: Date())
        return SessionChoice(session: preview, isExisting: false, how: "new") { try await store.createSession(draft) }
    }
}

/// A session to ask in, created on first use.
struct SessionChoice {
    let session: Session
    /// False for a new session, which takes --context and --mode as they are; an existing
    /// one records a switch when they differ.
    let isExisting: Bool
    /// For --verbose: why this session.
    let how: String
    let store: () async throws -> Session
}
