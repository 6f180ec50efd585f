import ArgumentParser
import MemchatCore

/// `memchat-bench append-loop`: the writer the kill -9 test shoots at.
struct AppendLoopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "append-loop",
        abstract: "Append turns to a new session forever, printing each acknowledged turn id.",
        discussion: """
            Each id is written to stdout (unbuffered, one per line) only after appendTurn \
            returned, so every printed id must survive a kill -9. Stops when stdout is closed.
            """)

    @Option(help: "The store: the SQLite database file, or the file backend's directory.") var db: String
    @Option(help: "Store backend: sqlite or file.") var backend: BenchBackend = .sqlite
    @Option(help: "Owner of the session.") var user = "bench"

    func run() async throws {
        let owner: UserName
        do {
            owner = try UserName(user)
        } catch {
            throw ValidationError("--user: \(error)")
        }
        try await AppendLoop(backend: backend, path: db, user: owner).run()
    }
}
