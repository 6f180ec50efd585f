import Foundation

/// How a sentence vector becomes what the index stores: a 128-bit sign code (scanned for
/// every query) and an int8 copy of the vector (read only for the shortlist, to re-score
/// it by cosine without re-embedding the turns' text).
///
/// For the static table's 128 dimensions the bits are the signs of the vector minus
/// `centre`, the mean direction sentence vectors share (uncentred, most bits are the same
/// in every code and carry little). For the encoder's 384 they are the signs of 128 fixed
/// random projections (`projected`): the same 16-byte codes and the same scan, whatever
/// the model's width.
struct TurnCodec: Sendable {
    /// Bits of a code.
    static let bits = 128
    static let codeWords = bits / 64

    /// Subtracted before taking signs (128 values; no projection).
    let centre: [Float]
    /// `bits` rows of the model's dimensions, row-major: the code's hyperplanes.
    let projection: [Float]?
    /// Identifies the centre or projection and the code layout: a file written with
    /// another codec is rebuilt rather than compared against.
    let id: UInt64

    init(centre: [Float], id: UInt64) {
        precondition(centre.count == Self.bits, "a centred codec is for \(Self.bits)-dimension vectors")
        self.centre = centre
        projection = nil
        self.id = id
    }

    /// Codes from the signs of `bits` random projections of `dimensions`-value vectors:
    /// Gaussian rows from a fixed seed, so every process and release draws the same ones.
    static func projected(dimensions: Int, model: UInt64) -> TurnCodec {
        var random = SeededUniform(seed: 0x5EED_C0DE_0384_0128)
        // Box-Muller; next() is never 0, so the logarithm is finite.
        let rows = (0..<(bits * dimensions)).map { _ in
            Float((-2 * log(1 - random.next())).squareRoot() * cos(2 * .pi * random.next()))
        }
        // 2: the top bit marks requests (`TurnIndexLayout.marksRequests`).
        return TurnCodec(projection: rows, id: 0x0DEC_0000_0002_0384 ^ model)
    }

    private init(projection: [Float], id: UInt64) {
        centre = []
        self.projection = projection
        self.id = id
    }

    /// No centring (what ships), for vectors of `embedder`'s table: an index written with
    /// another table is rebuilt.
    static func uncentred(for embedder: StaticEmbedder) -> TurnCodec {
        TurnCodec(centre: [Float](repeating: 0, count: bits), id: 0x0DEC_0000_0000_0001 ^ embedder.fingerprint)
    }

    /// The sign code of `vector` (the model's dimensions).
    func code(_ vector: [Float]) -> (UInt64, UInt64) {
        let signs: [Float]
        if let projection {
            let width = vector.count
            signs = (0..<Self.bits).map { row in
                var dot: Float = 0
                for d in 0..<width { dot += projection[row * width + d] * vector[d] }
                return dot
            }
        } else {
            signs = zip(vector, centre).map { $0 - $1 }
        }
        var words: (UInt64, UInt64) = (0, 0)
        for d in 0..<64 where signs[d] > 0 { words.0 |= 1 << UInt64(d) }
        for d in 64..<128 where signs[d] > 0 { words.1 |= 1 << UInt64(d - 64) }
        return words
    }

    /// `vector` scaled so its largest component is ±127 (cosine needs no scale back).
    static func quantised(_ vector: [Float]) -> [Int8] {
        let largest = vector.reduce(0) { max($0, abs($1)) }
        guard largest > 0 else { return [Int8](repeating: 0, count: vector.count) }
        let scale = 127 / largest
        return vector.map { Int8(clamping: Int(($0 * scale).rounded())) }
    }

    /// Cosine of a unit-length query with a quantised vector of its length.
    static func cosine(_ query: [Float], _ stored: UnsafeRawBufferPointer) -> Float {
        var dot: Float = 0, norm: Float = 0
        for d in 0..<query.count {
            let value = Float(Int8(bitPattern: stored[d]))
            dot += query[d] * value
            norm += value * value
        }
        return norm > 0 ? dot / norm.squareRoot() : 0
    }
}

/// Uniform values in [0, 1) from SplitMix64: the same sequence on every platform and
/// release (the system generator is neither), for what every process must draw alike.
struct SeededUniform {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
    }
}
