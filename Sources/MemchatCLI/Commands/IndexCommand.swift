import ArgumentParser

/// `memchat index ...`: the sentence encoder's index of past turns, which recall by
/// meaning reads. Imports and migrations leave their turns to it.
struct IndexCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Show or finish the encoding of past turns for recall by meaning.",
        discussion: """
            Every question is encoded by the sentence encoder so that it can be found by \
            meaning later. Imports and migrations store their turns and return at once; \
            the chat screen and `memchat mcp` encode them in the background, and \
            `memchat index run` does it now. See docs/storage.md for the index files.
            """,
        subcommands: [IndexStatusCommand.self, IndexRunCommand.self],
        defaultSubcommand: IndexStatusCommand.self)
}
