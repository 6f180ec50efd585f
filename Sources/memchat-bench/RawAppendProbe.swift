import Foundation

/// The disk's own price of durability: append 512 bytes to a file and fsync it. A durable
/// store append is judged against this, measured on the same disk in the same run.
final class RawAppendProbe {
    static let recordSize = 512

    private let path: String
    private let descriptor: Int32
    private let record = [UInt8](repeating: UInt8(ascii: "x"), count: RawAppendProbe.recordSize)

    init(directory: String) throws {
        path = directory + "/raw-append-probe.bin"
        descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw BenchError(description: "cannot create \(path): \(String(cString: strerror(errno)))")
        }
    }

    deinit {
        close(descriptor)
        unlink(path)
    }

    /// One append + fsync, in milliseconds.
    func sample() async throws -> Double {
        try await Stopwatch.milliseconds {
            let written = record.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard written == record.count, fsync(descriptor) == 0 else {
                throw BenchError(description: "append + fsync to \(path) failed: \(String(cString: strerror(errno)))")
            }
        }.milliseconds
    }
}
