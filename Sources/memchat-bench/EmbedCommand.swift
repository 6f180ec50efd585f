import ArgumentParser
import Foundation
import MemchatEngine

/// `memchat-bench embed`: the static embedder's load time (first `shared()`) and the time
/// to embed one sentence.
struct EmbedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed", abstract: "Time loading the embedding table and embedding sentences.")

    @Option(help: "How many times to embed each sentence.") var runs: Int = 2000

    static let sentences = [
        "I'm allergic to penicillin", "Are there medicines I shouldn't take?",
        "My accountant is Rahul and he files my taxes every April.",
        "The meeting moved to 3:30pm on Friday, 12/05, in the Zürich office with Inès.",
    ]

    func run() async throws {
        let load = try await Stopwatch.milliseconds { try StaticEmbedder.shared() }
        print(String(format: "load: %.2f ms", load.milliseconds))
        let embedder = load.result
        for sentence in Self.sentences {
            var samples: [Double] = []
            for _ in 0..<max(1, runs) {
                samples.append(await Stopwatch.milliseconds { embedder.embed(sentence) }.milliseconds)
            }
            let summary = LatencySummary(milliseconds: samples)
            print(String(format: "embed %3d chars: p50 %.1f µs, p99 %.1f µs", sentence.count, summary.p50 * 1000, summary.p99 * 1000))
        }
    }
}
