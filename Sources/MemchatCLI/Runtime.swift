import Foundation
import MemchatCore
import MemchatEngine
import MemchatStore

/// What a command runs against: the resolved configuration and an open session store.
struct Runtime {
    let configuration: Configuration
    let store: any SessionStore

    /// Loads the configuration from flags, the environment and config.toml, then opens
    /// the configured store. With persistence disabled the store lives in memory and a
    /// notice says so.
    static func open(_ options: GlobalOptions, provider: String? = nil, model: String? = nil, theme: String? = nil) async throws -> Runtime {
        try await open(try loadConfiguration(options, provider: provider, model: model, theme: theme))
    }

    /// For the commands that only read the store (`sessions list`, `sessions stats`,
    /// `search`, the summary without a terminal): an SQLite store is opened read-only, so
    /// the command writes nothing to the disk (`SQLiteStore.openForReading`).
    static func openForReading(_ options: GlobalOptions) async throws -> Runtime {
        try await open(try loadConfiguration(options), readOnly: true)
    }

    /// Opens the store of a configuration already loaded.
    static func open(_ configuration: Configuration, readOnly: Bool = false) async throws -> Runtime {
        let store = try openStore(configuration, readOnly: readOnly)
        // Damaged files are found while opening; say what was repaired before anything else.
        for report in await store.recoveryReports() {
            Console.notice("recovered: \(report)")
        }
        return Runtime(configuration: configuration, store: store)
    }

    /// `provider` and `model` are the flags of the commands that talk to a model, `theme`
    /// the chat screen's.
    static func loadConfiguration(
        _ options: GlobalOptions, provider: String? = nil, model: String? = nil, theme: String? = nil
    ) throws -> Configuration {
        let loader = ConfigurationLoader(environment: ProcessInfo.processInfo.environment, loginName: loginName())
        var flags = options.flags
        flags.provider = provider
        flags.model = model
        flags.theme = theme
        return try loader.load(flags: flags)
    }

    /// The memory store: in the data directory, or with persistence disabled a temporary
    /// one removed when the command ends (and a notice says so).
    static func openMemory(_ configuration: Configuration) throws -> MemoryStore {
        guard configuration.persistenceEnabled else {
            Console.notice("persistence is disabled (SESSION_PERSISTENCE_ENABLED=false): "
                + "memory is kept in a temporary directory removed when this command ends")
            return try MemoryStore.temporary()
        }
        return try MemoryStore(directory: configuration.dataDirectory)
    }

    /// The semantic index of the user's turns: in the data directory, or with persistence
    /// disabled in a temporary directory removed when the command ends (beside the store
    /// in memory). Opens nothing until used.
    static func openTurnIndex(_ configuration: Configuration) -> SemanticTurnIndex {
        configuration.persistenceEnabled ? SemanticTurnIndex(directory: configuration.dataDirectory) : .temporary()
    }

    static func openStore(_ configuration: Configuration, readOnly: Bool = false) throws -> any SessionStore {
        guard configuration.persistenceEnabled else {
            Console.notice("persistence is disabled (SESSION_PERSISTENCE_ENABLED=false): nothing is saved after this run")
            return try SQLiteStore.inMemory(expirationHours: configuration.expirationHours)
        }
        try PrivateFiles.prepareDirectory(configuration.dataDirectory)
        let path = configuration.sessionStorePath { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
        switch configuration.storageType {
        case .sqlite where readOnly:
            return try SQLiteStore.openForReading(path: path, expirationHours: configuration.expirationHours)
        case .sqlite:
            return try SQLiteStore.open(path: path, expirationHours: configuration.expirationHours)
        case .file:
            return try JSONFileStore(directory: path, expirationHours: configuration.expirationHours)
        }
    }

    private static func loginName() -> String? {
        if let name = getlogin().map({ String(cString: $0) }), !name.isEmpty { return name }
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return ProcessInfo.processInfo.environment["USER"]
    }
}

/// Failures of the command layer itself.
enum RuntimeError: Error, CustomStringConvertible {
    case usage(String)
    case io(String)
    /// The command already printed its own report; exit 1 without another message.
    case reported

    var description: String {
        switch self {
        case .usage(let message), .io(let message): return message
        case .reported: return ""
        }
    }
}
