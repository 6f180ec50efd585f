import ArgumentParser
import Foundation

/// `memchat-bench memory`: the eval of long-term memory retrieval of the semantic-memory
/// issue, run with each retrieval mode the memchat binary accepts, so a new ranking is
/// measured against the old one on the same dataset in the same run.
struct MemoryEvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "memory",
        abstract: "Eval of memory retrieval: recall@5, abstention and injected characters, per retrieval mode.",
        discussion: """
            Tells every statement and distractor of the case file with `memchat ask --new` \
            (nothing configured: the recall responder answers), one process and one session \
            each, in a seeded shuffled order, then asks each question with `memchat ask --new \
            --show-context` and scores the facts and past exchanges injected. One fresh data \
            directory per mode (MEMCHAT_RETRIEVAL); a mode the binary refuses is reported as \
            not available. Judged against recall@5 >= 95% and abstention >= 90%; exits 1 when \
            a measured mode misses either. Not run in CI.
            """)

    @Option(help: ArgumentHelp("The case file.", valueName: "path")) var cases = MemoryEvalCases.defaultPath
    @Option(help: ArgumentHelp("Retrieval modes to measure, comma-separated.", valueName: "modes")) var modes = "lexical,hybrid"
    @Flag(help: "Print one JSON object instead of tables.") var json = false
    @Option(
        help: ArgumentHelp(
            "Keep each mode's store in <path>/<mode> (empty or new directories) to ask it more questions afterwards.",
            valueName: "path"))
    var keep: String?

    private var modeList: [String] {
        var seen = Set<String>()
        return modes.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    func validate() throws {
        guard !modeList.isEmpty else { throw ValidationError("--modes names no mode") }
        // memchat reads these itself and ignores a value that is not a number; a typo in a
        // sweep must not measure the defaults under another name.
        for (name, value) in ProcessInfo.processInfo.environment where name.hasPrefix("MEMCHAT_TUNE_") {
            guard Float(value) != nil else {
                throw ValidationError("\(name): '\(value)' is not a number; give a cosine such as 0.36, or unset it")
            }
        }
    }

    struct Output: Codable {
        var cases: String
        var questions: Int
        var statements: Int
        var distractors: Int
        var modes: [MemoryEvalResult]
    }

    func run() async throws {
        let dataset = try MemoryEvalCases.load(cases)
        var results: [MemoryEvalResult] = []
        for mode in modeList {
            let directory = keep.map { ($0 as NSString).appendingPathComponent(mode) }
            results.append(try await MemoryEvalBenchmark(cases: dataset).run(mode: mode, in: directory))
        }
        let output = Output(
            cases: (cases as NSString).lastPathComponent, questions: dataset.cases.count,
            statements: dataset.statements.count, distractors: dataset.distractors.count, modes: results)
        if json {
            print(try Report.json(output))
        } else {
            let answered = dataset.cases.filter { $0.category != .abstention }.count
            let header = "memchat-bench memory: \(output.questions) questions (\(answered) with an answer, "
                + "\(output.questions - answered) abstentions), \(output.statements) statements, \(output.distractors) distractors"
            print(([header] + results.map { $0.table() }).joined(separator: "\n\n"))
        }
        let measured = results.filter { $0.notAvailable == nil }
        if !measured.allSatisfy({ $0.budgets.allSatisfy(\.pass) }) { throw ExitCode.failure }
    }
}
