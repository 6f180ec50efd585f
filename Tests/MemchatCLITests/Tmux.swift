import Foundation
import MemchatTestSupport

/// The real `memchat` binary in a real terminal: a tmux server of the test's own,
/// driven with send-keys and read with capture-pane. The server's socket lives in the
/// test's own directory, so that it goes with it even when the server was killed.
final class Tmux: @unchecked Sendable {
    let memchat: MemchatProcess
    /// One per window: a test may open the next while the last server is still ending.
    private let socket: String

    /// Starts `memchat ARGUMENTS` in a window of `columns` x `rows`.
    init(_ memchat: MemchatProcess, columns: Int = 100, rows: Int = 24, arguments: [String] = [], environment extra: [String: String] = [:]) throws {
        self.memchat = memchat
        socket = memchat.path("tmux-\(UUID().uuidString.prefix(8))")
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
        unlink(socket)
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

    /// Runs a tmux command and returns what it printed. Started with a clean signal state
    /// (`ChildProcess`); output goes through a file, which the forked server keeps open.
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let outputFile = memchat.path("tmux-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: outputFile) }
        try ChildProcess("tmux", arguments: ["-S", socket] + arguments, standard: [
            ("/dev/null", O_RDONLY), (outputFile, O_WRONLY | O_CREAT | O_TRUNC), ("/dev/null", O_WRONLY),
        ]).wait()
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

    /// The screen with its colours and attributes as escape sequences.
    var styledScreen: String { (try? tmux(["capture-pane", "-p", "-e"])) ?? "" }

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
