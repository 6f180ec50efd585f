import CEncoderKernels
import Foundation
import MemchatTestSupport
import Testing
@testable import MemchatEngine

/// The Swift encoder against reference vectors computed from the original float32 weights
/// by a separate plain implementation (`scripts/encoder-reference.py`, numpy and Hugging
/// Face `tokenizers`): the same word pieces, and the same vectors within int8's loss, on
/// the vectorised and the plain kernels.
@Suite("Sentence encoder", .serialized)
struct SentenceEncoderTests {
    struct Reference: Decodable {
        var text: String
        var ids: [Int]
        var vector: [Float]
    }

    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/encoder")

    static func references() throws -> [Reference] {
        try JSONDecoder().decode([Reference].self, from: Data(contentsOf: fixtures.appendingPathComponent("reference.json")))
    }

    static func cosine(_ a: [Float], _ b: [Float]) -> Float {
        let dot = zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
        let norms = (a.reduce(0) { $0 + $1 * $1 } * b.reduce(0) { $0 + $1 * $1 }).squareRoot()
        return dot / norms
    }

    @Test func wordPiecesAreTheReferenceTokenizersOnEveryFixture() throws {
        let encoder = try SentenceEncoder.shared()
        let references = try Self.references()
        #expect(references.count >= 50)
        for reference in references {
            #expect(encoder.tokenIDs(reference.text) == reference.ids, "\(reference.text)")
        }
    }

    @Test(arguments: [false, true])
    func vectorsMatchTheFloat32Reference(plainKernels: Bool) throws {
        memchat_encoder_kernels_use_plain(plainKernels ? 1 : 0)
        defer { memchat_encoder_kernels_use_plain(0) }
        if !plainKernels { #expect(memchat_encoder_kernels_vectorized() == 1, "this CPU has AVX2 and FMA; CI's may not") }
        let encoder = try SentenceEncoder.shared()
        var lowest: (Float, String) = (1, "")
        for reference in try Self.references() {
            let vector = encoder.encode(reference.text)
            #expect(vector.count == SentenceEncoder.dimensions)
            let cosine = Self.cosine(vector, reference.vector)
            if cosine < lowest.0 { lowest = (cosine, reference.text) }
        }
        #expect(lowest.0 >= 0.995, "lowest cosine \(lowest.0) for \(lowest.1)")
    }

    /// Background encoding keeps to one core; each output row is computed the same way on
    /// one thread as on two, so the vectors are the same to the bit.
    @Test func oneThreadGivesTheSameVectors() throws {
        let encoder = try SentenceEncoder.shared()
        for reference in try Self.references().prefix(20) {
            #expect(encoder.encode(reference.text, oneThread: true) == encoder.encode(reference.text), "\(reference.text)")
        }
    }

    @Test func meaningIsCloserThanSharedWords() throws {
        let encoder = try SentenceEncoder.shared()
        let fact = encoder.encode("My accountant is Rahul")
        #expect(Self.cosine(fact, encoder.encode("Who does my taxes?")) > Self.cosine(fact, encoder.encode("Who is my dentist?")))
    }

    @Test func aDamagedOrMissingFileIsAClearError() throws {
        let directory = try TemporaryDirectory(prefix: "memchat-encoder")
        #expect(throws: EncoderError.unreadable(file: directory.file("none"), reason: "No such file or directory")) {
            try SentenceEncoder(path: directory.file("none"))
        }
        try Data("not a model at all".utf8).write(to: URL(fileURLWithPath: directory.file("bad")))
        #expect(throws: EncoderError.notAnEncoderFile(file: directory.file("bad"))) { try SentenceEncoder(path: directory.file("bad")) }
        // The real file cut short: its header promises tensors past the end.
        let real = try Data(contentsOf: URL(fileURLWithPath: try SentenceEncoder.shared().file.path))
        try real.prefix(1_000_000).write(to: URL(fileURLWithPath: directory.file("short")))
        #expect {
            try SentenceEncoder(path: directory.file("short"))
        } throws: { error in
            guard case .damaged(_, let reason) = error as? EncoderError else { return false }
            return reason.contains("does not fit the file")
        }
    }
}
