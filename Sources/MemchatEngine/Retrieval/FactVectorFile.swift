import Foundation
import MemchatCore
import MemchatStore

/// The sentence vectors of a user's memory facts (each clause of each fact), kept beside
/// the memory file as `memory_<user>.vectors`, so that a new process (every `memchat ask`)
/// ranks a thousand facts without embedding them all again.
///
/// A cache, nothing more: vectors are keyed by their text's hash, so an edited or new fact
/// simply misses and is embedded; the file is rewritten (atomically, mode 0600) with the
/// vectors of the current facts only, and `MemoryStore.forget` deletes it. A missing,
/// damaged or foreign-format file reads as empty.
///
/// Little-endian: magic `MCFV`, version u32 = 2, dimensions u32, count u32, the u64
/// fingerprint of the embedding table the vectors came from (`EmbeddingTable`; a file of
/// another table reads as empty), then per vector the u64 key, a float32 scale and
/// `dimensions` int8 values.
enum FactVectorFile {
    static let magic = Array("MCFV".utf8)
    static let version: UInt32 = 2
    static let headerSize = 24

    /// The vectors in the file at `path`, decoded once while the file is unchanged (a
    /// chat screen ranks the same facts for every question).
    static func read(_ path: String, dimensions: Int, table: UInt64) -> [UInt64: [Float]] {
        guard let signature = FileSignature(path) else { return [:] }
        return memo.withLock { held in
            if let held = held[path], held.signature == signature, held.dimensions == dimensions, held.table == table {
                return held.vectors
            }
            let vectors = decode(path, dimensions: dimensions, table: table)
            held[path] = (signature, dimensions, table, vectors)
            return vectors
        }
    }

    static let memo = DecodedFiles()

    /// The files decoded in this process, by path, with the signature, dimensions and table read.
    final class DecodedFiles: @unchecked Sendable {
        typealias Decoded = (signature: FileSignature, dimensions: Int, table: UInt64, vectors: [UInt64: [Float]])
        private let lock = NSLock()
        private var files: [String: Decoded] = [:]

        func withLock<T>(_ body: (inout [String: Decoded]) -> T) -> T {
            lock.withLock { body(&files) }
        }
    }

    private static func decode(_ path: String, dimensions: Int, table: UInt64) -> [UInt64: [Float]] {
        guard let data = FileManager.default.contents(atPath: path), data.count >= headerSize else { return [:] }
        return data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> [UInt64: [Float]] in
            guard Array(bytes[0..<4]) == magic, UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 4, as: UInt32.self)) == version,
                  Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt32.self))) == dimensions,
                  UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 16, as: UInt64.self)) == table else { return [:] }
            let count = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 12, as: UInt32.self)))
            let stride = 12 + dimensions
            guard data.count == headerSize + count * stride else { return [:] }
            var vectors: [UInt64: [Float]] = [:]
            vectors.reserveCapacity(count)
            for index in 0..<count {
                let offset = headerSize + index * stride
                let key = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                let scale = bytes.loadUnaligned(fromByteOffset: offset + 8, as: Float.self)
                vectors[key] = (0..<dimensions).map { Float(Int8(bitPattern: bytes[offset + 12 + $0])) * scale }
            }
            return vectors
        }
    }

    /// Writes `vectors` in place of the file; a failure only costs embedding again later.
    static func write(_ vectors: [UInt64: [Float]], dimensions: Int, table: UInt64, to path: String) {
        let vectors = vectors.filter { $0.value.count == dimensions }.sorted { $0.key < $1.key }
        var data = Data(magic)
        for value in [version, UInt32(dimensions), UInt32(vectors.count)] {
            withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
        }
        withUnsafeBytes(of: table.littleEndian) { data.append(contentsOf: $0) }
        for (key, vector) in vectors {
            let scale = (vector.map(abs).max() ?? 0) / 127
            withUnsafeBytes(of: key.littleEndian) { data.append(contentsOf: $0) }
            withUnsafeBytes(of: scale) { data.append(contentsOf: $0) }
            data.append(contentsOf: vector.map { UInt8(bitPattern: Int8(scale > 0 ? ($0 / scale).rounded() : 0)) })
        }
        let temporary = path + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600]),
              rename(temporary, path) == 0 else {
            unlink(temporary)
            return
        }
    }
}
