import ArgumentParser
import Foundation
import MemchatCore
import MemchatStore

struct SessionsShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration.withGlobalOptions(
        commandName: "show", abstract: "Show one session with its turns.")

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @OptionGroup var session: SessionArgument
    @OptionGroup var output: OutputOptions

    @Option(help: "Show only the newest this many turns (default: all).")
    var last: Int?

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
        Console.out("\(TextFormatting.oneLine(session.displayTitle))  [\(session.id)]")
        Console.out("\(session.context) · \(session.mode) · \(session.state) · \(session.turnCount) turns · "
            + "started \(TextFormatting.localTime(session.createdAt)) · last \(TextFormatting.localTime(session.lastActivity))"
            + (session.mergedInto.map { " · merged into \($0)" } ?? ""))
        for turn in turns {
            Console.out("")
            // Turns written elsewhere (before a context switch) say where.
            let footing = ContextSwitch.Footing(context: turn.effectiveContext(in: session), mode: turn.effectiveMode(in: session))
            let elsewhere = footing == ContextSwitch.Footing(session) ? "" : "  (\(footing))"
            Console.out("\(turn.role)  \(TextFormatting.localTime(turn.createdAt))\(elsewhere)")
            Console.out(TextFormatting.multiLine(turn.content))
        }
    }
}
