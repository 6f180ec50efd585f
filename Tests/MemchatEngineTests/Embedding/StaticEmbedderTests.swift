import Foundation
import Testing

@testable import MemchatEngine

/// The Swift embedder against what `scripts/distill-embeddings.py` computed
/// (`Tests/Fixtures/embeddings/parity.json`), and its load errors.
struct StaticEmbedderTests {
    struct Parity: Decodable {
        struct Sentence: Decodable {
            let text: String
            let ids: [Int]
            let vector: [Float]
        }
        let dimensions: Int
        let sentences: [Sentence]
    }

    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func parity() throws -> Parity {
        let url = testsDirectory.appendingPathComponent("Fixtures/embeddings/parity.json")
        return try JSONDecoder().decode(Parity.self, from: Data(contentsOf: url))
    }

    @Test func tokenIdsAndVectorsMatchTheScript() throws {
        let embedder = try StaticEmbedder.shared()
        let parity = try Self.parity()
        #expect(parity.sentences.count >= 12)
        #expect(embedder.dimensions == parity.dimensions)
        for sentence in parity.sentences {
            #expect(embedder.tokenizer.tokenize(sentence.text) == sentence.ids, "\(sentence.text)")
            let vector = embedder.embed(sentence.text)
            #expect(vector.count == parity.dimensions)
            if sentence.vector.allSatisfy({ $0 == 0 }) {
                #expect(vector.allSatisfy { $0 == 0 }, "\(sentence.text)")
            } else {
                #expect(Cosine.of(vector, sentence.vector) >= 0.999, "\(sentence.text)")
            }
        }
    }

    @Test func vectorsAreUnitLength() throws {
        let vector = try StaticEmbedder.shared().embed("My accountant is Rahul")
        let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
        #expect(abs(norm - 1) < 1e-5)
    }

    @Test func aParaphraseScoresAboveAnUnrelatedSentence() throws {
        let embedder = try StaticEmbedder.shared()
        func score(_ a: String, _ b: String) -> Float {
            Cosine.of(embedder.embed(a), embedder.embed(b))
        }
        // The script printed 0.327 and 0.049 (the full model: 0.454 and 0.034).
        let paraphrase = score("I'm allergic to penicillin", "Are there medicines I shouldn't take?")
        let unrelated = score("I'm allergic to penicillin", "My accountant is Rahul")
        #expect(paraphrase > unrelated)
    }

    @Test func onlyStopWordsGiveTheZeroVector() throws {
        let vector = try StaticEmbedder.shared().embed("and the of it")
        #expect(vector.allSatisfy { $0 == 0 })
        #expect(Cosine.of(vector, vector) == 0)
    }

    /// A table with other rows has another fingerprint, so the turn index's codec and the
    /// fact vector file written with one table are not used with the other.
    @Test func anotherTableHasAnotherFingerprint() throws {
        let vocabulary = Data("[UNK]\nword\n".utf8)
        func table(scale: Float) -> Data {
            var data = header(dimensions: 128, rows: 2)
            for value in [Float(0), scale] { withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
            data.append(Data(repeating: 1, count: 2 * 128))
            return data
        }
        let one = try directory(table: table(scale: 0.5), vocabulary: vocabulary)
        let other = try directory(table: table(scale: 0.25), vocabulary: vocabulary)
        defer {
            try? FileManager.default.removeItem(at: one)
            try? FileManager.default.removeItem(at: other)
        }
        let first = try StaticEmbedder(directory: one), second = try StaticEmbedder(directory: other)
        #expect(first.fingerprint == (try StaticEmbedder(directory: one)).fingerprint, "the same table, the same fingerprint")
        #expect(first.fingerprint != second.fingerprint)
        #expect(TurnCodec.uncentred(for: first).id != TurnCodec.uncentred(for: second).id)
    }

    // MARK: load errors

    func directory(table: Data?, vocabulary: Data?) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("embedder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        if let table { try table.write(to: url.appendingPathComponent("table.bin")) }
        if let vocabulary { try vocabulary.write(to: url.appendingPathComponent("vocab.txt")) }
        return url
    }

    func header(version: UInt32 = 1, dimensions: UInt32, rows: UInt32) -> Data {
        var data = Data("MCEB".utf8)
        for word in [version, dimensions, rows] {
            withUnsafeBytes(of: word.littleEndian) { data.append(contentsOf: $0) }
        }
        return data
    }

    func loadError(table: Data?, vocabulary: Data? = Data("[UNK]\nword\n".utf8)) throws -> EmbeddingError? {
        let url = try directory(table: table, vocabulary: vocabulary)
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            _ = try StaticEmbedder(directory: url)
            return nil
        } catch {
            return error
        }
    }

    @Test func aMissingTableIsNamed() throws {
        let error = try loadError(table: nil)
        guard case .unreadable(let file, let reason) = error else {
            Issue.record("expected unreadable, got \(String(describing: error))")
            return
        }
        #expect(file.hasSuffix("table.bin") && reason == "missing")
    }

    @Test func aTruncatedTableIsNamed() throws {
        var table = header(dimensions: 4, rows: 2)
        table.append(Data(count: 8 + 7))
        let error = try loadError(table: table)
        guard case .truncated(let file, let expected, let actual) = error else {
            Issue.record("expected truncated, got \(String(describing: error))")
            return
        }
        #expect(file.hasSuffix("table.bin") && expected == 16 + 8 + 8 && actual == 16 + 15)
        #expect(try loadError(table: Data("MCE".utf8)).map { "\($0)" }?.contains("truncated") == true)
    }

    @Test func aFileWithoutTheMagicIsRefused() throws {
        guard case .badMagic = try loadError(table: Data(count: 64)) else {
            Issue.record("expected bad magic")
            return
        }
        guard case .unsupportedVersion(_, 7) = try loadError(table: header(version: 7, dimensions: 1, rows: 0)) else {
            Issue.record("expected unsupported version")
            return
        }
    }

    @Test func aVocabularyOfAnotherSizeIsRefused() throws {
        var table = header(dimensions: 2, rows: 3)
        table.append(Data(count: 3 * 4 + 3 * 2))
        guard case .vocabularyMismatch(_, 3, 2) = try loadError(table: table) else {
            Issue.record("expected a vocabulary mismatch")
            return
        }
        var good = header(dimensions: 2, rows: 2)
        good.append(Data(count: 2 * 4 + 2 * 2))
        #expect(try loadError(table: good) == nil)
    }
}
