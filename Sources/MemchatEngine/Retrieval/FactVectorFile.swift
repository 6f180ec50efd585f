import Foundation
import MemchatCore

/// The sentence vectors of a user's memory facts (each clause of each fact), kept beside
/// the memory file as `memory_<user>.vectors`, so that a new process (every `memchat ask`)
/// ranks a thousand facts without embedding them all again.
///
/// A cache, nothing more: vectors are keyed by their text's hash, so an edited or new fact
/// simply misses and is embedded; the file is rewritten (atomically, mode 0600) with the
/// vectors of the current facts only, and `MemoryStore.forget` deletes it. A missing,
/// damaged or foreign-format file reads as empty.
///
/// Little-endian: magic `MCFV`, version u32 = 1, dimensions u32, count u32, then per
/// vector the u64 key, a float32 scale and `dimensions` int8 values.
enum FactVectorFile {
    static let magic = Array("MCFV".utf8)
    static let version: UInt32 = 1

    static func read(_ path: String, dimensions: Int) -> [UInt64: [Float]] {
        guard let data = FileManager.default.contents(atPath: path), data.count >= 16 else { return [:] }
        return data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> [UInt64: [Float]] in
            guard Array(bytes[0..<4]) == magic, bytes.loadUnaligned(fromByteOffset: 4, as: UInt32.self) == version,
                  Int(bytes.loadUnaligned(fromByteOffset: 8, as: UInt32.self)) == dimensions else { return [:] }
            let count = Int(bytes.loadUnaligned(fromByteOffset: 12, as: UInt32.self))
            let stride = 12 + dimensions
            guard data.count == 16 + count * stride else { return [:] }
            var vectors: [UInt64: [Float]] = [:]
            vectors.reserveCapacity(count)
            for index in 0..<count {
                let offset = 16 + index * stride
                let key = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                let scale = bytes.loadUnaligned(fromByteOffset: offset + 8, as: Float.self)
                vectors[key] = (0..<dimensions).map { Float(Int8(bitPattern: bytes[offset + 12 + $0])) * scale }
            }
            return vectors
        }
    }

    /// Writes `vectors` in place of the file; a failure only costs embedding again later.
    static func write(_ vectors: [UInt64: [Float]], dimensions: Int, to path: String) {
        let vectors = vectors.filter { $0.value.count == dimensions }.sorted { $0.key < $1.key }
        var data = Data(magic)
        for value in [version, UInt32(dimensions), UInt32(vectors.count)] {
            withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
        }
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
