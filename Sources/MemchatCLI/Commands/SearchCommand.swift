import ArgumentParser
import Foundation
import MemchatCore
import MemchatStore

struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration.withGlobalOptions(
        commandName: "search",
        abstract: "Search everything you and the assistant wrote, best matches first.",
        discussion: """
            Every word must match; punctuation is plain text (c++, "quotes", -x and * are \
            safe). Words in Chinese, Japanese and Korean are found inside sentences. To stay \
            fast on large stores, ranking considers the newest \(SearchQuery.defaultRankingWindow) \
            matches only (--window changes that); they are ranked by relevance (bm25).
            """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @OptionGroup var scope: ScopeOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "Words to look for.")
    var words: [String]

    @Option(help: .context("Only sessions in this context."))
    var context: Context?

    @Option(help: "How many results to show.")
    var limit = 10

    @Option(help: "How many of the newest matches are ranked.")
    var window = SearchQuery.defaultRankingWindow

    func validate() throws {
        guard !words.isEmpty else { throw ValidationError("give at least one word to search for") }
        guard limit > 0, window > 0 else { throw ValidationError("--limit and --window must be positive") }
    }

    func run() async throws {
        let runtime = try await Runtime.openForReading(global)
        let text = words.joined(separator: " ")
        let query = SearchQuery(
            text: text, scope: scope.scope(runtime.configuration), context: context,
            limit: limit, rankingWindow: window)
        let hits = try await runtime.store.search(query)
        if output.json {
            try Console.json(hits.map(SearchHitSummary.init))
            return
        }
        guard !hits.isEmpty else {
            Console.out("no matches for '\(TextFormatting.oneLine(text))'")
            return
        }
        for hit in hits {
            Console.out("\(TextFormatting.localTime(hit.turn.createdAt))  \(hit.context)  "
                + "\(TextFormatting.oneLine(hit.sessionTitle))  [\(hit.turn.sessionID)]")
            Console.out("  \(hit.turn.role): \(TextFormatting.oneLine(hit.snippet))")
        }
    }
}
