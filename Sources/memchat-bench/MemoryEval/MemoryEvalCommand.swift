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
            First imports a background history with `memchat import`: --history turns of everyday \
            requests and answers (coding, cooking, travel, emails, ...) generated from \
            data/eval/history-templates.json with the case file's seed, spread over the two years \
            before today; none of its user turns tells a statement (the run stops if one would). \
            Then tells every statement and distractor of the case file with `memchat ask --new` \
            (nothing configured: the recall responder answers), one process and one session each, \
            in a seeded shuffled order, then asks each question with `memchat ask --new \
            --show-context` and scores the facts and past exchanges injected; an injected history \
            exchange counts like a distractor (an abstention with one is a miss). One fresh data \
            directory per mode (MEMCHAT_RETRIEVAL); a mode the binary refuses is reported as not \
            available. The history file is written once per run, in a temporary directory (or the \
            --keep directory, as history.jsonl). Modes: lexical (words only), static (the static \
            table with BM25, as before the encoder), encoder (the sentence encoder alone) and \
            hybrid (the encoder with BM25, what ships); the last three through the bench-only \
            MEMCHAT_BENCH_RANKING. Judged against recall@5 >= 90% overall and >= 85% for facts \
            said in passing, and abstention >= 90%; exits 1 when a measured mode misses one. Not \
            run in CI.
            """)

    @Option(help: ArgumentHelp("The case file.", valueName: "path")) var cases = MemoryEvalCases.defaultPath
    @Option(help: ArgumentHelp("Retrieval modes to measure, comma-separated.", valueName: "modes")) var modes = "lexical,static,encoder,hybrid"
    @Option(
        help: ArgumentHelp(
            "Turns of generated background history imported into each mode's store before the statements are told (0: none).",
            valueName: "turns"))
    var history = 20_000
    @Flag(help: "Print one JSON object instead of tables.") var json = false
    @Option(
        help: ArgumentHelp(
            "Keep each mode's store in <path>/<mode> (empty or new directories) to ask it more questions afterwards.",
            valueName: "path"))
    var keep: String?
    @Option(
        help: ArgumentHelp(
            "Ask the questions again in the stores an earlier --keep run left in <path>/<mode>, without importing or telling anything.",
            valueName: "path"))
    var reuse: String?

    private var modeList: [String] {
        var seen = Set<String>()
        return modes.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    func validate() throws {
        guard !modeList.isEmpty else { throw ValidationError("--modes names no mode") }
        guard history >= 0 else { throw ValidationError("--history must be 0 or more turns") }
        guard keep == nil || reuse == nil else { throw ValidationError("--keep and --reuse exclude each other: --reuse asks in kept stores") }
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
        /// Questions per category, by the category's name in the case file.
        var categories: [String: Int]
        var statements: Int
        var distractors: Int
        var historyTurns: Int
        var historySessions: Int
        /// Seconds `memchat import` of the history took, per mode.
        var historyImportSeconds: [String: Double]
        var modes: [MemoryEvalResult]
    }

    func run() async throws {
        let dataset = try MemoryEvalCases.load(cases)
        var history: HistoryGenerator.Summary?
        var results: [MemoryEvalResult] = []
        var importSeconds: [String: Double] = [:]
        if let reuse {
            for mode in modeList {
                let kept = (reuse as NSString).appendingPathComponent(mode)
                results.append(try await MemoryEvalBenchmark(cases: dataset).rerun(mode: mode, in: kept).result)
            }
        } else {
            try await withHistory(for: dataset) { generated in
                history = generated
                for mode in modeList {
                    let directory = keep.map { ($0 as NSString).appendingPathComponent(mode) }
                    let run = try await MemoryEvalBenchmark(cases: dataset, history: generated).run(mode: mode, in: directory)
                    results.append(run.result)
                    importSeconds[mode] = run.importSeconds
                }
            }
        }
        let perCategory = MemoryEvalCases.Category.allCases.map { category in
            (category: category, count: dataset.cases.filter { $0.category == category }.count)
        }
        let output = Output(
            cases: (cases as NSString).lastPathComponent, questions: dataset.cases.count,
            categories: Dictionary(uniqueKeysWithValues: perCategory.map { ($0.category.rawValue, $0.count) }),
            statements: dataset.statements.count, distractors: dataset.distractors.count,
            historyTurns: history?.turns ?? 0, historySessions: history?.sessions ?? 0,
            historyImportSeconds: importSeconds, modes: results)
        if json {
            print(try Report.json(output))
        } else {
            let answered = dataset.cases.filter { $0.category != .abstention }.count
            let header = "memchat-bench memory: \(output.questions) questions (\(answered) with an answer, "
                + "\(output.questions - answered) abstentions), \(output.statements) statements, \(output.distractors) distractors"
            let categories = "  per category: "
                + perCategory.filter { $0.count > 0 }.map { "\($0.category.label) \($0.count)" }.joined(separator: ", ")
            let imports = modeList.compactMap { mode in importSeconds[mode].map { "\(mode) " + String(format: "%.1f s", $0) } }
            let background = history.map {
                "  background history: \($0.turns) turns in \($0.sessions) sessions, imported first (\(imports.joined(separator: ", ")))"
            } ?? (reuse.map { "  asked again in the stores kept in \($0)" } ?? "  no background history (--history 0)")
            print(([[header, categories, background].joined(separator: "\n")] + results.map { $0.table() }).joined(separator: "\n\n"))
        }
        let measured = results.filter { $0.notAvailable == nil }
        if !measured.allSatisfy({ $0.budgets.allSatisfy(\.pass) }) { throw ExitCode.failure }
    }

    /// Writes the background history once for all modes, in the --keep directory (kept)
    /// or a temporary one (removed afterwards), and runs `body` with it; nil with --history 0.
    private func withHistory(for dataset: MemoryEvalCases, _ body: (HistoryGenerator.Summary?) async throws -> Void) async throws {
        guard history > 0 else { return try await body(nil) }
        let templates = try HistoryTemplates.load()
        try templates.checkNames(against: dataset, path: cases)
        let directory = keep ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("memchat-bench-history-\(UUID().uuidString)").path
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw BenchError(description: "cannot create \(directory): \(error.localizedDescription)")
        }
        defer { if keep == nil { try? FileManager.default.removeItem(atPath: directory) } }
        let started = Date()
        let summary = try HistoryGenerator(templates: templates, seed: dataset.seed).write(
            turns: history, endingAt: Date(), to: (directory as NSString).appendingPathComponent("history.jsonl"),
            refusing: dataset.statements.map(\.text))
        StandardStreams.note(
            "history: \(summary.turns) turns in \(summary.sessions) sessions, \(summary.bytes / 1024) KiB, generated in "
                + String(format: "%.1f s", Date().timeIntervalSince(started)))
        return try await body(summary)
    }
}
