/// How a sentence vector becomes what the index stores: a 128-bit sign code (scanned for
/// every query) and an int8 copy of the vector (read only for the shortlist, to re-score
/// it by cosine without re-embedding the turns' text).
///
/// Sign bits are taken of the vector minus `centre`, the mean direction sentence vectors
/// share: uncentred, most bits are the same in every code and carry little.
struct TurnCodec: Sendable {
    static let dimensions = 128
    static let codeWords = dimensions / 64

    /// Subtracted before taking signs.
    let centre: [Float]
    /// Identifies the centre and the code layout: a file written with another codec is
    /// rebuilt rather than compared against.
    let id: UInt64

    init(centre: [Float], id: UInt64) {
        precondition(centre.count == Self.dimensions, "the codec is for \(Self.dimensions)-dimension vectors")
        self.centre = centre
        self.id = id
    }

    /// No centring (what ships), for vectors of `embedder`'s table: an index written with
    /// another table is rebuilt.
    static func uncentred(for embedder: StaticEmbedder) -> TurnCodec {
        TurnCodec(centre: [Float](repeating: 0, count: dimensions), id: 0x0DEC_0000_0000_0001 ^ embedder.fingerprint)
    }

    /// The sign code of `vector` (`dimensions` floats).
    func code(_ vector: [Float]) -> (UInt64, UInt64) {
        var words: (UInt64, UInt64) = (0, 0)
        for d in 0..<64 where vector[d] - centre[d] > 0 { words.0 |= 1 << UInt64(d) }
        for d in 64..<128 where vector[d] - centre[d] > 0 { words.1 |= 1 << UInt64(d - 64) }
        return words
    }

    /// `vector` scaled so its largest component is ±127 (cosine needs no scale back).
    static func quantised(_ vector: [Float]) -> [Int8] {
        let largest = vector.reduce(0) { max($0, abs($1)) }
        guard largest > 0 else { return [Int8](repeating: 0, count: vector.count) }
        let scale = 127 / largest
        return vector.map { Int8(clamping: Int(($0 * scale).rounded())) }
    }

    /// Cosine of a unit-length query with a quantised vector.
    static func cosine(_ query: [Float], _ stored: UnsafeRawBufferPointer) -> Float {
        var dot: Float = 0, norm: Float = 0
        for d in 0..<dimensions {
            let value = Float(Int8(bitPattern: stored[d]))
            dot += query[d] * value
            norm += value * value
        }
        return norm > 0 ? dot / norm.squareRoot() : 0
    }
}
