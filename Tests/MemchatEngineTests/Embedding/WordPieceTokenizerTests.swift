import Foundation
import Testing

@testable import MemchatEngine

/// BERT's basic and WordPiece rules, checked as token strings against the shipped vocabulary.
struct WordPieceTokenizerTests {
    static let vocabulary: [String] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("data/embeddings/vocab.txt")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }()

    func tokens(_ text: String) throws -> [String] {
        try StaticEmbedder.shared().tokenizer.tokenize(text).map { Self.vocabulary[$0] }
    }

    @Test func splitsOnWhitespaceAndPunctuationAndLowercases() throws {
        #expect(try tokens("Hello, World!") == ["hello", ",", "world", "!"])
        #expect(try tokens("  tabs\tand\nnewlines ") == ["tab", "##s", "and", "new", "##lines"])
    }

    @Test func splitsUnknownWordsIntoLongestPieces() throws {
        #expect(try tokens("unaffable") == ["una", "##ffa", "##ble"])
        #expect(try tokens("penicillin") == ["pen", "##ici", "##llin"])
    }

    @Test func stripsAccents() throws {
        #expect(try tokens("Inès Zürich") == ["in", "##es", "zurich"])
        #expect(try tokens("CAFÉ") == tokens("cafe"))
    }

    @Test func splitsCJKIdeographs() throws {
        #expect(try tokens("東京") == ["東", "京"])
        #expect(try tokens("flew to東京") == ["flew", "to", "東", "京"])
    }

    @Test func unknownForOverlongOrUnmatchedWords() throws {
        #expect(try tokens(String(repeating: "a", count: 101)) == ["[UNK]"])
        #expect(try tokens(String(repeating: "a", count: 100)) != ["[UNK]"])
        #expect(try tokens("the snow☃man") == ["the", "[UNK]"])
        #expect(try tokens("🎉") == ["[UNK]"])
    }

    @Test func dropsControlCharacters() throws {
        #expect(try tokens("a\u{0}b\u{FFFD}c\u{200B}") == tokens("abc"))
    }
}
