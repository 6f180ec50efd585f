import ArgumentParser
import Foundation
import MemchatCore
import MemchatStore

/// `memchat sessions delete ID`: the only command that removes one session; it asks first unless --yes.
struct SessionsDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration.withGlobalOptions(
        commandName: "delete", abstract: "Delete a session, its turns and its search entries.")

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @OptionGroup var session: SessionArgument

    @Flag(help: "Do not ask for confirmation.")
    var yes = false

    func run() async throws {
        let runtime = try await Runtime.open(global)
        let id = try session.sessionID
        let target = try await runtime.ownSession(id)
        let summary = "\"\(TextFormatting.oneLine(target.displayTitle))\" (\(target.turnCount) turns)"
        if !yes {
            guard isatty(0) == 1 else {
                throw RuntimeError.usage("refusing to delete \(id) without confirmation; pass --yes")
            }
            FileHandle.standardError.write(Data("delete \(summary)? This cannot be undone. [y/N] ".utf8))
            guard let answer = readLine(), ["y", "yes"].contains(answer.lowercased()) else {
                Console.out("kept \(id)")
                return
            }
        }
        try await runtime.store.deleteSession(id)
        Console.out("deleted \(id) \(summary)")
    }
}
