import ArgumentParser
import Foundation

/// `memchat index run`: encodes every past turn not encoded yet, now.
struct IndexRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration.withGlobalOptions(
        commandName: "run",
        abstract: "Encode every past turn not encoded yet, now.",
        discussion: """
            Shows a progress bar with turns per second and the time left when stderr is a \
            terminal. Safe beside a running chat screen or `memchat mcp`: each turn is \
            encoded once, by whichever process reaches it first. Stopped (Ctrl-C), it keeps \
            what it did and the next run goes on from there.
            """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let runtime = try await Runtime.open(global)
        let outcomes = try await TurnIndexCatchUp.everything(
            Runtime.openTurnIndex(runtime.configuration), store: runtime.store, users: await TurnIndexCatchUp.users(of: runtime.store))
        if output.json {
            try Console.json(outcomes)
            return
        }
        for outcome in outcomes {
            let rate = outcome.seconds > 0 ? Double(outcome.turnsEncoded) / outcome.seconds : 0
            Console.out(String(
                format: "%@: encoded %d turns in %.1f s (%.0f turns/s)", outcome.user, outcome.turnsEncoded, outcome.seconds, rate))
        }
    }
}
