import Foundation

extension TurnCodec {
    /// `tableCentred(embedder)`, computed once per embedder for the process.
    static func tableCentred(cachedFor embedder: StaticEmbedder) -> TurnCodec {
        let key = ObjectIdentifier(embedder)
        if let codec = centredCodecs.withLock({ $0[key] }) { return codec }
        let codec = tableCentred(embedder)
        centredCodecs.withLock { $0[key] = codec }
        return codec
    }

    private static let centredCodecs = LockedCodecs()

    /// A codec centred on the mean of sentence vectors estimated from the table alone:
    /// `samples` bags of `tokensPerSample` tokens drawn with Zipf weights by token id
    /// (BERT's whole words from id 1996 on come roughly in frequency order, the same proxy
    /// the distillation's SIF weights use), with a fixed seed, so every process computes
    /// the same centre without a corpus. About 2 ms, once per process.
    static func tableCentred(_ embedder: StaticEmbedder, samples: Int = 4096, tokensPerSample: Int = 12) -> TurnCodec {
        let first = 1996
        let count = max(embedder.tokenCount - first, 1)
        var cumulative = [Double](repeating: 0, count: count)
        var total = 0.0
        for rank in 0..<count {
            total += 1 / Double(rank + 1)
            cumulative[rank] = total
        }
        var random = SeededUniform(seed: 0x7E57_C0DE_5EED_0001)
        func next() -> Double { random.next() }
        var mean = [Float](repeating: 0, count: bits)
        for _ in 0..<samples {
            let tokens = (0..<tokensPerSample).map { _ in
                let target = next() * total
                var low = 0, high = count - 1
                while low < high {
                    let middle = (low + high) / 2
                    if cumulative[middle] < target { low = middle + 1 } else { high = middle }
                }
                return first + low
            }
            for (d, value) in embedder.embed(tokens: tokens).enumerated() { mean[d] += value }
        }
        // Rounded so that the centre, and the codec id made from it, are the same bits in
        // every build (summation order and rounding could differ in the last place).
        let centre = mean.map { ($0 / Float(samples) * 4096).rounded() / 4096 }
        let id = FNV1a.hash(centre.flatMap { value in
            withUnsafeBytes(of: Int32(value * 4096).littleEndian) { Array($0) }
        } + Array("sign128+int8 v1".utf8))
        return TurnCodec(centre: centre, id: id)
    }
}

/// The per-process cache of table-centred codecs.
final class LockedCodecs: @unchecked Sendable {
    private let lock = NSLock()
    private var codecs: [ObjectIdentifier: TurnCodec] = [:]

    func withLock<T>(_ body: (inout [ObjectIdentifier: TurnCodec]) -> T) -> T {
        lock.withLock { body(&codecs) }
    }
}
