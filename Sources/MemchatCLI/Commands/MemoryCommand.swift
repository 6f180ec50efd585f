import ArgumentParser
import Foundation
import MemchatCore
import MemchatEngine
import MemchatStore

/// `memchat memory ...`: the user's long-term memory facts.
struct MemoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "memory",
        abstract: "List, add, forget, classify and export long-term memory facts.",
        discussion: """
            Facts live in memory_<user>.json in the data directory, for either session \
            store. A fact belongs to one context or, without --context, to all of them. \
            See docs/memory.md for the file format and the rules.
            """,
        subcommands: [
            MemoryListCommand.self, MemoryAddCommand.self, MemoryForgetCommand.self, MemoryKindCommand.self,
            MemoryExportCommand.self,
        ],
        defaultSubcommand: MemoryListCommand.self)

    /// Runs `body` on the configured memory store for the current user, then prints any
    /// damaged memory file that was repaired, also when `body` fails. With persistence
    /// disabled, memory lives in a temporary directory removed when the command ends.
    static func run<T>(_ global: GlobalOptions, _ body: (MemoryStore, UserName) async throws -> T) async throws -> T {
        let configuration = try Runtime.loadConfiguration(global)
        let memory = try Runtime.openMemory(configuration)
        let outcome: Result<T, any Error>
        do {
            outcome = .success(try await body(memory, configuration.user))
        } catch {
            outcome = .failure(error)
        }
        for report in await memory.recoveryReports() { Console.notice("recovered: \(report)") }
        return try outcome.get()
    }

    /// The facts as `memory list` shows them and `memory export` writes them: each with
    /// its kind, worked out from the text when the file has none.
    static func kindedFacts(
        _ global: GlobalOptions, context: Context?, includeSuperseded: Bool
    ) async throws -> (user: UserName, facts: [MemoryFact]) {
        let (user, facts) = try await run(global) { memory, user in
            (user, try await memory.facts(user: user, context: context, includeSuperseded: includeSuperseded))
        }
        let extractor = MemoryExtractor()
        return (user, facts.map { fact in
            var fact = fact
            fact.kind = extractor.kind(of: fact)
            return fact
        })
    }

    static func printAdded(_ fact: MemoryFact, isNew: Bool) {
        Console.out((isNew ? "remembered " : "already remembered ") + summary(fact))
    }

    static func printForgotten(_ facts: [MemoryFact]) {
        for fact in facts {
            Console.out("forgot " + summary(fact) + (fact.isActive ? "" : " (an earlier version)"))
        }
    }

    /// `7K3F9X2A (global): my dog is called Pixel`, safe to print.
    static func summary(_ fact: MemoryFact) -> String {
        "\(fact.id) (\(contextLabel(fact))): \(TextFormatting.oneLine(fact.text))"
    }

    static func contextLabel(_ fact: MemoryFact) -> String {
        fact.context?.name ?? "global"
    }
}
