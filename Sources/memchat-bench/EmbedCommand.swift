import ArgumentParser
import CEncoderKernels
import Foundation
import MemchatEngine

/// `memchat-bench embed`: the models that find meanings. The static table's load and the
/// time to embed one sentence; the sentence encoder's load (mapping its weights) and the
/// time to encode a question of 16 word pieces, against its budget, on the vectorised
/// kernels (and on the plain ones, for comparison).
struct EmbedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed", abstract: "Time the static table and the sentence encoder: load, and one sentence.")

    @Option(help: "How many times to embed each sentence with the static table.") var runs: Int = 2000
    @Option(help: "How many times to encode the question with the sentence encoder.") var encodes: Int = 200

    static let sentences = [
        "I'm allergic to penicillin", "Are there medicines I shouldn't take?",
        "My accountant is Rahul and he files my taxes every April.",
        "The meeting moved to 3:30pm on Friday, 12/05, in the Zürich office with Inès.",
    ]

    /// 16 word pieces with [CLS] and [SEP]: the budget's question.
    static let question = "Can you remind me which dentist my daughter sees on Thursdays?"

    func run() async throws {
        let load = try await Stopwatch.milliseconds { try StaticEmbedder.shared() }
        print(String(format: "static table load: %.2f ms", load.milliseconds))
        let embedder = load.result
        for sentence in Self.sentences {
            var samples: [Double] = []
            for _ in 0..<max(1, runs) {
                samples.append(await Stopwatch.milliseconds { embedder.embed(sentence) }.milliseconds)
            }
            let summary = LatencySummary(milliseconds: samples)
            print(String(format: "embed %3d chars: p50 %.1f µs, p99 %.1f µs", sentence.count, summary.p50 * 1000, summary.p99 * 1000))
        }

        let residentBefore = ResidentMemory.currentMB()
        let mapped = try await Stopwatch.milliseconds { try SentenceEncoder.shared() }
        let encoder = mapped.result
        let pieces = encoder.tokenIDs(Self.question).count
        print(String(format: "\nsentence encoder load (mapped, pages read on use): %.2f ms", mapped.milliseconds))
        print("question: \"\(Self.question)\" (\(pieces) word pieces)")
        let first = await Stopwatch.milliseconds { encoder.encode(Self.question) }
        print(String(format: "first encode (weights paged in): %.1f ms", first.milliseconds))
        // What loading and using the encoder adds to a process: the chat screen's resident
        // memory once it ranked a question is its first frame's (`memchat-bench tui`) plus this.
        let added = ResidentMemory.currentMB() - residentBefore
        print(String(format: "resident memory the encoder adds (weights touched, vocabulary): %.1f MB", added))
        var budgets = [Budget("resident memory the encoder adds (to <= 60 MB at the first frame: <= 90 MB)", measured: added, atMost: 30, unit: "MB")]
        for plain in [false, true] {
            memchat_encoder_kernels_use_plain(plain ? 1 : 0)
            var samples: [Double] = []
            for _ in 0..<max(1, plain ? encodes / 4 : encodes) {
                samples.append(await Stopwatch.milliseconds { encoder.encode(Self.question) }.milliseconds)
            }
            let summary = LatencySummary(milliseconds: samples)
            let path = plain ? "plain C kernels" : (memchat_encoder_kernels_vectorized() == 1 ? "AVX2/FMA kernels" : "plain C kernels (no AVX2/FMA here)")
            print(String(format: "encode, %@: p50 %.2f ms, p99 %.2f ms", path, summary.p50, summary.p99))
            if !plain { budgets.append(Budget("encode a 16-piece question, p50", measured: summary.p50, atMost: 8, unit: "ms")) }
        }
        memchat_encoder_kernels_use_plain(0)
        print(([""] + Report.budgetRows(budgets)).joined(separator: "\n"))
        if !budgets.allSatisfy(\.pass) { throw ExitCode.failure }
    }
}
