import MemchatCore

/// Writes chat-like text from `Vocabulary`: one-line questions and multi-paragraph
/// answers, some with a fenced code block. Sizes are targets in UTF-8 bytes; the text
/// ends at the first sentence boundary past the target.
struct TextGenerator {
    private var rng: SplitMix64
    /// Running sums of the Zipf weights 1/rank of `Vocabulary.ordinary`.
    private let cumulativeWeights: [Double]

    init(seed: UInt64) {
        rng = SplitMix64(seed: seed)
        var total = 0.0
        cumulativeWeights = Vocabulary.ordinary.indices.map { rank in
            total += 1 / Double(rank + 1)
            return total
        }
    }

    /// A question of about `bytes` bytes with `extraWords` somewhere in it.
    mutating func question(bytes: Int, including extraWords: [String]) -> String {
        prose(bytes: bytes, including: extraWords, paragraphs: false, end: "?")
    }

    /// An answer of about `bytes` bytes: paragraphs, and with `codeBlock` a fenced block
    /// between two runs of prose. `extraWords` go into the prose.
    mutating func answer(bytes: Int, codeBlock: Bool, including extraWords: [String]) -> String {
        guard codeBlock, let template = Vocabulary.codeSnippets.randomElement(using: &rng) else {
            return prose(bytes: bytes, including: extraWords, paragraphs: true, end: ".")
        }
        let code = template.replacingOccurrences(of: "NAME", with: ordinaryWord())
        let proseBytes = max(bytes - code.utf8.count, 80)
        let before = proseBytes * Int.random(in: 30...70, using: &rng) / 100
        return prose(bytes: before, including: extraWords, paragraphs: true, end: ":")
            + "\n\n" + code + "\n\n"
            + prose(bytes: proseBytes - before, including: [], paragraphs: true, end: ".")
    }

    /// Text of about `bytes` bytes for a turn of either role, as the append loop needs.
    mutating func message(bytes: Int, role: Role) -> String {
        role == .user
            ? question(bytes: bytes, including: [])
            : answer(bytes: bytes, codeBlock: rng.chance(0.3), including: [])
    }

    /// Sentences of 4-16 words (2-5 per paragraph when `paragraphs`), the last one ending
    /// with `end`.
    private mutating func prose(bytes: Int, including extraWords: [String], paragraphs: Bool, end: String) -> String {
        var words: [String] = []
        var length = 0
        while length < bytes {
            let word = ordinaryWord()
            words.append(word)
            length += word.utf8.count + 1
        }
        for extra in extraWords {
            words.insert(extra, at: Int.random(in: 0...words.count, using: &rng))
        }
        var text = ""
        text.reserveCapacity(length + 16)
        var start = 0
        var sentencesInParagraph = 0
        var paragraphLength = Int.random(in: 2...5, using: &rng)
        while start < words.count {
            let stop = min(start + Int.random(in: 4...16, using: &rng), words.count)
            if start > 0 {
                if paragraphs, sentencesInParagraph == paragraphLength {
                    text += "\n\n"
                    sentencesInParagraph = 0
                    paragraphLength = Int.random(in: 2...5, using: &rng)
                } else {
                    text += " "
                }
            }
            text += words[start].prefix(1).uppercased() + words[start].dropFirst()
            for word in words[(start + 1)..<stop] {
                text += " " + word
            }
            text += stop == words.count ? end : "."
            sentencesInParagraph += 1
            start = stop
        }
        return text
    }

    private mutating func ordinaryWord() -> String {
        let target = rng.unit() * (cumulativeWeights.last ?? 0)
        var low = 0
        var high = cumulativeWeights.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulativeWeights[middle] < target { low = middle + 1 } else { high = middle }
        }
        return Vocabulary.ordinary[low]
    }
}
