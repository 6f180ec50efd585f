import ArgumentParser
import Foundation
import MemchatCore
import MemchatStore

/// `memchat sessions show ID`: one session with its turns, as text, Markdown or JSON.
struct SessionsShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration.withGlobalOptions(
        commandName: "show", abstract: "Show one session with its turns.",
        discussion: """
            --format markdown prints the session as a Markdown document (a title, a summary \
            line, then each turn as a section with its time), e.g. to keep it beside your \
            notes: memchat sessions show ID --format markdown > session.md. --json prints \
            every turn with its context and mode, for scripts.
            """)

    /// How the session is laid out for people; `--json` is for scripts.
    enum Format: String, CaseIterable, ExpressibleByArgument {
        case text
        case markdown
    }

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @OptionGroup var session: SessionArgument
    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp("How to lay the session out (default: text).", valueName: "format"))
    var format: Format?

    @Option(help: "Show only the newest this many turns (default: all).")
    var last: Int?

    func validate() throws {
        if output.json, let format {
            throw ValidationError("--format \(format.rawValue) and --json cannot be combined: --json prints JSON, "
                + "--format picks text or markdown")
        }
    }

    func run() async throws {
        let runtime = try await Runtime.open(global)
        // Each turn's context must be known before it is shown (an older store's first run).
        try await runtime.store.completePendingMaintenance()
        let session = try await runtime.ownSession(try self.session.sessionID)
        let turns = try await runtime.store.turns(of: session.id, page: last.map { .last($0) } ?? .all)
        if output.json {
            // Every turn with the context and mode it was written in, spelled out.
            Console.out(Interchange.encode(SessionRecord(session: session, turns: turns.map { $0.resolved(in: session) })))
            return
        }
        switch format ?? .text {
        case .text: Console.out(SessionTranscript.text(session, turns: turns))
        case .markdown: Console.out(SessionTranscript.markdown(session, turns: turns))
        }
    }
}
