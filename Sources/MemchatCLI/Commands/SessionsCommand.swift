import ArgumentParser

/// `memchat sessions ...`: listing and statistics of stored sessions.
struct SessionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions",
        abstract: "List stored sessions and show store statistics.",
        subcommands: [SessionsListCommand.self, SessionsStatsCommand.self],
        defaultSubcommand: SessionsListCommand.self)
}
