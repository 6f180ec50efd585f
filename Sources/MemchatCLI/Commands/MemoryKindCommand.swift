import ArgumentParser
import Foundation
import MemchatCore
import MemchatStore

struct MemoryKindCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration.withGlobalOptions(
        commandName: "kind",
        abstract: "Change how a fact reaches the model: profile, standing or other.",
        discussion: """
            profile (who you are, how to address you) and standing facts (preferences and \
            instructions for every answer) go into every request, within 1,500 characters, \
            newest first; other facts only when they bear on the question. \
            The fact is named by its id, its text, or words only it contains, as `memchat \
            memory forget` finds it. Example: memchat memory kind 7K3F9X2A standing
            """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    @Argument(help: ArgumentHelp("The fact's id (see `memchat memory list`), its text or words only it contains.", valueName: "id-or-text"))
    var id: String

    @Argument(help: ArgumentHelp("profile, standing or other.", valueName: "kind"))
    var kind: MemoryFact.Kind

    func run() async throws {
        let fact = try await MemoryCommand.run(global) { memory, user in
            try await memory.setKind(user: user, idOrText: id, kind: kind)
        }
        Console.out("\(fact.id) is \(kind.rawValue) now: \(TextFormatting.oneLine(fact.text))")
    }
}
