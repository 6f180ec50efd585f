import Foundation

/// The int8 token table written by `scripts/distill-embeddings.py` (`table.bin`).
///
/// Little-endian: magic `MCEB`, version u32 = 1, dimensions u32, rows u32, then rows x
/// float32 scale, then rows x dimensions int8. Row r dequantised is scale[r] * int8[r, :].
/// Kept as int8 (3.9 MB for 30,522 x 128) rather than Float to stay small in the chat
/// screen's resident budget; rows are dequantised as they are summed.
struct EmbeddingTable: Sendable {
    let dimensions: Int
    let rows: Int
    let scales: [Float]
    let values: [Int8]

    static let magic: [UInt8] = Array("MCEB".utf8)
    static let version: UInt32 = 1
    static let headerBytes = 16

    init(data: Data, file: String) throws(EmbeddingError) {
        let bytes = [UInt8](data)
        guard bytes.count >= Self.headerBytes else {
            throw .truncated(file: file, expectedBytes: Self.headerBytes, actualBytes: bytes.count)
        }
        guard Array(bytes[0..<4]) == Self.magic else { throw .badMagic(file: file) }
        func word(_ at: Int) -> UInt32 {
            (0..<4).reduce(0) { $0 | UInt32(bytes[at + $1]) << (8 * $1) }
        }
        let version = word(4)
        guard version == Self.version else { throw .unsupportedVersion(file: file, version: version) }
        dimensions = Int(word(8))
        rows = Int(word(12))
        let expected = Self.headerBytes + rows * 4 + rows * dimensions
        guard bytes.count == expected else {
            throw .truncated(file: file, expectedBytes: expected, actualBytes: bytes.count)
        }
        let valuesStart = Self.headerBytes + rows * 4
        scales = (0..<rows).map { Float(bitPattern: word(Self.headerBytes + $0 * 4)) }
        values = bytes[valuesStart...].map { Int8(bitPattern: $0) }
    }

    /// Adds row `row` (dequantised) into `sum`.
    func add(row: Int, into sum: inout [Float]) {
        let scale = scales[row]
        guard scale != 0 else { return }
        let start = row * dimensions
        values.withUnsafeBufferPointer { values in
            for d in 0..<dimensions {
                sum[d] += scale * Float(values[start + d])
            }
        }
    }
}
