import ArgumentParser
import Foundation
import MemchatCore
import MemchatStore

struct MemoryForgetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration.withGlobalOptions(
        commandName: "forget",
        abstract: "Forget a fact for good, by id or by text.",
        discussion: """
            By id (see `memchat memory list`); else every fact with that text, in any \
            context; else the one fact containing the words given. The earlier versions \
            the fact replaced are forgotten with it, and the memory file's .bak copy is \
            rewritten so it no longer holds them.
            """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    @Argument(help: ArgumentHelp("A fact id, or the fact's text.", valueName: "id-or-text"))
    var target: [String]

    func validate() throws {
        guard !target.joined().trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ValidationError("give the id of a fact (see `memchat memory list`) or its text")
        }
    }

    func run() async throws {
        let forgotten = try await MemoryCommand.run(global) { memory, user in
            try await memory.forget(user: user, idOrText: target.joined(separator: " "))
        }
        MemoryCommand.printForgotten(forgotten)
    }
}
