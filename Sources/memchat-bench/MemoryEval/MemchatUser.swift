import Foundation
import MemchatCore

/// The `memchat` binary run as a user with nothing configured would run it, one process
/// per command, in one data directory and with one ranking: `lexical` (words only),
/// `static` (the static table with BM25, as before the encoder), `encoder` (the sentence
/// encoder alone) or `hybrid` (the encoder with BM25, what ships). The last three are
/// `retrieval = hybrid` with the bench-only `MEMCHAT_BENCH_RANKING`; any other name is
/// passed as the retrieval mode, for the binary to accept or refuse.
struct MemchatUser {
    let executable: String
    let environment: [String: String]

    init(directory: String, retrieval: String) throws {
        executable = try MemchatBinary.path()
        let ranking = ["static", "encoder", "hybrid"].contains(retrieval)
            ? ["MEMCHAT_RETRIEVAL": "hybrid", "MEMCHAT_BENCH_RANKING": retrieval] : ["MEMCHAT_RETRIEVAL": retrieval]
        environment = BenchStore.offlineEnvironment(directory, refusedPort: 9).merging(ranking) { _, new in new }
    }

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs one command to its end. stderr is read after stdout, so it must stay small
    /// (memchat writes only notices and errors there).
    func run(_ arguments: [String]) throws -> Output {
        let errors = Pipe()
        let (process, output) = try MemchatBinary.start(executable, arguments, environment: environment, errors: errors)
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Runs a command that must succeed and returns its stdout.
    func succeed(_ arguments: [String]) throws -> String {
        let output = try run(arguments)
        guard output.status == 0 else {
            let command = (["memchat"] + arguments.prefix(3)).joined(separator: " ")
            throw BenchError(description: "\(command) … failed (status \(output.status)): \(output.stderr)")
        }
        return output.stdout
    }

    /// Tells `text` in a new session, as `memchat ask --new` (the recall responder answers);
    /// returns the session it was told in.
    func tell(_ text: String) throws -> SessionID {
        struct Told: Decodable { var session: String }
        let stdout = try succeed(["ask", "--new", "--json", text])
        do {
            return try SessionID(try JSONDecoder().decode(Told.self, from: Data(stdout.utf8)).session)
        } catch {
            throw BenchError(description: "memchat ask --json printed no session for \"\(text)\": \(error)")
        }
    }

    /// What `memchat ask --new --show-context` would send for `question` (nothing is stored).
    func context(for question: String) throws -> ShownContext {
        try ShownContext(parsing: try succeed(["ask", "--new", "--show-context", question]))
    }

    /// Every memory fact, superseded ones included, as `memory_<user>.json` holds them.
    func facts() throws -> [MemoryFact] {
        do {
            return try JSONDecoder().decode([MemoryFact].self, from: Data(try succeed(["memory", "list", "--all", "--json"]).utf8))
        } catch let error as BenchError {
            throw error
        } catch {
            throw BenchError(description: "memchat memory list --json did not decode: \(error)")
        }
    }

    /// The session of every stored turn, and each session's first question (what was
    /// told in it), from `memchat export`.
    func sessionsAndOpenings() throws -> (turns: [TurnID: SessionID], openings: [SessionID: String]) {
        var sessions: [TurnID: SessionID] = [:]
        var openings: [SessionID: String] = [:]
        let user = try UserName(Workload.users[0].name)
        for line in try succeed(["export"]).split(separator: "\n") where !line.isEmpty {
            let record: SessionRecord
            do {
                record = try Interchange.decode(line: Data(line.utf8), defaultUser: user)
            } catch {
                throw BenchError(description: "memchat export printed a line that does not decode: \(error)")
            }
            for turn in record.turns { sessions[turn.id] = record.session.id }
            openings[record.session.id] = record.turns.first { $0.role == .user }?.content
        }
        return (sessions, openings)
    }
}
