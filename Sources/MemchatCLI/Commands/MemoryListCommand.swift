import ArgumentParser
import Foundation
import MemchatCore
import MemchatEngine
import MemchatStore

struct MemoryListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration.withGlobalOptions(
        commandName: "list",
        abstract: "List your memory facts, oldest first.",
        discussion: """
            The kind says how a fact reaches the model: profile and standing facts go into \
            every request, other facts when they bear on the question (`memchat memory kind` \
            changes it). --json prints the facts as memory_<user>.json stores them, each \
            with its kind (worked out from the text when the file has none).
            """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    @Option(help: .context("Only facts of this context, plus the global ones."))
    var context: Context?

    @Flag(help: "Also show facts that newer ones replaced.")
    var all = false

    func run() async throws {
        let kinded = try await MemoryCommand.kindedFacts(global, context: context, includeSuperseded: all).facts
        if output.json {
            try Console.json(kinded)
            return
        }
        guard !kinded.isEmpty else {
            Console.out("no memory facts" + (context.map { " for \($0) or global" } ?? "")
                + "; `memchat memory add TEXT` adds one")
            return
        }
        let rows = kinded.map { fact in
            let notes = (fact.pinned ? "[pinned] " : "") + (fact.supersededBy.map { "[replaced by \($0)] " } ?? "")
            return [fact.id, MemoryCommand.contextLabel(fact), fact.kind?.rawValue ?? "", TextFormatting.localTime(fact.updatedAt),
                    notes + TextFormatting.oneLine(fact.text)]
        }
        Console.out(TextFormatting.table(header: ["id", "context", "kind", "updated", "fact"], rows: rows))
    }
}
