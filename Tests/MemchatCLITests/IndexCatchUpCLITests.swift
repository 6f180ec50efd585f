import Foundation
import MemchatEngine
import Testing

/// The encoding of past turns as separate processes do it: killed at any moment, or two
/// at once on one data directory, every user turn ends up encoded exactly once.
@Suite("Encoding past turns across processes")
struct IndexCatchUpCLITests {
    /// A JSONL file of `count` sessions, each one question (two clauses for every third) and an answer.
    static func history(_ memchat: MemchatProcess, count: Int) throws -> (file: String, questions: [String]) {
        var lines: [String] = [], questions: [String] = []
        for number in 0..<count {
            let question = number % 3 == 0
                ? "Can you check the invoice number \(number) for me, and my landlord wants the rent by Friday?"
                : "What is a good recipe number \(number) for a quick weeknight dinner?"
            questions.append(question)
            lines.append(#"{"id":"H\#(number)","user":"ana","context":"general","mode":"assistant","title":"t","created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:01:00Z","turns":[{"role":"user","content":"\#(question)","created_at":"2026-01-01T00:00:00Z"},{"role":"assistant","content":"ok","created_at":"2026-01-01T00:00:05Z"}]}"#)
        }
        let file = memchat.path("history.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        return (file, questions)
    }

    /// Records in ana's encoder index (a turn's whole text and each of its clauses).
    static func encoderRecords(_ memchat: MemchatProcess) -> Int? {
        let codes = (memchat.dataDirectory as NSString).appendingPathComponent("encoder_codes_ana.bin")
        guard let size = (try? FileManager.default.attributesOfItem(atPath: codes))?[.size] as? NSNumber else { return nil }
        return (size.intValue - 128) / 16
    }

    /// The records that every question encoded once makes.
    static func expectedRecords(_ questions: [String], _ memchat: MemchatProcess) -> Int {
        let index = SemanticTurnIndex.encoder(directory: memchat.dataDirectory)
        return questions.reduce(0) { $0 + index.indexedTexts(of: $1).count }
    }

    @Test func killedTwentyTimesTheEncodingStillEncodesEveryTurnOnce() async throws {
        let memchat = try MemchatProcess()
        let (file, questions) = try Self.history(memchat, count: 150)
        #expect(try await memchat.run(["import", file]).status == 0)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let running = try memchat.start(["index", "run"])
            try await Task.sleep(for: .milliseconds(Int.random(in: 20...400, using: &generator)))
            running.signal(SIGKILL)
            _ = await running.exitStatus()
        }
        let finished = try await memchat.run(["index", "run"])
        #expect(finished.status == 0, "\(finished.stderr)")
        #expect(!finished.stderr.contains("rebuilt"), "a kill never damages the files: \(finished.stderr)")
        #expect(Self.encoderRecords(memchat) == Self.expectedRecords(questions, memchat), "each question's records once")
        let status = try await memchat.run(["index", "status", "--json"])
        #expect(status.stdout.contains(#""left" : 0"#) && status.stdout.contains(#""encoded" : 150"#), "\(status.stdout)")
    }

    @Test func twoProcessesEncodingAtOnceEncodeEveryTurnOnce() async throws {
        let memchat = try MemchatProcess()
        let (file, questions) = try Self.history(memchat, count: 120)
        #expect(try await memchat.run(["import", file]).status == 0)
        let results = try await memchat.runTogether([["index", "run"], ["index", "run"]])
        for result in results { #expect(result.status == 0, "\(result.stderr)") }
        #expect(Self.encoderRecords(memchat) == Self.expectedRecords(questions, memchat))
        // Between them they encoded each turn once.
        let counts = results.compactMap { result in
            result.stdout.split(separator: " ").firstIndex(of: "encoded").flatMap { Int(result.stdout.split(separator: " ")[$0 + 1]) }
        }
        #expect(counts.count == 2 && counts.reduce(0, +) == 120, "\(results.map(\.stdout))")
    }
}
