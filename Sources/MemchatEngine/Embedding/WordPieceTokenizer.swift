import Foundation

/// BERT's uncased WordPiece tokenizer over a `vocab.txt` (one token a line, line number =
/// id): basic tokenization, then greedy longest-match-first pieces with `##` continuations;
/// `[UNK]` for a word longer than 100 scalars or with no match.
///
/// Pieces are looked up by their UTF-8 bytes, not as `String`s: Swift compares strings by
/// canonical equivalence (a decomposed Hangul syllable equals the composed one) and the
/// vocabulary must match the way the distilling script's Python does, code point by code point.
public struct WordPieceTokenizer: Sendable {
    private let starts: [Piece: Int]
    private let continuations: [Piece: Int]
    public let unknownID: Int
    /// Number of lines (ids) in the vocabulary.
    public let count: Int

    static let maxScalarsPerWord = 100

    /// A vocabulary entry's UTF-8 bytes, hashed in one call (an array of bytes hashes byte by byte).
    struct Piece: Hashable {
        let bytes: [UInt8]

        func hash(into hasher: inout Hasher) {
            bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }

    /// Reads `vocab.txt` contents. `file` names it in errors.
    public init(vocabulary data: Data, file: String) throws(EmbeddingError) {
        // Lines cut from the raw bytes: slicing `Data` 30,522 times costs more than every
        // other part of loading (this runs in every `memchat ask` that ranks by meaning).
        let lines: [[UInt8]] = data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var lines: [[UInt8]] = []
            lines.reserveCapacity(32_768)
            var start = 0
            for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
                lines.append(Array(UnsafeBufferPointer(rebasing: bytes[start..<index])))
                start = index + 1
            }
            if start < bytes.count { lines.append(Array(UnsafeBufferPointer(rebasing: bytes[start...]))) }
            return lines
        }
        var starts: [Piece: Int] = Dictionary(minimumCapacity: lines.count)
        var continuations: [Piece: Int] = Dictionary(minimumCapacity: lines.count / 4)
        let prefix = Array("##".utf8)
        for (id, bytes) in lines.enumerated() {
            if bytes.count > prefix.count, bytes.starts(with: prefix) {
                continuations[Piece(bytes: Array(bytes.dropFirst(prefix.count)))] = id
            }
            starts[Piece(bytes: bytes)] = id
        }
        guard let unknown = starts[Piece(bytes: Array("[UNK]".utf8))] else {
            throw .unreadable(file: file, reason: "no [UNK] token")
        }
        self.starts = starts
        self.continuations = continuations
        self.unknownID = unknown
        self.count = lines.count
    }

    /// The id of a whole vocabulary entry (`[CLS]`), if it has one.
    public func id(of token: String) -> Int? { starts[Piece(bytes: Array(token.utf8))] }

    /// The token ids of `text`, without `[CLS]`/`[SEP]`.
    public func tokenize(_ text: String) -> [Int] {
        var ids: [Int] = []
        for word in BertBasicTokenizer.words(text) {
            pieces(of: word, into: &ids)
        }
        return ids
    }

    private func pieces(of word: [Unicode.Scalar], into ids: inout [Int]) {
        guard word.count <= Self.maxScalarsPerWord else {
            ids.append(unknownID)
            return
        }
        var utf8: [UInt8] = []
        var offsets = [0]
        for scalar in word {
            UTF8.encode(scalar) { utf8.append($0) }
            offsets.append(utf8.count)
        }
        var found: [Int] = []
        var start = 0
        while start < word.count {
            let table = start == 0 ? starts : continuations
            var end = word.count
            var match: Int?
            while start < end {
                if let id = table[Piece(bytes: Array(utf8[offsets[start]..<offsets[end]]))] {
                    match = id
                    break
                }
                end -= 1
            }
            guard let id = match else {
                ids.append(unknownID)
                return
            }
            found.append(id)
            start = end
        }
        ids.append(contentsOf: found)
    }
}
