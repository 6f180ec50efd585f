import ArgumentParser
import Foundation
import MemchatCore
import MemchatEngine
import MemchatStore

struct AskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration.withGlobalOptions(
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

    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    @Argument(help: "The question (default: read from stdin).")
    var words: [String] = []

    @OptionGroup var choice: SessionChoiceOptions

    @Flag(name: .customLong("continue"), help: "Ask in your most recent session.")
    var continueLast = false

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
        if [choice.session != nil, continueLast, choice.new].filter({ $0 }).count > 1 {
            throw ValidationError("use only one of --session, --continue and --new")
        }
        if incognito, choice.session != nil || continueLast {
            throw ValidationError("--incognito starts a conversation that is not stored; it cannot continue a stored session (drop --session/--continue)")
        }
    }

    func run() async throws {
        let question = try AskInput.read(words: words)
        if let command = try SlashCommand.parse(question) {
            guard !incognito else { throw ValidationError(AskServiceError.memoryCommandWhileIncognito.description) }
            return try await run(command)
        }
        // Incognito opens nothing in the data directory: no store, no memory file.
        let configuration = try Runtime.loadConfiguration(global, provider: provider, model: model)
        let store = incognito ? nil : try await Runtime.open(configuration).store
        let memory = incognito ? nil : try Runtime.openMemory(configuration)
        let turnIndex = incognito || !configuration.retrieval.usesTurnIndex ? nil : Runtime.openTurnIndex(configuration)
        let service = AskService(
            configuration: configuration, store: store, memory: memory, turnIndex: turnIndex,
            transport: AsyncHTTPClientTransport(proxy: configuration.proxy))
        let diagnostics = Diagnostics(enabled: verbose)
        let selection = await ProviderSelection.choose(configuration, transport: service.transport)
        diagnostics.provider(selection, configuration: configuration)
        if selection.fellBackToRecall, !json { FirstRunHint.show(configuration, always: verbose, remember: !incognito) }

        let engine = try service.engine(selection, incognito: incognito)
        let context = choice.context
        let mode = choice.mode
        let target = try await service.target(
            try sessionRequest(), context: context, mode: mode, incognito: incognito, selection: selection)
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
        let session = try await service.open(target, with: engine, context: context, mode: mode)
        let control = AnswerControl()
        let answer = try await AskOutput(json: json).stream(
            engine.ask(question, in: session, control: control), control: control, session: session)
        diagnostics.answer(answer)
        // One-time work an upgrade left, once the answer is out.
        do { try await store?.completePendingMaintenance() } catch { Console.notice("could not finish upgrading the store: \(error)") }
        if let store, let turnIndex {
            await TurnIndexCatchUp.afterAnswer(
                turnIndex, store: store, user: configuration.user,
                retrieval: Retrieval(mode: configuration.retrieval, tuning: configuration.tuning))
        }
        try AskOutput.check(answer)
    }

    /// `/remember` and `/forget`, as `memchat memory add` and `memchat memory forget` do them.
    private func run(_ command: SlashCommand) async throws {
        switch try await MemoryCommand.run(global, { memory, user in try await command.run(memory: memory, user: user) }) {
        case .remembered(let fact, let isNew): MemoryCommand.printAdded(fact, isNew: isNew)
        case .forgot(let facts): MemoryCommand.printForgotten(facts)
        }
    }

    private func sessionRequest() throws -> SessionRequest {
        if let session = try choice.sessionID { return .named(session) }
        if continueLast { return .mostRecent }
        if choice.new || incognito { return .new }
        return .automatic
    }
}
