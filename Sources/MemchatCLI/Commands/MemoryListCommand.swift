import ArgumentParser
import Foundation
import MemchatCore
import MemchatStore

struct MemoryListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List your memory facts, oldest first.",
        discussion: "--json prints the facts as memory_<user>.json stores them.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp("Only facts of this context, plus the global ones.", valueName: "name"))
    var context: String?

    @Flag(help: "Also show facts that newer ones replaced.")
    var all = false

    func run() async throws {
        let context = try context.map(Context.init)
        let facts = try await MemoryCommand.run(global) { memory, user in
            try await memory.facts(user: user, context: context, includeSuperseded: all)
        }
        if output.json {
            try Console.json(facts)
            return
        }
        guard !facts.isEmpty else {
            Console.out("no memory facts" + (context.map { " for \($0) or global" } ?? "")
                + "; `memchat memory add TEXT` adds one")
            return
        }
        let rows = facts.map { fact in
            let notes = (fact.pinned ? "[pinned] " : "") + (fact.supersededBy.map { "[replaced by \($0)] " } ?? "")
            return [fact.id, MemoryCommand.contextLabel(fact), TextFormatting.localTime(fact.updatedAt),
                    notes + TextFormatting.oneLine(fact.text)]
        }
        Console.out(TextFormatting.table(header: ["id", "context", "updated", "fact"], rows: rows))
    }
}
