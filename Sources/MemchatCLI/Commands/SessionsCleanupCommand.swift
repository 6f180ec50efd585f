import ArgumentParser
import Foundation
import MemchatCore
import MemchatStore

/// `memchat sessions cleanup --older-than DAYS`: removes old ended or expired sessions,
/// never active ones; `--dry-run` shows the same selection and changes nothing.
struct SessionsCleanupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration.withGlobalOptions(
        commandName: "cleanup",
        abstract: "Delete ended or expired sessions idle for more than N days.",
        discussion: """
            Active sessions are never deleted. Each removed session is listed. With \
            --dry-run the sessions that would be removed are listed and nothing is changed.
            """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    @Option(name: .customLong("older-than"), help: ArgumentHelp("Only sessions idle for more than this many days.", valueName: "days"))
    var olderThanDays: Int

    @Flag(name: .customLong("dry-run"), help: "List what would be removed; remove nothing.")
    var dryRun = false

    func validate() throws {
        guard olderThanDays >= 0 else { throw ValidationError("--older-than must be 0 or more days") }
    }

    func run() async throws {
        let runtime = try await Runtime.open(global)
        // Stamping expiry is a write; the selection below counts idle sessions as expired anyway.
        if !dryRun { _ = try await runtime.store.expireIdleSessions() }
        let cutoff = Date().addingTimeInterval(-Double(olderThanDays) * 86400)
        let removed = try await runtime.store.cleanup(inactiveBefore: cutoff, scope: .allUsers, dryRun: dryRun)
        if output.json {
            try Console.json(removed.map(SessionSummary.init))
            return
        }
        let verb = dryRun ? "would remove" : "removed"
        for session in removed {
            Console.out("\(verb) \(session.id)  \(session.userID)  \(TextFormatting.localTime(session.lastActivity))  "
                + TextFormatting.oneLine(session.displayTitle))
        }
        Console.out("\(verb) \(removed.count) sessions idle for more than \(olderThanDays) days"
            + (dryRun ? "; nothing was removed (--dry-run)" : ""))
    }
}
