import Foundation

/// A lock on a data directory shared by every memchat process (an `flock` on
/// `<directory>/.lock`, or on a lock file of its own such as the SQLite store's
/// `memchat.sqlite.lock`), taken per operation and never for the life of a process, so
/// the TUI and CLI commands can take turns. Waiting longer than the timeout is "store busy".
public struct DirectoryLock: Sendable {
    public let path: String
    public let timeout: TimeInterval

    public init(directory: String, timeout: TimeInterval) {
        self.init(file: (directory as NSString).appendingPathComponent(".lock"), timeout: timeout)
    }

    /// A lock on the file at `path` (created 0600 when missing; its directory must exist).
    public init(file path: String, timeout: TimeInterval) {
        self.path = path
        self.timeout = timeout
    }

    /// Runs `body` holding the lock: shared for reads, exclusive for writes.
    public func withLock<T>(exclusive: Bool, _ body: () throws -> T) throws -> T {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw StoreError.io(path: path, reason: "cannot open the lock file (\(String(cString: strerror(errno))))") }
        defer { close(fd) }
        let deadline = Date().addingTimeInterval(timeout)
        while flock(fd, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                throw StoreError.io(path: path, reason: "cannot lock (\(String(cString: strerror(errno))))")
            }
            guard Date() < deadline else { throw StoreError.busy(path: path) }
            usleep(5_000)
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}
