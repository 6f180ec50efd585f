import Foundation
import MemchatCore
import Testing
@testable import MemchatCLI

/// A private temporary directory with `home/` and `config/` inside, removed when released.
final class ConfigurationLoaderSandbox: @unchecked Sendable {
    let root: String

    init() throws {
        root = (NSTemporaryDirectory() as NSString).appendingPathComponent("memchat-config-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: configHome, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    var home: String { root + "/home" }
    var configHome: String { root + "/config" }
    var defaultConfigPath: String { configHome + "/memchat/config.toml" }

    /// The environment with HOME and XDG_CONFIG_HOME pointing inside the sandbox.
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        ["HOME": home, "XDG_CONFIG_HOME": configHome].merging(extra) { _, new in new }
    }

    /// Writes `text` to `path` (default: the config.toml the loader looks for) and returns the path.
    @discardableResult
    func write(_ text: String, to path: String? = nil) throws -> String {
        let path = path ?? defaultConfigPath
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func loader(_ extra: [String: String] = [:], login: String? = "louis") -> ConfigurationLoader {
        ConfigurationLoader(environment: environment(extra), loginName: login)
    }
}

private let allKeys = [
    "data_dir", "user", "session.persistence_enabled", "session.storage_type", "session.storage_path",
    "session.expiration_hours",
]

/// Loads and returns the `ConfigurationError` thrown (records an issue when loading succeeds).
func configurationError(
    _ loader: ConfigurationLoader, _ flags: ConfigurationFlags = ConfigurationFlags()
) -> ConfigurationError? {
    do {
        let configuration = try loader.load(flags: flags)
        Issue.record("expected a ConfigurationError, loaded \(configuration)")
        return nil
    } catch let error as ConfigurationError {
        return error
    } catch {
        Issue.record("expected a ConfigurationError, got \(error)")
        return nil
    }
}

private let fullFile = """
    user = "fileuser"
    data_dir = "/file/data"

    [session]
    persistence_enabled = false
    storage_type = "file"
    storage_path = "/file/store"
    expiration_hours = 24
    """

/// Grouped under one name so `swift test --filter ConfigurationLoaderTests` runs them all.
@Suite("ConfigurationLoader")
struct ConfigurationLoaderTests {
    @Suite("ConfigurationLoader defaults")
    struct Defaults {
        let sandbox: ConfigurationLoaderSandbox
        init() throws { sandbox = try ConfigurationLoaderSandbox() }

        @Test func defaultsWithoutAnything() throws {
            let loader = ConfigurationLoader(environment: ["HOME": sandbox.home], loginName: "louis")
            let configuration = try loader.load(flags: ConfigurationFlags())
            #expect(configuration.dataDirectory == sandbox.home + "/.local/share/memchat")
            #expect(configuration.persistenceEnabled)
            #expect(configuration.storageType == .sqlite)
            #expect(configuration.storagePath == nil)
            #expect(configuration.expirationHours == 168)
            #expect(configuration.user.rawValue == "louis")
            #expect(configuration.configFile == nil)
            for key in allKeys {
                #expect(configuration.sources[key] == .defaultValue, "source of \(key)")
            }
            #expect(loader.defaultConfigFilePath() == sandbox.home + "/.config/memchat/config.toml")
        }

        @Test func xdgDirectories() throws {
            let loader = sandbox.loader(["XDG_DATA_HOME": sandbox.root + "/xdg-data"])
            let configuration = try loader.load(flags: ConfigurationFlags())
            #expect(configuration.dataDirectory == sandbox.root + "/xdg-data/memchat")
            #expect(loader.defaultConfigFilePath() == sandbox.configHome + "/memchat/config.toml")
        }

        @Test func emptyXDGVariablesAreIgnored() throws {
            let loader = sandbox.loader(["XDG_DATA_HOME": "", "XDG_CONFIG_HOME": ""])
            #expect(try loader.load(flags: ConfigurationFlags()).dataDirectory == sandbox.home + "/.local/share/memchat")
            #expect(loader.defaultConfigFilePath() == sandbox.home + "/.config/memchat/config.toml")
        }

        @Test func readsConfigFromHomeWhenXDGConfigHomeIsUnset() throws {
            try sandbox.write("[session]\nexpiration_hours = 5\n", to: sandbox.home + "/.config/memchat/config.toml")
            let loader = ConfigurationLoader(environment: ["HOME": sandbox.home], loginName: "louis")
            let configuration = try loader.load(flags: ConfigurationFlags())
            #expect(configuration.expirationHours == 5)
            #expect(configuration.configFile == sandbox.home + "/.config/memchat/config.toml")
        }
    }

    @Suite("ConfigurationLoader precedence")
    struct Precedence {
        let sandbox: ConfigurationLoaderSandbox
        init() throws { sandbox = try ConfigurationLoaderSandbox() }

        private let environment = [
            "MEMCHAT_USER": "envuser", "MEMCHAT_HOME": "/env/data", "SESSION_PERSISTENCE_ENABLED": "true",
            "SESSION_STORAGE_TYPE": "sqlite", "SESSION_STORAGE_PATH": "/env/store", "SESSION_EXPIRATION_HOURS": "48",
        ]

        private var flags: ConfigurationFlags {
            var flags = ConfigurationFlags()
            flags.user = "flaguser"
            flags.dataDirectory = "/flag/data"
            flags.storageType = "file"
            flags.storagePath = "/flag/store"
            flags.expirationHours = 72
            flags.persistenceDisabled = true
            return flags
        }

        @Test func fileBeatsDefaults() throws {
            let path = try sandbox.write(fullFile)
            let configuration = try sandbox.loader().load(flags: ConfigurationFlags())
            #expect(configuration.user.rawValue == "fileuser")
            #expect(configuration.dataDirectory == "/file/data")
            #expect(configuration.persistenceEnabled == false)
            #expect(configuration.storageType == .file)
            #expect(configuration.storagePath == "/file/store")
            #expect(configuration.expirationHours == 24)
            #expect(configuration.configFile == path)
            #expect(configuration.sources["user"] == .file(path: path, line: 1))
            #expect(configuration.sources["data_dir"] == .file(path: path, line: 2))
            #expect(configuration.sources["session.persistence_enabled"] == .file(path: path, line: 5))
            #expect(configuration.sources["session.storage_type"] == .file(path: path, line: 6))
            #expect(configuration.sources["session.storage_path"] == .file(path: path, line: 7))
            #expect(configuration.sources["session.expiration_hours"] == .file(path: path, line: 8))
            #expect(configuration.sources["session.expiration_hours"]?.description == "\(path):8")
        }

        @Test func environmentBeatsFile() throws {
            try sandbox.write(fullFile)
            let configuration = try sandbox.loader(environment).load(flags: ConfigurationFlags())
            #expect(configuration.user.rawValue == "envuser")
            #expect(configuration.dataDirectory == "/env/data")
            #expect(configuration.persistenceEnabled == true)
            #expect(configuration.storageType == .sqlite)
            #expect(configuration.storagePath == "/env/store")
            #expect(configuration.expirationHours == 48)
            #expect(configuration.sources["user"] == .environment("MEMCHAT_USER"))
            #expect(configuration.sources["data_dir"] == .environment("MEMCHAT_HOME"))
            #expect(configuration.sources["session.persistence_enabled"] == .environment("SESSION_PERSISTENCE_ENABLED"))
            #expect(configuration.sources["session.storage_type"] == .environment("SESSION_STORAGE_TYPE"))
            #expect(configuration.sources["session.storage_path"] == .environment("SESSION_STORAGE_PATH"))
            #expect(configuration.sources["session.expiration_hours"] == .environment("SESSION_EXPIRATION_HOURS"))
            #expect(configuration.sources["session.expiration_hours"]?.description == "environment SESSION_EXPIRATION_HOURS")
        }

        @Test func flagsBeatEnvironmentAndFile() throws {
            try sandbox.write(fullFile)
            let configuration = try sandbox.loader(environment).load(flags: flags)
            #expect(configuration.user.rawValue == "flaguser")
            #expect(configuration.dataDirectory == "/flag/data")
            #expect(configuration.persistenceEnabled == false)
            #expect(configuration.storageType == .file)
            #expect(configuration.storagePath == "/flag/store")
            #expect(configuration.expirationHours == 72)
            #expect(configuration.sources["user"] == .flag("--user"))
            #expect(configuration.sources["data_dir"] == .flag("--data-dir"))
            #expect(configuration.sources["session.persistence_enabled"] == .flag("--no-persistence"))
            #expect(configuration.sources["session.storage_type"] == .flag("--storage-type"))
            #expect(configuration.sources["session.storage_path"] == .flag("--storage-path"))
            #expect(configuration.sources["session.expiration_hours"] == .flag("--expiration-hours"))
        }

        @Test func flagsBeatDefaultsWithoutEnvironmentOrFile() throws {
            let configuration = try sandbox.loader().load(flags: flags)
            #expect(configuration.expirationHours == 72)
            #expect(configuration.sources["session.expiration_hours"] == .flag("--expiration-hours"))
            #expect(configuration.configFile == nil)
        }

        @Test func eachKeyFallsThroughIndependently() throws {
            let path = try sandbox.write(fullFile)
            var flags = ConfigurationFlags()
            flags.expirationHours = 2
            let configuration = try sandbox.loader(["SESSION_STORAGE_TYPE": "FILE"]).load(flags: flags)
            #expect(configuration.expirationHours == 2)
            #expect(configuration.sources["session.expiration_hours"] == .flag("--expiration-hours"))
            #expect(configuration.storageType == .file)
            #expect(configuration.sources["session.storage_type"] == .environment("SESSION_STORAGE_TYPE"))
            #expect(configuration.user.rawValue == "fileuser")
            #expect(configuration.sources["user"] == .file(path: path, line: 1))
        }

        @Test func emptyEnvironmentValuesAreIgnored() throws {
            let path = try sandbox.write(fullFile)
            let configuration = try sandbox.loader(["MEMCHAT_USER": "", "SESSION_EXPIRATION_HOURS": ""]).load(flags: ConfigurationFlags())
            #expect(configuration.user.rawValue == "fileuser")
            #expect(configuration.expirationHours == 24)
            #expect(configuration.sources["session.expiration_hours"] == .file(path: path, line: 8))
        }

        @Test func persistenceFromEnvironment() throws {
            for text in ["false", "FALSE", "0", "no", "off"] {
                let configuration = try sandbox.loader(["SESSION_PERSISTENCE_ENABLED": text]).load(flags: ConfigurationFlags())
                #expect(configuration.persistenceEnabled == false, "\(text)")
                #expect(configuration.sources["session.persistence_enabled"] == .environment("SESSION_PERSISTENCE_ENABLED"))
            }
            for text in ["true", "1", "yes", "On"] {
                let configuration = try sandbox.loader(["SESSION_PERSISTENCE_ENABLED": text]).load(flags: ConfigurationFlags())
                #expect(configuration.persistenceEnabled == true, "\(text)")
            }
        }

        @Test func expirationBoundaries() throws {
            #expect(try sandbox.loader(["SESSION_EXPIRATION_HOURS": "1"]).load(flags: ConfigurationFlags()).expirationHours == 1)
            #expect(try sandbox.loader(["SESSION_EXPIRATION_HOURS": "876000"]).load(flags: ConfigurationFlags()).expirationHours
                == 876_000)
        }

        @Test func userFromLoginNameIsTheDefault() throws {
            let configuration = try sandbox.loader(login: "someone.else@example.com").load(flags: ConfigurationFlags())
            #expect(configuration.user.rawValue == "someone.else@example.com")
            #expect(configuration.sources["user"] == .defaultValue)
        }
    }

    @Suite("ConfigurationLoader errors")
    struct Errors {
        let sandbox: ConfigurationLoaderSandbox
        init() throws { sandbox = try ConfigurationLoaderSandbox() }

        @Test func unknownStorageTypeInEnvironment() throws {
            let error = try #require(configurationError(sandbox.loader(["SESSION_STORAGE_TYPE": "mongo"])))
            #expect(error == .invalidValue(source: "SESSION_STORAGE_TYPE", value: "mongo", expected: "sqlite or file"))
            #expect(error.description.contains("SESSION_STORAGE_TYPE"))
            #expect(error.description.contains("'mongo'"))
            #expect(error.description.contains("sqlite or file"))
        }

        @Test func unknownStorageTypeFlag() throws {
            var flags = ConfigurationFlags()
            flags.storageType = "mongo"
            let error = try #require(configurationError(sandbox.loader(), flags))
            #expect(error.description.contains("--storage-type"))
            #expect(error.description.contains("sqlite or file"))
        }

        @Test("bad SESSION_EXPIRATION_HOURS", arguments: ["-3", "abc", "0", "876001", "1.5", "12h", " 12"])
        func badExpirationHours(_ text: String) throws {
            let error = try #require(configurationError(sandbox.loader(["SESSION_EXPIRATION_HOURS": text])))
            guard case .invalidValue(let source, let value, let expected) = error else {
                Issue.record("expected invalidValue, got \(error)")
                return
            }
            #expect(source == "SESSION_EXPIRATION_HOURS")
            #expect(value == text)
            #expect(expected.contains("whole number of hours"))
            #expect(error.description.hasPrefix("SESSION_EXPIRATION_HOURS: '\(text)' is not valid"))
        }

        @Test func badExpirationFlag() throws {
            var flags = ConfigurationFlags()
            flags.expirationHours = 0
            let error = try #require(configurationError(sandbox.loader(), flags))
            #expect(error.description.hasPrefix("--expiration-hours: '0'"))
        }

        @Test func badPersistenceValue() throws {
            let error = try #require(configurationError(sandbox.loader(["SESSION_PERSISTENCE_ENABLED": "maybe"])))
            #expect(error == .invalidValue(source: "SESSION_PERSISTENCE_ENABLED", value: "maybe", expected: "true or false"))
        }

        @Test func malformedTOMLNamesFileAndLine() throws {
            let path = try sandbox.write("[session\nstorage_type = \"file\"\n")
            let error = try #require(configurationError(sandbox.loader()))
            guard case .malformedFile(let errorPath, let line, _, _) = error else {
                Issue.record("expected malformedFile, got \(error)")
                return
            }
            #expect(errorPath == path)
            #expect(line == 1)
            #expect(error.description.hasPrefix("\(path):1:"))
            #expect(error.description.contains("not valid TOML"))
        }

        @Test func malformedTOMLOnALaterLine() throws {
            let path = try sandbox.write("user = \"a\"\n\n[session]\nexpiration_hours = = 3\n")
            let error = try #require(configurationError(sandbox.loader()))
            guard case .malformedFile(path, 4, _, _) = error else {
                Issue.record("expected malformedFile at line 4, got \(error)")
                return
            }
        }

        @Test("wrong-typed values name file:line", arguments: [
            ("[session]\nexpiration_hours = \"x\"\n", 2, "x", "whole number of hours"),
            ("# comment\n[session]\npersistence_enabled = \"yes\"\n", 3, "yes", "true or false"),
            ("[session]\n\nstorage_type = 3\n", 3, "3", "in quotes"),
            ("[session]\nstorage_type = \"mongo\"\n", 2, "mongo", "sqlite or file"),
            ("user = 5\n", 1, "5", "in quotes"),
            ("data_dir = true\n", 1, "true", "a path in quotes"),
            ("[session]\nexpiration_hours = 0\n", 2, "0", "whole number of hours"),
        ])
        func wrongTypedValue(_ text: String, _ line: Int, _ value: String, _ expectation: String) throws {
            let path = try sandbox.write(text)
            let error = try #require(configurationError(sandbox.loader()))
            guard case .invalidValue(let source, let errorValue, let expected) = error else {
                Issue.record("expected invalidValue, got \(error)")
                return
            }
            #expect(source == "\(path):\(line)")
            #expect(errorValue == value)
            #expect(expected.contains(expectation), "\(expected)")
            #expect(error.description.hasPrefix("\(path):\(line): "))
        }

        @Test func valuesOfOtherTOMLTypesAreRefused() throws {
            let path = try sandbox.write("[session]\nexpiration_hours = 1.5\n")
            let error = try #require(configurationError(sandbox.loader()))
            #expect(error.description.hasPrefix("\(path):2"))
            #expect(error.description.contains("expiration_hours"))
        }

        @Test("unknown keys are refused by name", arguments: [
            ("colour = \"blue\"\n", "colour", 1 as Int?),
            ("user = \"u\"\n[session]\nstorage = \"x\"\n", "session.storage", 3),
            ("[ui]\ntheme = \"dark\"\n", "ui.theme", 2),
            ("[session]\nexpiration_hour = 3\n", "session.expiration_hour", 2),
        ])
        func unknownKey(_ text: String, _ key: String, _ line: Int?) throws {
            let path = try sandbox.write(text)
            let error = try #require(configurationError(sandbox.loader()))
            guard case .unknownKey(let errorPath, let errorLine, let errorKey, let known) = error else {
                Issue.record("expected unknownKey, got \(error)")
                return
            }
            #expect(errorPath == path)
            #expect(errorLine == line)
            #expect(errorKey == key)
            #expect(known.contains("session.storage_type"))
            #expect(error.description.contains("unknown key '\(key)'"))
            #expect(error.description.contains("session.expiration_hours"))
        }

        @Test func missingExplicitConfigFile() throws {
            var flags = ConfigurationFlags()
            flags.configFile = sandbox.root + "/nope.toml"
            let error = try #require(configurationError(sandbox.loader(), flags))
            #expect(error == .unreadableFile(path: sandbox.root + "/nope.toml", reason: "no such file"))
            #expect(error.description.contains("nope.toml"))
        }

        @Test func missingDefaultConfigFileIsFine() throws {
            #expect(!FileManager.default.fileExists(atPath: sandbox.defaultConfigPath))
            #expect(try sandbox.loader().load(flags: ConfigurationFlags()).configFile == nil)
        }

        @Test func configFileThatIsADirectory() throws {
            try FileManager.default.createDirectory(atPath: sandbox.defaultConfigPath, withIntermediateDirectories: true)
            let error = try #require(configurationError(sandbox.loader()))
            guard case .unreadableFile(let path, _) = error else {
                Issue.record("expected unreadableFile, got \(error)")
                return
            }
            #expect(path == sandbox.defaultConfigPath)
        }

        @Test func invalidUserFromEnvironment() throws {
            let error = try #require(configurationError(sandbox.loader(["MEMCHAT_USER": "a/b"])))
            guard case .invalidUser(let source, let reason) = error else {
                Issue.record("expected invalidUser, got \(error)")
                return
            }
            #expect(source == "environment MEMCHAT_USER")
            #expect(reason.contains("'/'"))
            #expect(error.description.contains("MEMCHAT_USER"))
        }

        @Test func invalidUserFromFlagFileAndLoginName() throws {
            var flags = ConfigurationFlags()
            flags.user = ".."
            guard case .invalidUser("flag --user", _) = configurationError(sandbox.loader(), flags) else {
                Issue.record("expected invalidUser from the flag")
                return
            }
            let path = try sandbox.write("user = \"two words\"\n")
            guard case .invalidUser(let fileSource, _) = configurationError(sandbox.loader()) else {
                Issue.record("expected invalidUser from the file")
                return
            }
            #expect(fileSource == "\(path):1")
            try FileManager.default.removeItem(atPath: path)
            guard case .invalidUser("login name", let reason) = configurationError(sandbox.loader(login: "bad\u{1B}name"))
            else {
                Issue.record("expected invalidUser from the login name")
                return
            }
            #expect(reason.contains("U+001B"))
            guard case .invalidUser("login name", let emptyReason) = configurationError(sandbox.loader(login: nil)) else {
                Issue.record("expected invalidUser without any user")
                return
            }
            #expect(emptyReason.contains("empty"))
        }
    }

    @Suite("ConfigurationLoader paths")
    struct Paths {
        let sandbox: ConfigurationLoaderSandbox
        init() throws { sandbox = try ConfigurationLoaderSandbox() }

        @Test func tildeExpansion() throws {
            var flags = ConfigurationFlags()
            flags.dataDirectory = "~/flagdata"
            var configuration = try sandbox.loader(["SESSION_STORAGE_PATH": "~"]).load(flags: flags)
            #expect(configuration.dataDirectory == sandbox.home + "/flagdata")
            #expect(configuration.storagePath == sandbox.home)

            try sandbox.write("data_dir = \"~/filedata\"\n[session]\nstorage_path = \"~/store/db.sqlite\"\n")
            configuration = try sandbox.loader().load(flags: ConfigurationFlags())
            #expect(configuration.dataDirectory == sandbox.home + "/filedata")
            #expect(configuration.storagePath == sandbox.home + "/store/db.sqlite")

            configuration = try sandbox.loader(["MEMCHAT_HOME": "~/envdata"]).load(flags: ConfigurationFlags())
            #expect(configuration.dataDirectory == sandbox.home + "/envdata")

            // Only "~" and "~/" expand; "~other" and a "~" later in the path are left alone.
            configuration = try sandbox.loader(["MEMCHAT_HOME": "~other/x", "SESSION_STORAGE_PATH": "/a/~/b"])
                .load(flags: ConfigurationFlags())
            #expect(configuration.dataDirectory == "~other/x")
            #expect(configuration.storagePath == "/a/~/b")
        }

        @Test func explicitConfigFileWithTilde() throws {
            try sandbox.write("[session]\nexpiration_hours = 9\n")  // the default file, which must be ignored
            let path = try sandbox.write("[session]\nexpiration_hours = 7\n", to: sandbox.home + "/alt.toml")
            var flags = ConfigurationFlags()
            flags.configFile = "~/alt.toml"
            let configuration = try sandbox.loader().load(flags: flags)
            #expect(configuration.expirationHours == 7)
            #expect(configuration.configFile == path)
            #expect(configuration.sources["session.expiration_hours"] == .file(path: path, line: 2))
        }

        @Test func sessionStorePathForSQLite() throws {
            let user = try UserName("u")
            let isDirectory: (String) -> Bool = { $0 == "/dir" }
            var configuration = Configuration(dataDirectory: "/data", user: user)
            #expect(configuration.sessionStorePath(isDirectory: isDirectory) == "/data/memchat.sqlite")
            configuration.storagePath = "/dir"
            #expect(configuration.sessionStorePath(isDirectory: isDirectory) == "/dir/memchat.sqlite")
            configuration.storagePath = "/db/sessions.sqlite"
            #expect(configuration.sessionStorePath(isDirectory: isDirectory) == "/db/sessions.sqlite")
            configuration.storagePath = "/not-yet-created/"
            #expect(configuration.sessionStorePath(isDirectory: isDirectory) == "/not-yet-created/memchat.sqlite")
        }

        @Test func sessionStorePathForFiles() throws {
            var configuration = Configuration(dataDirectory: "/data", storageType: .file, user: try UserName("u"))
            #expect(configuration.sessionStorePath(isDirectory: { _ in true }) == "/data/sessions")
            configuration.storagePath = "/json"
            #expect(configuration.sessionStorePath(isDirectory: { _ in false }) == "/json")
            #expect(configuration.sessionStorePath(isDirectory: { _ in true }) == "/json")
        }

        @Test func sessionStorePathFromLoadedConfiguration() throws {
            let storeDirectory = sandbox.root + "/store"
            try FileManager.default.createDirectory(atPath: storeDirectory, withIntermediateDirectories: true)
            let isDirectory: (String) -> Bool = { path in
                var directory: ObjCBool = false
                return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
            }
            var configuration = try sandbox.loader(["SESSION_STORAGE_PATH": storeDirectory]).load(flags: ConfigurationFlags())
            #expect(configuration.sessionStorePath(isDirectory: isDirectory) == storeDirectory + "/memchat.sqlite")
            configuration = try sandbox.loader(["SESSION_STORAGE_PATH": storeDirectory + "/my.db"]).load(flags: ConfigurationFlags())
            #expect(configuration.sessionStorePath(isDirectory: isDirectory) == storeDirectory + "/my.db")
            configuration = try sandbox.loader(["XDG_DATA_HOME": sandbox.root + "/xdg", "SESSION_STORAGE_TYPE": "file"])
                .load(flags: ConfigurationFlags())
            #expect(configuration.sessionStorePath(isDirectory: isDirectory) == sandbox.root + "/xdg/memchat/sessions")
            configuration = try sandbox.loader(["XDG_DATA_HOME": sandbox.root + "/xdg"]).load(flags: ConfigurationFlags())
            #expect(configuration.sessionStorePath(isDirectory: isDirectory) == sandbox.root + "/xdg/memchat/memchat.sqlite")
        }
    }

    @Suite("ConfigurationLoader file line numbers for other TOML spellings")
    struct LineNumbers {
        let sandbox: ConfigurationLoaderSandbox
        init() throws { sandbox = try ConfigurationLoaderSandbox() }

        @Test func tableHeaderWithTrailingComment() throws {
            let path = try sandbox.write("[session] # storage settings\nexpiration_hours = \"x\"\n")
            let error = try #require(configurationError(sandbox.loader()))
            #expect(error.description.hasPrefix("\(path):2: "), "\(error)")
        }

        @Test func dottedKeys() throws {
            let path = try sandbox.write("user = \"u\"\nsession.expiration_hours = \"x\"\n")
            let error = try #require(configurationError(sandbox.loader()))
            #expect(error.description.hasPrefix("\(path):2: "), "\(error)")
        }
    }
}
