import ArgumentParser
import Foundation
import MemchatCore
import MemchatStore

/// The root command. With no subcommand it opens the chat screen on a terminal, and
/// prints a summary of the store and the commands when input or output is not one.
public struct Memchat: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "memchat",
        abstract: "A terminal chat client with persistent memory.",
        discussion: """
            Data lives in the data directory (--data-dir, MEMCHAT_HOME, \
            $XDG_DATA_HOME/memchat or ~/.local/share/memchat). \
            Exit codes: 0 ok, 1 runtime error, 2 usage or configuration error, 3 not found.
            """,
        version: MemchatVersion.current,
        subcommands: [ChatCommand.self, AskCommand.self, ImportCommand.self, ExportCommand.self, SessionsCommand.self, SearchCommand.self, MemoryCommand.self, MigrateCommand.self, IndexCommand.self, ConfigCommand.self, McpCommand.self]
    )

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @OptionGroup var look: ThemeOptions

    public init() {}

    public func run() async throws {
        if isatty(0) == 1, isatty(1) == 1 {
            return try await ChatScreen.run(Runtime.open(global, theme: look.theme))
        }
        let runtime = try await Runtime.openForReading(global)
        let user = runtime.configuration.user
        let stats = try await runtime.store.stats()
        let mine = stats.users.first { $0.user == user }
        Console.out("memchat — a terminal chat client with persistent memory")
        Console.out("")
        Console.out("user:   \(user)")
        Console.out("store:  \(stats.storageType) at \(stats.storagePath)")
        Console.out("        \(mine?.totalSessions ?? 0) sessions (\(mine?.activeSessions ?? 0) active), \(mine?.turns ?? 0) turns for \(user)"
            + (stats.users.count > 1 ? "; \(stats.totalSessions) sessions of \(stats.users.count) users in all" : ""))
        if let recent = try await runtime.store.listSessions(SessionQuery(scope: .user(user), limit: 3)).first {
            Console.out("        last: \"\(TextFormatting.oneLine(recent.displayTitle))\" (\(recent.context), \(TextFormatting.localTime(recent.lastActivity)))")
        }
        Console.out("")
        Console.out("commands:")
        for command in Self.configuration.subcommands {
            let configuration = command.configuration
            let name = configuration.commandName ?? ""
            Console.out("  " + TextWidth.pad("memchat \(name)", to: 18) + configuration.abstract)
        }
        Console.out("")
        Console.out("`memchat help <command>` shows a command's options; `memchat import data/sample.jsonl` loads sample sessions.")
    }
}
