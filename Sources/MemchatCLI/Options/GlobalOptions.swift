import ArgumentParser
import Foundation
import MemchatCore
import MemchatStore

/// Options every command accepts: where the data is and whose it is. Each overrides the
/// matching environment variable and config.toml key. `memchat --help` shows them once;
/// subcommands accept them hidden (`@OptionGroup(visibility: .hidden)`), and their help
/// points to the root's (`CommandConfiguration.withGlobalOptions`).
public struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: ArgumentHelp("Data directory (overrides MEMCHAT_HOME).", valueName: "path"))
    var dataDirectory: String?

    @Option(help: ArgumentHelp("Act as this user (overrides MEMCHAT_USER; default: login name).", valueName: "name"))
    var user: String?

    @Option(name: .customLong("storage-type"), help: ArgumentHelp("Session store backend (overrides SESSION_STORAGE_TYPE).", valueName: "type"))
    var storageType: StorageType?

    @Option(name: .customLong("storage-path"), help: ArgumentHelp("Session store location (overrides SESSION_STORAGE_PATH).", valueName: "path"))
    var storagePath: String?

    @Option(name: .customLong("expiration-hours"), help: ArgumentHelp("Idle hours before a session expires (overrides SESSION_EXPIRATION_HOURS).", valueName: "hours"))
    var expirationHours: Int?

    @Option(help: ArgumentHelp("How memory and past exchanges are ranked (overrides MEMCHAT_RETRIEVAL; default: hybrid).", valueName: "mode"))
    var retrieval: RetrievalMode?

    @Flag(name: .customLong("no-persistence"), help: "Keep everything in memory for this run; nothing is written.")
    var noPersistence = false

    @Option(name: .customLong("config"), help: ArgumentHelp("Read this config.toml instead of the default one.", valueName: "file"))
    var configFile: String?

    public init() {}

    /// The line that ends a subcommand's help, where these options are hidden.
    static let helpPointer = "See `memchat --help` for the global options: --data-dir, --user, --storage-type, "
        + "--storage-path, --expiration-hours, --retrieval, --no-persistence, --config."

    var flags: ConfigurationFlags {
        var flags = ConfigurationFlags()
        flags.dataDirectory = dataDirectory
        flags.user = user
        flags.storageType = storageType?.rawValue
        flags.storagePath = storagePath
        flags.expirationHours = expirationHours
        flags.retrieval = retrieval?.rawValue
        flags.persistenceDisabled = noPersistence
        flags.configFile = configFile
        return flags
    }
}

/// `--all-users` for commands that default to the current user's data.
struct ScopeOptions: ParsableArguments {
    @Flag(name: .customLong("all-users"), help: "Cover every user's sessions, not only the current user's.")
    var allUsers = false

    func scope(_ configuration: Configuration) -> UserScope {
        allUsers ? .allUsers : .user(configuration.user)
    }
}

extension CommandConfiguration {
    /// The configuration of a command that takes the global options: its discussion ends
    /// with `GlobalOptions.helpPointer`, since its own help does not list them.
    static func withGlobalOptions(
        commandName: String, abstract: String, discussion: String = ""
    ) -> CommandConfiguration {
        CommandConfiguration(
            commandName: commandName, abstract: abstract,
            discussion: discussion.isEmpty ? GlobalOptions.helpPointer : discussion + "\n\n" + GlobalOptions.helpPointer)
    }
}

struct OutputOptions: ParsableArguments {
    @Flag(help: "Print JSON instead of a table.")
    var json = false
}
