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
    /// Tells tables apart (FNV-1a of the header and the row scales): what is derived from
    /// sentence vectors and kept on disk (the turn index, the fact vector file) is made
    /// again when the table changes.
    let fingerprint: UInt64

    static let magic: [UInt8] = Array("MCEB".utf8)
    static let version: UInt32 = 1
    static let headerBytes = 16

    init(data: Data, file: String) throws(EmbeddingError) {
        guard data.count >= Self.headerBytes else {
            throw .truncated(file: file, expectedBytes: Self.headerBytes, actualBytes: data.count)
        }
        guard data.prefix(4).elementsEqual(Self.magic) else { throw .badMagic(file: file) }
        let header = data.withUnsafeBytes { raw in
            [4, 8, 12].map { UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0, as: UInt32.self)) }
        }
        guard header[0] == Self.version else { throw .unsupportedVersion(file: file, version: header[0]) }
        let dimensions = Int(header[1]), rows = Int(header[2])
        self.dimensions = dimensions
        self.rows = rows
        let valuesStart = Self.headerBytes + rows * 4
        let expected = valuesStart + rows * dimensions
        guard data.count == expected else {
            throw .truncated(file: file, expectedBytes: expected, actualBytes: data.count)
        }
        fingerprint = data.withUnsafeBytes { raw in FNV1a.hash(raw[0..<valuesStart]) }
        (scales, values) = data.withUnsafeBytes { raw in
            let scales = (0..<rows).map {
                Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(
                    fromByteOffset: Self.headerBytes + $0 * 4, as: UInt32.self)))
            }
            let values = [Int8](unsafeUninitializedCapacity: rows * dimensions) { buffer, count in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[valuesStart...]))
                count = buffer.count
            }
            return (scales, values)
        }
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
