import ArgumentParser

/// `memchat sessions ...`: everything about stored sessions.
struct SessionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions",
        abstract: "List, show, rename, end, resume, delete, merge and clean up sessions.",
        subcommands: [
            SessionsListCommand.self, SessionsShowCommand.self, SessionsRenameCommand.self, SessionsEndCommand.self,
            SessionsResumeCommand.self, SessionsDeleteCommand.self, SessionsMergeCommand.self,
            SessionsCleanupCommand.self, SessionsStatsCommand.self,
        ],
        defaultSubcommand: SessionsListCommand.self)
}
