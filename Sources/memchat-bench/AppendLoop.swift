import Foundation
import MemchatCore
import MemchatStore

/// Appends question/answer turns of 50 B to 4 KB to a fresh session until stdout closes
/// (or the process is killed), printing each turn id after `appendTurn` returned: every
/// printed id is a promise that the turn is on disk.
struct AppendLoop {
    let backend: BenchBackend
    let path: String
    let user: UserName

    func run() async throws {
        // A closed stdout should end the loop through a failed write, not kill it.
        signal(SIGPIPE, SIG_IGN)
        let store = try backend.open(path)
        let session = try await store.createSession(SessionDraft(userID: user))
        var text = TextGenerator(seed: UInt64.random(in: .min ... .max))
        var question: TurnID?
        while true {
            let role: Role = question == nil ? .user : .assistant
            let draft = TurnDraft(
                role: role, content: text.message(bytes: Int.random(in: 50...4096), role: role), replyTo: question)
            let turn = try await store.appendTurn(draft, to: session.id)
            question = role == .user ? turn.id : nil
            guard StandardStreams.writeLine(turn.id.rawValue) else { return }
        }
    }
}
