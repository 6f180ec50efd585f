import Foundation
import MemchatCore
import MemchatEngine
import MemchatStore
import MemchatTerminal
import MemchatTUI

/// `memchat` (or `memchat chat`) on a terminal: the full-screen chat. While it owns the
/// screen, anything written to stderr goes to `memchat.log` in the data directory instead.
enum ChatScreen {
    static func run(_ runtime: Runtime, start: ChatStart = ChatStart()) async throws {
        let configuration = runtime.configuration
        var start = start
        (start.theme, start.themeProblem) = try theme(configuration)
        let memory = try Runtime.openMemory(configuration)
        // Background diagnostics go to stderr, which is memchat.log while the screen is open.
        let services = TUIServices(
            store: runtime.store, memory: memory, configuration: configuration,
            turnIndex: Runtime.openTurnIndex(configuration), transport: AsyncHTTPClientTransport(proxy: configuration.proxy),
            log: { Console.notice($0) })
        let log = StandardErrorLog(path: (configuration.dataDirectory as NSString).appendingPathComponent("memchat.log"))
        defer { log.restore() }
        let terminal = NcursesTerminal()
        NcursesTerminal.restoreOnSignals(terminal)
        try await TUIApp(terminal: terminal, services: services, storageName: configuration.storageType.rawValue, start: start).run()
    }
}

extension ChatScreen {
    /// The theme configured, and what was wrong with it when the default is used instead.
    /// A name no theme has is a mistake to fix before the screen opens; a theme file that
    /// cannot be read is said on the screen, which opens in the default theme.
    static func theme(_ configuration: Configuration) throws -> (Theme, String?) {
        let catalog = ThemeCatalog(directory: configuration.themesDirectory)
        let (theme, problem) = catalog.choose(configuration.theme)
        guard let problem else { return (theme, nil) }
        if case .unknownTheme(let name, let known, _) = problem {
            let source = configuration.sources["theme"]?.description ?? "theme"
            throw ConfigurationError.invalidValue(
                source: source, value: name,
                expected: "a theme: \(known.joined(separator: ", ")), or a NAME.toml in \(configuration.themesDirectory ?? "the themes directory")")
        }
        return (theme, "\(problem); using the \(theme.name) theme")
    }
}

/// Points stderr at a log file, and back.
private struct StandardErrorLog {
    private let saved: Int32

    init(path: String) {
        saved = dup(2)
        let file = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        if file >= 0 {
            dup2(file, 2)
            close(file)
        }
    }

    func restore() {
        guard saved >= 0 else { return }
        dup2(saved, 2)
        close(saved)
    }
}
