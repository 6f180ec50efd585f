import ArgumentParser
import Foundation
import MemchatCore
import MemchatStore

/// `memchat sessions resume ID`: makes an ended or expired session the one to continue again.
struct SessionsResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration.withGlobalOptions(commandName: "resume", abstract: "Make an ended or expired session active again.")

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @OptionGroup var session: SessionArgument

    func run() async throws {
        try await session.withOwnSession(global) { runtime, target in
            let resumed = try await runtime.store.resumeSession(target.id)
            Console.out("resumed \(target.id) (\"\(TextFormatting.oneLine(resumed.displayTitle))\", \(resumed.turnCount) turns)")
        }
    }
}
