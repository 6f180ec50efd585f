import Foundation

/// The real `memchat` binary in a real terminal: a tmux server of the test's own,
/// driven with send-keys and read with capture-pane.
final class Tmux: @unchecked Sendable {
    let socket = "memchat-test-\(UUID().uuidString.prefix(8))"
    let memchat: MemchatProcess

    /// Starts `memchat ARGUMENTS` in a window of `columns` x `rows`.
    init(_ memchat: MemchatProcess, columns: Int = 100, rows: Int = 24, arguments: [String] = [], environment extra: [String: String] = [:]) throws {
        self.memchat = memchat
        let binary = try MemchatProcess.executable("memchat")
        try tmux(["new-session", "-d", "-x", String(columns), "-y", String(rows), command(binary, arguments, extra)])
    }

    deinit { close() }

    /// Ends everything in the window (memchat, the shell around it) and the server.
    func close() {
        if let pane = Int32((try? tmux(["display-message", "-p", "#{pane_pid}"]))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") {
            kill(-pane, SIGKILL)
        }
        _ = try? tmux(["kill-server"])
    }

    /// The command line the window runs: memchat in the test's environment, then a
    /// marker with its exit status, so a test can see it end.
    private func command(_ binary: String, _ arguments: [String], _ extra: [String: String]) -> String {
        var environment = memchat.environment(extra)
        environment["TERM"] = "tmux-256color"
        environment["LANG"] = "C.UTF-8"
        let assignments = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\(quoted($0.value))" }.joined(separator: " ")
        let call = ([binary] + arguments).map(quoted).joined(separator: " ")
        return "env -i \(assignments) \(call); echo \"[memchat exited $?]\"; sleep 60"
    }

    private func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// Runs a tmux command and returns what it printed. Spawned and reaped directly:
    /// Foundation's `Process` was seen to miss the exit of the tmux client that starts a
    /// server. Output goes through a file, which the forked server may keep open.
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let outputFile = memchat.path("tmux-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: outputFile) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputFile, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // The calling thread blocks most signals; a child would inherit that, and a tmux
        // server that never sees SIGCHLD or SIGTERM outlives the test. Start it clean.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = ["tmux", "-L", socket] + arguments
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, "tmux", &actions, &attributes, &cArguments, environ)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .ENOENT) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        return String(decoding: FileManager.default.contents(atPath: outputFile) ?? Data(), as: UTF8.self)
    }

    /// Keys by tmux name: "Enter", "Escape", "C-o", "Tab", "Down", ...
    func press(_ keys: String...) throws { try tmux(["send-keys"] + keys) }

    /// Text typed literally.
    func type(_ text: String) throws { try tmux(["send-keys", "-l", text]) }

    func resize(columns: Int, rows: Int) throws {
        try tmux(["resize-window", "-x", String(columns), "-y", String(rows)])
    }

    var screen: String { (try? tmux(["capture-pane", "-p"])) ?? "" }

    /// Waits until the screen shows `text` and has stopped changing (a capture can fall
    /// between the parts of one frame), at most `seconds`; returns the screen.
    @discardableResult
    func waitFor(_ text: String, seconds: Double = 10) async -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = screen
        while Date() < deadline {
            try? await Task.sleep(for: .milliseconds(40))
            let next = screen
            if next.contains(text), next == last { return next }
            last = next
        }
        return last
    }
}
