import ArgumentParser
import Foundation
import MemchatCore
import MemchatEngine

/// `memchat index status`: per user, the questions stored and how many are left to encode.
struct IndexStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration.withGlobalOptions(
        commandName: "status", abstract: "Show how many past turns are encoded and how many are left.")

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let runtime = try await Runtime.openForReading(global)
        guard let encoded = Runtime.openTurnIndex(runtime.configuration).encoded else { return }
        var rows: [IndexStatusJSON.User] = []
        for user in await TurnIndexCatchUp.users(of: runtime.store) {
            let questions = try await runtime.store.userTurnCount(of: user, after: .start)
            let left: Int
            do { left = try await encoded.backlog(store: runtime.store, user: user) } catch let error as TurnIndexError {
                throw RuntimeError.io(error.description)
            }
            rows.append(.init(user: user.rawValue, questions: questions, encoded: max(questions - left, 0), left: left))
        }
        if output.json {
            try Console.json(IndexStatusJSON(users: rows))
            return
        }
        guard !rows.isEmpty else {
            Console.out("no turns stored yet")
            return
        }
        Console.out(TextFormatting.table(
            header: ["user", "questions", "encoded", "left"],
            rows: rows.map { [$0.user, String($0.questions), String($0.encoded), String($0.left)] }))
        if rows.contains(where: { $0.left > 0 }) {
            Console.out("")
            Console.out("the chat screen and `memchat mcp` encode the rest in the background; `memchat index run` does it now")
        }
    }
}

private struct IndexStatusJSON: Encodable {
    struct User: Encodable {
        var user: String
        var questions: Int
        var encoded: Int
        var left: Int
    }

    var users: [User]
}
