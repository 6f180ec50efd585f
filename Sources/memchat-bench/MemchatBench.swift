import ArgumentParser

/// `memchat-bench`: measures memchat against the budgets of docs/performance.md and drives the
/// kill -9 durability test.
@main
struct MemchatBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "memchat-bench",
        abstract: "Benchmarks and durability drivers for memchat.",
        subcommands: [
            StorageCommand.self, SearchCommand.self, FirstByteCommand.self, TUICommand.self, OfflineAskCommand.self,
            MemoryEvalCommand.self, EmbedCommand.self, TurnIndexCommand.self, AppendLoopCommand.self, ContextCommand.self,
            StartupCommand.self, EncodeHistoryCommand.self,
        ])
}
