/// The similarity of two sentence vectors of one model.
enum Cosine {
    /// Cosine similarity; 0 when either vector is zero or the lengths differ.
    static func of(_ a: [Float], _ b: [Float]) -> Float {
        guard a.count == b.count else { return 0 }
        // Eight lanes at a time: a thousand facts are compared with every question.
        var dot = SIMD8<Float>(), aa = SIMD8<Float>(), bb = SIMD8<Float>()
        var tail: (dot: Float, aa: Float, bb: Float) = (0, 0, 0)
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                let whole = a.count / 8 * 8
                var i = 0
                while i < whole {
                    let x = UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: a[i..<(i + 8)])).loadUnaligned(as: SIMD8<Float>.self)
                    let y = UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: b[i..<(i + 8)])).loadUnaligned(as: SIMD8<Float>.self)
                    dot += x * y
                    aa += x * x
                    bb += y * y
                    i += 8
                }
                for j in whole..<a.count {
                    tail.dot += a[j] * b[j]
                    tail.aa += a[j] * a[j]
                    tail.bb += b[j] * b[j]
                }
            }
        }
        let denominator = ((aa.sum() + tail.aa) * (bb.sum() + tail.bb)).squareRoot()
        return denominator > 0 ? (dot.sum() + tail.dot) / denominator : 0
    }
}
