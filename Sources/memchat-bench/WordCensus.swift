/// Counts the turns that contain each tracked word as a whole token, split the way FTS5's
/// unicode61 tokenizer splits ASCII text (runs of letters and digits, case-folded), so
/// the printed fractions are what a search really meets rather than what was intended.
struct WordCensus {
    let words: [String]
    private(set) var turns = 0
    private(set) var textBytes = 0
    /// Per entry of `words`: how many turns contain it.
    private(set) var turnsContaining: [Int]
    /// Turns that contain every word of `allOf` (what a query of those words matches).
    private(set) var turnsContainingAll = 0
    private let wordBytes: [[UInt8]]
    private let allOfMask: UInt64

    init(words: [String], allOf: [String]) {
        self.words = words
        wordBytes = words.map { Array($0.lowercased().utf8) }
        turnsContaining = Array(repeating: 0, count: words.count)
        allOfMask = words.indices.reduce(0) { mask, index in
            allOf.contains(words[index]) ? mask | (1 << UInt64(index)) : mask
        }
    }

    mutating func record(_ text: String) {
        turns += 1
        textBytes += text.utf8.count
        let mask = text.utf8.withContiguousStorageIfAvailable(tokenMask) ?? tokenMask(Array(text.utf8))
        for index in words.indices where mask & (1 << UInt64(index)) != 0 {
            turnsContaining[index] += 1
        }
        if mask & allOfMask == allOfMask { turnsContainingAll += 1 }
    }

    func fraction(_ count: Int) -> Double { turns == 0 ? 0 : Double(count) / Double(turns) }

    /// Bit `i` is set when `words[i]` occurs as a token of `bytes`.
    private func tokenMask<Bytes: RandomAccessCollection>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8, Bytes.Index == Int {
        var mask: UInt64 = 0
        var index = bytes.startIndex
        while index < bytes.endIndex {
            while index < bytes.endIndex, !Self.isTokenByte(bytes[index]) { index += 1 }
            let start = index
            while index < bytes.endIndex, Self.isTokenByte(bytes[index]) { index += 1 }
            let length = index - start
            guard length > 0 else { continue }
            for (wordIndex, word) in wordBytes.enumerated() where word.count == length {
                if zip(word, bytes[start..<index]).allSatisfy({ $0 == Self.lowercased($1) }) {
                    mask |= 1 << UInt64(wordIndex)
                }
            }
        }
        return mask
    }

    /// Letters, digits and every non-ASCII byte (the workload's text is ASCII).
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), 0x80...:
            return true
        default:
            return false
        }
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }
}
