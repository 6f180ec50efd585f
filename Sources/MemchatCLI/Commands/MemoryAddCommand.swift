import ArgumentParser
import Foundation
import MemchatCore
import MemchatEngine
import MemchatStore

struct MemoryAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration.withGlobalOptions(
        commandName: "add",
        abstract: "Remember a fact about you, in one context or in all of them.",
        discussion: """
            The same fact twice (ignoring case, spacing and final punctuation) in one \
            context is kept once. Without --kind, the kind comes from the text by the \
            rules memchat learns facts with ("I prefer metric units" is standing). \
            Example: memchat memory add my dog is called Pixel
            """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    @Argument(help: ArgumentHelp("The fact, in your words.", valueName: "text"))
    var text: [String]

    @Option(help: .context("Only in this context (default: every context)."))
    var context: Context?

    @Flag(help: "Always offer this fact to the model first.")
    var pin = false

    @Option(help: ArgumentHelp(
        "profile (who you are), standing (applies to every answer) or other (default: from the text).",
        valueName: "kind"))
    var kind: MemoryFact.Kind?

    func validate() throws {
        guard !text.joined().trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ValidationError("give the fact to remember, e.g. `memchat memory add my dog is called Pixel`")
        }
    }

    func run() async throws {
        let text = text.joined(separator: " ")
        let added = try await MemoryCommand.run(global) { memory, user in
            try await memory.remember(user: user, text: text, context: context, pinned: pin, kind: kind)
        }
        MemoryCommand.printAdded(added.fact, isNew: added.isNew)
    }
}
