import Foundation
import MemchatCore

/// Settings given on the command line; nil means "not given".
public struct ConfigurationFlags: Sendable {
    public var dataDirectory: String?
    public var user: String?
    public var storageType: String?
    public var storagePath: String?
    public var expirationHours: Int?
    public var persistenceDisabled = false
    public var configFile: String?
    public var provider: String?
    public var model: String?
    public var retrieval: String?
    public var theme: String?

    public init() {}
}

/// Resolves the effective `Configuration`: flags > environment > config.toml > defaults.
public struct ConfigurationLoader {
    public var environment: [String: String]
    /// The login name, used when neither a flag, `MEMCHAT_USER` nor config.toml names a user.
    public var loginName: String?

    public init(environment: [String: String], loginName: String?) {
        self.environment = environment
        self.loginName = loginName
    }

    /// `$XDG_CONFIG_HOME/memchat/config.toml`, else `~/.config/memchat/config.toml`.
    public func defaultConfigFilePath() -> String {
        (configDirectory as NSString).appendingPathComponent("config.toml")
    }

    /// Where the user's own themes are: `themes/` beside the default config.toml.
    public func themesDirectory() -> String {
        (configDirectory as NSString).appendingPathComponent("themes")
    }

    /// `$XDG_CONFIG_HOME/memchat`, else `~/.config/memchat`.
    private var configDirectory: String {
        let base = nonEmpty(environment["XDG_CONFIG_HOME"]) ?? (home as NSString).appendingPathComponent(".config")
        return (base as NSString).appendingPathComponent("memchat")
    }

    public func load(flags: ConfigurationFlags) throws -> Configuration {
        let filePath = flags.configFile.map(expand) ?? defaultConfigFilePath()
        if let explicit = flags.configFile, !FileManager.default.fileExists(atPath: expand(explicit)) {
            throw ConfigurationError.unreadableFile(path: explicit, reason: "no such file")
        }
        let file = try ConfigurationFile.load(path: filePath)
        var picker = ValuePicker(environment: environment, file: file)
        func pick<T>(
            _ key: String, flag: (String, T?), env: String?, parse: (String, String) throws -> T,
            fileValue: (ConfigurationFile.Value, String) throws -> T, default defaultValue: T
        ) throws -> T {
            try picker.pick(key, flag: flag, env: env, parse: parse, fileValue: fileValue, default: defaultValue)
        }
        func pickOptional<T>(
            _ key: String, flag: (String, T?), env: String?, parse: (String, String) throws -> T,
            fileValue: (ConfigurationFile.Value, String) throws -> T
        ) throws -> T? {
            try picker.pickOptional(key, flag: flag, env: env, parse: parse, fileValue: fileValue)
        }

        let dataDirectory = try pick(
            "data_dir", flag: ("--data-dir", flags.dataDirectory.map(expand)), env: "MEMCHAT_HOME",
            parse: { text, _ in expand(text) }, fileValue: { value, place in expand(try string(value, place, "a path")) },
            default: defaultDataDirectory())
        let persistence = try pick(
            "session.persistence_enabled", flag: ("--no-persistence", flags.persistenceDisabled ? false : nil),
            env: "SESSION_PERSISTENCE_ENABLED", parse: parseBool,
            fileValue: { value, place in
                if case .bool(let bool) = value.kind { return bool }
                throw ConfigurationError.invalidValue(source: place, value: value.text, expected: "true or false")
            }, default: true)
        let storageType = try pick(
            "session.storage_type", flag: ("--storage-type", try flags.storageType.map { try parseStorageType($0, "--storage-type") }),
            env: "SESSION_STORAGE_TYPE", parse: parseStorageType,
            fileValue: { value, place in try parseStorageType(try string(value, place, "\"sqlite\" or \"file\""), place) },
            default: .sqlite)
        let storagePath = try pickOptional(
            "session.storage_path", flag: ("--storage-path", flags.storagePath.map(expand)), env: "SESSION_STORAGE_PATH",
            parse: { text, _ in expand(text) }, fileValue: { value, place in expand(try string(value, place, "a path")) })
        let expiration = try pick(
            "session.expiration_hours",
            flag: ("--expiration-hours", try flags.expirationHours.map { try checkHours($0, "--expiration-hours") }),
            env: "SESSION_EXPIRATION_HOURS",
            parse: { text, source in
                guard let hours = Int(text) else {
                    throw ConfigurationError.invalidValue(source: source, value: text, expected: Self.hoursExpectation)
                }
                return try checkHours(hours, source)
            },
            fileValue: { value, place in
                guard case .int(let hours) = value.kind else {
                    throw ConfigurationError.invalidValue(
                        source: place, value: value.text, expected: Self.hoursExpectation + " for session.expiration_hours")
                }
                return try checkHours(hours, place)
            }, default: Configuration.defaultExpirationHours)
        let userName = try pick(
            "user", flag: ("--user", flags.user), env: "MEMCHAT_USER", parse: { text, _ in text },
            fileValue: { value, place in try string(value, place, "a user name") }, default: loginName ?? "")
        let provider = try pickOptional(
            "provider", flag: ("--provider", try flags.provider.map { try parseProvider($0, "--provider") }),
            env: "MEMCHAT_PROVIDER", parse: parseProvider,
            fileValue: { value, place in try parseProvider(try string(value, place, "a provider name"), place) })
        let model = try pickOptional(
            "model", flag: ("--model", flags.model), env: "MEMCHAT_MODEL", parse: { text, _ in text },
            fileValue: { value, place in try string(value, place, "a model name") })
        let onStart = try pick(
            "session.on_start", flag: ("", nil), env: nil, parse: parseStart,
            fileValue: { value, place in try parseStart(try string(value, place, "\"resume\" or \"new\""), place) },
            default: StartChoice.resume)
        let retrieval = try pick(
            "retrieval", flag: ("--retrieval", try flags.retrieval.map { try parseRetrieval($0, "--retrieval") }),
            env: "MEMCHAT_RETRIEVAL", parse: parseRetrieval,
            fileValue: { value, place in try parseRetrieval(try string(value, place, "\"hybrid\" or \"lexical\""), place) },
            default: RetrievalMode.hybrid)
        let theme = try pick(
            "theme", flag: ("--theme", flags.theme), env: "MEMCHAT_THEME", parse: { text, _ in text },
            fileValue: { value, place in try string(value, place, "a theme name") }, default: Configuration.defaultTheme)
        let providers = try ProviderSettingsLoader(picker: picker).load()
        let proxy = try proxySettings()
        let prompts = file?.prompts ?? [:]
        var sources = picker.sources
        sources.merge(providers.sources) { _, new in new }
        let user: UserName
        do {
            user = try UserName(userName)
        } catch {
            let source = sources["user"].map { $0 == .defaultValue ? "login name" : $0.description } ?? "user"
            throw ConfigurationError.invalidUser(source: source, reason: "\(error)")
        }

        return Configuration(
            dataDirectory: dataDirectory, persistenceEnabled: persistence, storageType: storageType,
            storagePath: storagePath, expirationHours: expiration, user: user, provider: provider, model: model,
            providers: providers.settings, proxy: proxy, systemPrompts: prompts, onStart: onStart,
            retrieval: retrieval, tuning: try retrievalTuning(), theme: theme, themesDirectory: themesDirectory(),
            configFile: file?.path, sources: sources)
    }

    /// The bench-only tuning of the ranking (`RetrievalTuning`), from the environment.
    private func retrievalTuning() throws -> RetrievalTuning {
        var tuning = RetrievalTuning.shipped
        if let text = nonEmpty(environment["MEMCHAT_BENCH_RANKING"]) {
            guard let ranking = RetrievalTuning.Ranking(rawValue: text) else {
                throw ConfigurationError.invalidValue(
                    source: "MEMCHAT_BENCH_RANKING", value: text,
                    expected: RetrievalTuning.Ranking.allCases.map(\.rawValue).joined(separator: ", ") + " (or unset it)")
            }
            tuning.ranking = ranking
        }
        func cosine(_ name: String) throws -> Float? {
            guard let text = nonEmpty(environment[name]) else { return nil }
            guard let value = Float(text), (-1...1).contains(value) else {
                throw ConfigurationError.invalidValue(source: name, value: text, expected: "a cosine such as 0.36 (or unset it)")
            }
            return value
        }
        tuning.floor = try cosine("MEMCHAT_TUNE_FLOOR")
        tuning.margin = try cosine("MEMCHAT_TUNE_MARGIN")
        tuning.relationAllowance = try cosine("MEMCHAT_TUNE_RELATION")
        tuning.wordWeight = try cosine("MEMCHAT_TUNE_WORDS").map(Double.init)
        tuning.alike = try cosine("MEMCHAT_TUNE_ALIKE")
        return tuning
    }

    /// `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY`, each also in lowercase (which wins, as in curl).
    private func proxySettings() throws -> ProxySettings {
        func value(_ name: String) -> (variable: String, text: String)? {
            for key in [name.lowercased(), name] {
                if let text = nonEmpty(environment[key]?.trimmingCharacters(in: .whitespaces)) { return (key, text) }
            }
            return nil
        }
        func server(_ name: String) throws -> ProxySettings.Server? {
            guard let (variable, text) = value(name) else { return nil }
            guard let server = ProxySettings.server(text) else {
                throw ConfigurationError.invalidValue(
                    source: variable, value: text, expected: "an http proxy URL such as http://proxy.example:3128")
            }
            return server
        }
        return ProxySettings(
            https: try server("HTTPS_PROXY"), http: try server("HTTP_PROXY"),
            noProxy: value("NO_PROXY").map { ProxySettings.hosts($0.text) } ?? [])
    }

    static let hoursExpectation = "a whole number of hours from 1 to 876000 (default 168)"

    private var home: String {
        nonEmpty(environment["HOME"]) ?? NSHomeDirectory()
    }

    /// `$XDG_DATA_HOME/memchat`, else `~/.local/share/memchat`.
    private func defaultDataDirectory() -> String {
        let base = nonEmpty(environment["XDG_DATA_HOME"]) ?? (home as NSString).appendingPathComponent(".local/share")
        return (base as NSString).appendingPathComponent("memchat")
    }

    private func expand(_ path: String) -> String {
        if path == "~" { return home }
        if path.hasPrefix("~/") { return (home as NSString).appendingPathComponent(String(path.dropFirst(2))) }
        return path
    }
}

func string(_ value: ConfigurationFile.Value, _ place: String, _ expected: String) throws -> String {
    guard case .string(let text) = value.kind else {
        throw ConfigurationError.invalidValue(source: place, value: value.text, expected: expected + " in quotes")
    }
    return text
}

private func parseBool(_ text: String, _ source: String) throws -> Bool {
    switch text.lowercased() {
    case "1", "true", "yes", "on": return true
    case "0", "false", "no", "off": return false
    default: throw ConfigurationError.invalidValue(source: source, value: text, expected: "true or false")
    }
}

private func parseProvider(_ text: String, _ source: String) throws -> ProviderKind {
    guard let kind = ProviderKind(rawValue: text.lowercased()) else {
        throw ConfigurationError.invalidValue(
            source: source, value: text, expected: ProviderKind.allCases.map(\.rawValue).joined(separator: ", "))
    }
    return kind
}

private func parseStart(_ text: String, _ source: String) throws -> StartChoice {
    guard let choice = StartChoice(rawValue: text.lowercased()) else {
        throw ConfigurationError.invalidValue(source: source, value: text, expected: "resume or new")
    }
    return choice
}

private func parseRetrieval(_ text: String, _ source: String) throws -> RetrievalMode {
    let name = text.lowercased()
    if let mode = RetrievalMode(rawValue: name) { return mode }
    throw ConfigurationError.invalidValue(
        source: source, value: text, expected: RetrievalMode.allCases.map(\.rawValue).joined(separator: " or "))
}

private func parseStorageType(_ text: String, _ source: String) throws -> StorageType {
    guard let type = StorageType(rawValue: text.lowercased()) else {
        throw ConfigurationError.invalidValue(source: source, value: text, expected: "sqlite or file")
    }
    return type
}

private func checkHours(_ hours: Int, _ source: String) throws -> Int {
    guard (1...876_000).contains(hours) else {
        throw ConfigurationError.invalidValue(
            source: source, value: String(hours), expected: ConfigurationLoader.hoursExpectation)
    }
    return hours
}

/// nil for a missing or empty value: an empty variable counts as unset.
func nonEmpty(_ value: String?) -> String? {
    guard let value, !value.isEmpty else { return nil }
    return value
}
