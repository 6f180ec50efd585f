import Foundation
import MemchatTestSupport
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

    struct Measurement {
        var milliseconds: Double
        /// The program's resident memory once the marker was seen (VmRSS).
        var residentBytes: Int
    }

    /// Milliseconds from spawn to the first output holding `marker`, and the memory the
    /// program holds then; the program is then killed.
    func timeToOutput(containing marker: String, timeout: Double = 10) throws -> Measurement {
        try running { screen in
            let elapsed = try screen.waitForOutput(containing: marker, timeout: timeout)
            return Measurement(milliseconds: elapsed, residentBytes: Self.residentBytes(of: screen.child.pid))
        }
    }

    /// The program running on the pseudo-terminal, for `body` to read and type; killed after.
    func running<T>(_ body: (Screen) throws -> T) throws -> T {
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
        let started = ContinuousClock.now
        let child = try ChildProcess(
            executable, arguments: [], environment: environment,
            standard: [(slavePath, O_RDWR), (slavePath, O_RDWR), (slavePath, O_RDWR)], newSession: true)
        defer {
            child.kill()
            child.wait()
        }
        return try body(Screen(master: master, child: child, started: started))
    }

    /// What a terminal emulator sees of the program: its output, and keys to send it.
    final class Screen {
        let master: Int32
        let child: ChildProcess
        private let started: ContinuousClock.Instant
        private(set) var received: [UInt8] = []
        private var buffer = [UInt8](repeating: 0, count: 65_536)

        init(master: Int32, child: ChildProcess, started: ContinuousClock.Instant) {
            self.master = master
            self.child = child
            self.started = started
        }

        /// Reads what is there within `milliseconds`; false when nothing came.
        @discardableResult
        func read(within milliseconds: Int32) -> Bool {
            var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, milliseconds) > 0 else { return false }
            let count = Glibc.read(master, &buffer, buffer.count)
            guard count > 0 else { return false }
            received += buffer[0..<count]
            return true
        }

        /// Milliseconds from the program's start until its output holds `marker`.
        /// Terminal queries (cursor position, colours) would wait for an answer; none are sent.
        func waitForOutput(containing marker: String, timeout: Double) throws -> Double {
            let wanted = Array(marker.utf8)
            while started.duration(to: .now) < .seconds(timeout) {
                read(within: 50)
                if received.firstRange(of: wanted) != nil { return Stopwatch.milliseconds(started.duration(to: .now)) }
            }
            throw BenchError(description: "no frame with \"\(marker)\" within \(Int(timeout)) s; output began: "
                + String(decoding: received.prefix(200), as: UTF8.self).debugDescription)
        }

        /// Sends `key` once the program has been quiet for 20 ms, and returns the
        /// milliseconds until the first output after it (the frame showing it).
        func keystroke(_ key: String, timeout: Double = 5) throws -> Double {
            while read(within: 20) {}
            let bytes = Array(key.utf8)
            let sent = ContinuousClock.now
            guard write(master, bytes, bytes.count) == bytes.count else { throw BenchError(description: "cannot type into the terminal") }
            while sent.duration(to: .now) < .seconds(timeout) {
                if read(within: 10) { return Stopwatch.milliseconds(sent.duration(to: .now)) }
            }
            throw BenchError(description: "no frame within \(Int(timeout)) s of a keystroke")
        }
    }

    /// VmRSS from /proc, in bytes (0 when unreadable).
    private static func residentBytes(of pid: pid_t) -> Int {
        Int(ResidentMemory.kilobytes("VmRSS:", process: "\(pid)") * 1024)
    }
}
