import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Starts a program on a new pseudo-terminal of a given size, as a terminal emulator
/// would, and times how long until its output contains a marker (the last line of the
/// first full frame).
struct PseudoTerminalLaunch {
    let executable: String
    let environment: [String: String]
    let columns: Int
    let rows: Int

    /// TIOCSPTLCK and TIOCGPTN from <asm-generic/ioctls.h>, which Swift does not import.
    private static let setLock: UInt = 0x4004_5431
    private static let getNumber: UInt = 0x8004_5430
    /// POSIX_SPAWN_SETSID (glibc 2.26), hidden behind _GNU_SOURCE.
    private static let newSession: Int32 = 0x80

    /// Milliseconds from spawn to the first output holding `marker`; the program is then
    /// killed.
    func timeToOutput(containing marker: String, timeout: Double = 10) throws -> Double {
        // posix_openpt and friends are not in Swift's Glibc module; on Linux they are
        // /dev/ptmx plus two ioctls (grantpt has nothing to do with devpts).
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard master >= 0, ioctl(master, Self.setLock, &unlock) == 0, ioctl(master, Self.getNumber, &number) == 0 else {
            throw BenchError(description: "cannot open a pseudo-terminal")
        }
        defer { close(master) }
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        let slavePath = "/dev/pts/\(number)"

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for descriptor: Int32 in [0, 1, 2] {
            posix_spawn_file_actions_addopen(&actions, descriptor, slavePath, O_RDWR, 0)
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
        // A new session, so the pseudo-terminal opened above becomes its controlling terminal.
        posix_spawnattr_setflags(&attributes, Int16(Self.newSession | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let arguments: [UnsafeMutablePointer<CChar>?] = [strdup(executable), nil]
        let variables: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            arguments.forEach { free($0) }
            variables.forEach { free($0) }
        }
        let clock = ContinuousClock()
        let start = clock.now
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, arguments, variables)
        guard spawned == 0 else { throw BenchError(description: "cannot start \(executable) (error \(spawned))") }
        defer {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        }

        let wanted = Array(marker.utf8)
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while start.duration(to: clock.now) < .seconds(timeout) {
            var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 50) > 0 else { continue }
            let count = read(master, &buffer, buffer.count)
            guard count > 0 else { break }
            received += buffer[0..<count]
            // Terminal queries (cursor position, colours) would wait for an answer; none are sent.
            if received.firstRange(of: wanted) != nil {
                return Stopwatch.milliseconds(start.duration(to: clock.now))
            }
        }
        throw BenchError(description: "no frame with \"\(marker)\" within \(Int(timeout)) s; output began: "
            + String(decoding: received.prefix(200), as: UTF8.self).debugDescription)
    }
}
