import ArgumentParser
import Foundation
import MemchatCore
import MemchatStore

struct SessionsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration.withGlobalOptions(
        commandName: "list", abstract: "List sessions, most recent activity first.")

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @OptionGroup var scope: ScopeOptions
    @OptionGroup var output: OutputOptions

    @Option(help: .context("Only sessions in this context."))
    var context: Context?

    @Option(help: ArgumentHelp("Only sessions in this state.", valueName: "state"))
    var state: SessionState?

    @Option(help: "How many sessions to show.")
    var limit = 20

    @Option(help: "Skip this many sessions first (for paging).")
    var offset = 0

    func validate() throws {
        guard limit > 0, offset >= 0 else { throw ValidationError("--limit must be positive and --offset not negative") }
    }

    func run() async throws {
        let runtime = try await Runtime.openForReading(global)
        let query = SessionQuery(
            scope: scope.scope(runtime.configuration), context: context, state: state, limit: limit, offset: offset)
        let sessions = try await runtime.store.listSessions(query)
        if output.json {
            try Console.json(sessions.map(SessionSummary.init))
            return
        }
        guard !sessions.isEmpty else {
            Console.out(offset > 0 ? "no more sessions" : "no sessions yet; `memchat import data/sample.jsonl` loads some samples")
            return
        }
        let showUser = !scope.allUsers ? [] : ["user"]
        let rows = sessions.map { session in
            [session.id.rawValue] + (scope.allUsers ? [session.userID.rawValue] : [])
                + [TextFormatting.localTime(session.lastActivity), session.context.name, session.mode.rawValue,
                   session.state.rawValue, String(session.turnCount), TextFormatting.oneLine(session.displayTitle)]
        }
        Console.out(TextFormatting.table(
            header: ["id"] + showUser + ["last activity", "context", "mode", "state", "turns", "title"], rows: rows))
    }
}
