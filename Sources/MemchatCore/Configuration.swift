import Foundation

/// Which backend keeps sessions and turns.
public enum StorageType: String, CaseIterable, Sendable, Codable, CustomStringConvertible {
    case sqlite
    case file

    public var description: String { rawValue }
}

/// Where a configuration value came from, for `memchat config` and error messages.
public enum ConfigurationSource: Sendable, Equatable, CustomStringConvertible {
    case flag(String)
    case environment(String)
    case file(path: String, line: Int?)
    case defaultValue

    public var description: String {
        switch self {
        case .flag(let name): return "flag \(name)"
        case .environment(let name): return "environment \(name)"
        case .file(let path, let line): return line.map { "\(path):\($0)" } ?? path
        case .defaultValue: return "default"
        }
    }
}

/// Whether starting without a session named resumes the most recent one.
public enum StartChoice: String, CaseIterable, Sendable {
    /// Resume the most recent session when it was active within `resumeWindow` (seed 000).
    case resume
    case new

    /// Sessions idle longer than this start fresh even with `.resume`.
    public static let resumeWindow: TimeInterval = 24 * 3600

    /// Whether starting at `now` continues `last`, the user's most recent session.
    public func resumes(_ last: Session, at now: Date) -> Bool {
        self == .resume && last.state == .active && now.timeIntervalSince(last.lastActivity) < Self.resumeWindow
    }
}

/// The effective settings, resolved once (flags > environment > config.toml > defaults)
/// and passed down; nothing below the CLI reads the environment itself.
public struct Configuration: Sendable {
    /// Holds everything by default: the database, JSON files, memory files, logs.
    public var dataDirectory: String
    public var persistenceEnabled: Bool
    public var storageType: StorageType
    /// `SESSION_STORAGE_PATH`: moves only the session store (see `sessionStorePath`).
    public var storagePath: String?
    public var expirationHours: Int
    public var user: UserName
    /// The model provider asked for (`MEMCHAT_PROVIDER`); nil means choose automatically.
    public var provider: ProviderKind?
    /// The model asked for (`MEMCHAT_MODEL`), for whichever provider answers.
    public var model: String?
    /// Settings of the network providers (model, base URL, key, limits), always all three.
    public var providers: [ProviderKind: ProviderSettings]
    public var proxy: ProxySettings
    /// System prompts from config.toml, keyed by `SystemPromptKey`, replacing built-in ones.
    public var systemPrompts: [String: String]
    /// What opens when memchat starts without a session named.
    public var onStart: StartChoice
    /// How memory facts and past exchanges are ranked for a question.
    public var retrieval: RetrievalMode
    /// The ranking's tuning: what ships, unless a benchmark set it (`RetrievalTuning`).
    public var tuning: RetrievalTuning
    /// The chat screen's theme, by name (`theme`, `MEMCHAT_THEME`, `--theme`).
    public var theme: String
    /// Where the user's own themes are: `$XDG_CONFIG_HOME/memchat/themes`.
    public var themesDirectory: String?
    /// The config.toml that was read, if one exists.
    public var configFile: String?
    /// Where each setting came from, keyed by its config.toml key.
    public var sources: [String: ConfigurationSource]

    public static let defaultExpirationHours = 168
    public static let defaultTheme = "dark"

    public init(
        dataDirectory: String, persistenceEnabled: Bool = true, storageType: StorageType = .sqlite,
        storagePath: String? = nil, expirationHours: Int = Configuration.defaultExpirationHours,
        user: UserName, provider: ProviderKind? = nil, model: String? = nil,
        providers: [ProviderKind: ProviderSettings] = ProviderSettings.defaults, proxy: ProxySettings = ProxySettings(),
        systemPrompts: [String: String] = [:], onStart: StartChoice = .resume, retrieval: RetrievalMode = .hybrid,
        tuning: RetrievalTuning = .shipped, theme: String = Configuration.defaultTheme, themesDirectory: String? = nil, configFile: String? = nil, sources: [String: ConfigurationSource] = [:]
    ) {
        self.dataDirectory = dataDirectory
        self.persistenceEnabled = persistenceEnabled
        self.storageType = storageType
        self.storagePath = storagePath
        self.expirationHours = expirationHours
        self.user = user
        self.provider = provider
        self.model = model
        self.providers = providers
        self.proxy = proxy
        self.systemPrompts = systemPrompts
        self.onStart = onStart
        self.retrieval = retrieval
        self.tuning = tuning
        self.theme = theme
        self.themesDirectory = themesDirectory
        self.configFile = configFile
        self.sources = sources
    }

    /// For `sqlite`: the database file (a directory means `memchat.sqlite` inside it).
    /// For `file`: the directory of the JSON files. Defaults to the data directory.
    public func sessionStorePath(isDirectory: (String) -> Bool) -> String {
        let base = storagePath ?? dataDirectory
        switch storageType {
        case .sqlite:
            if storagePath == nil || isDirectory(base) || base.hasSuffix("/") {
                return (base as NSString).appendingPathComponent("memchat.sqlite")
            }
            return base
        case .file:
            return storagePath ?? (dataDirectory as NSString).appendingPathComponent("sessions")
        }
    }
}
