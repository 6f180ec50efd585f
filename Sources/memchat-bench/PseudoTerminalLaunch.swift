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

        let clock = ContinuousClock()
        let start = clock.now
        let child = try ChildProcess(
            executable, arguments: [], environment: environment,
            standard: [(slavePath, O_RDWR), (slavePath, O_RDWR), (slavePath, O_RDWR)], newSession: true)
        defer {
            child.kill()
            child.wait()
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
                let elapsed = Stopwatch.milliseconds(start.duration(to: clock.now))
                return Measurement(milliseconds: elapsed, residentBytes: Self.residentBytes(of: child.pid))
            }
        }
        throw BenchError(description: "no frame with \"\(marker)\" within \(Int(timeout)) s; output began: "
            + String(decoding: received.prefix(200), as: UTF8.self).debugDescription)
    }

    /// VmRSS from /proc, in bytes (0 when unreadable).
    private static func residentBytes(of pid: pid_t) -> Int {
        Int(ResidentMemory.kilobytes("VmRSS:", process: "\(pid)") * 1024)
    }
}
