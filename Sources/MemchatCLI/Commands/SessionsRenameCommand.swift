import ArgumentParser
import Foundation
import MemchatCore
import MemchatStore

/// `memchat sessions rename ID TITLE...`: titles come from the first question; this replaces one.
struct SessionsRenameCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration.withGlobalOptions(commandName: "rename", abstract: "Give a session a new title.")

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @OptionGroup var session: SessionArgument

    @Argument(help: "The new title.")
    var title: [String]

    func validate() throws {
        guard !title.joined().trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("give the new title") }
    }

    func run() async throws {
        try await session.withOwnSession(global) { runtime, target in
            let renamed = try await runtime.store.renameSession(target.id, to: TextFormatting.oneLine(title.joined(separator: " ")))
            Console.out("renamed \(target.id) to \"\(renamed.title)\"")
        }
    }
}
