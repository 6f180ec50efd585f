import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Starts a program with posix_spawn, its standard descriptors opened from paths, and a
/// clean signal state. Swift's threads block most signals and a child inherits that: a
/// tmux server or a memchat started that way never sees SIGCHLD, SIGHUP or SIGTERM.
public struct ChildProcess: Sendable {
    public let pid: pid_t

    /// `standard` holds the paths to open as descriptors 0, 1 and 2, with their flags.
    /// `newSession` makes the child a session leader, so that a terminal it opens becomes
    /// its controlling terminal. A nil `environment` passes this process's own.
    public init(
        _ executable: String, arguments: [String], environment: [String: String]? = nil,
        standard: [(path: String, flags: Int32)], newSession: Bool = false
    ) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (descriptor, file) in standard.enumerated() {
            posix_spawn_file_actions_addopen(&actions, Int32(descriptor), file.path, file.flags, 0o600)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        // POSIX_SPAWN_SETSID (glibc 2.26) is hidden behind _GNU_SOURCE.
        let setSession: Int32 = 0x80
        posix_spawnattr_setflags(&attributes, Int16((newSession ? setSession : 0) | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let variables: [UnsafeMutablePointer<CChar>?]? = environment.map { $0.map { strdup("\($0.key)=\($0.value)") } + [nil] }
        defer {
            argv.forEach { free($0) }
            variables?.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = variables.map { posix_spawnp(&pid, executable, &actions, &attributes, argv, $0) }
            ?? posix_spawnp(&pid, executable, &actions, &attributes, argv, environ)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .ENOENT) }
        self.pid = pid
    }

    /// Waits for the child to end and returns its wait status.
    @discardableResult
    public func wait() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        return status
    }

    public func kill(_ signal: Int32 = SIGKILL) {
        Glibc.kill(pid, signal)
    }
}
