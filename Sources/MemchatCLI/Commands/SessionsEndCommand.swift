import ArgumentParser
import Foundation
import MemchatCore
import MemchatStore

/// `memchat sessions end ID`: closes a session so it is not resumed by itself; `resume` reopens it.
struct SessionsEndCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration.withGlobalOptions(commandName: "end", abstract: "End a session (it can be resumed later).")

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @OptionGroup var session: SessionArgument

    func run() async throws {
        try await session.withOwnSession(global) { runtime, target in
            _ = try await runtime.store.endSession(target.id)
            Console.out("ended \(target.id)")
        }
    }
}
