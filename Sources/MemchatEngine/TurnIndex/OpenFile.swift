import Foundation

/// A file descriptor closed when released, with positioned reads and writes that report
/// failures as `TurnIndexError.io` naming the file.
final class OpenFile {
    let path: String
    private let fd: Int32

    /// nil when the file does not exist and `create` is false.
    init?(_ path: String, create: Bool) throws {
        self.path = path
        fd = open(path, (create ? O_RDWR | O_CREAT : O_RDONLY) | O_CLOEXEC, 0o600)
        if fd < 0 {
            if errno == ENOENT && !create { return nil }
            throw TurnIndexError.io(path: path, reason: "cannot open (\(String(cString: strerror(errno))))")
        }
    }

    deinit { close(fd) }

    func size() throws -> Int {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw failure("cannot stat") }
        return Int(info.st_size)
    }

    /// Up to `count` bytes at `offset` (fewer at the end of the file).
    func read(at offset: Int, count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let read = try bytes.withUnsafeMutableBytes { raw throws in try self.read(into: raw, at: offset) }
        return Array(bytes[0..<read])
    }

    /// Fills `buffer` from `offset` as far as the file goes; returns the bytes read.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var done = 0
        while done < buffer.count {
            let result = pread(fd, base + done, buffer.count - done, off_t(offset + done))
            if result < 0 {
                if errno == EINTR { continue }
                throw failure("cannot read")
            }
            if result == 0 { break }
            done += result
        }
        return done
    }

    func write(_ bytes: [UInt8], at offset: Int) throws {
        var done = 0
        while done < bytes.count {
            let result = bytes.withUnsafeBytes { raw in
                raw.baseAddress.map { pwrite(fd, $0 + done, raw.count - done, off_t(offset + done)) } ?? 0
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw failure("cannot write")
            }
            done += result
        }
    }

    func truncate(to size: Int) throws {
        if try self.size() == size { return }
        guard ftruncate(fd, off_t(size)) == 0 else { throw failure("cannot truncate") }
    }

    private func failure(_ what: String) -> TurnIndexError {
        .io(path: path, reason: "\(what) (\(String(cString: strerror(errno))))")
    }
}
