import ArgumentParser
import Foundation
import MemchatCore
import MemchatEngine
import MemchatStore

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration.withGlobalOptions(
        commandName: "import",
        abstract: "Import sessions from a JSONL export (a file, or - for stdin).",
        discussion: """
            One session per line: {"id","user","context","mode","title","created_at","updated_at",\
            "turns":[{"role","content","created_at"}]}. Importing is idempotent: sessions and \
            turns already present (by id) are skipped, and a turn id that exists with other \
            content is reported as a conflict and left alone. A bad line is reported with its \
            number; the other lines still import. Lines without "user" go to the current user.
            """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: ArgumentHelp("The JSONL file to read, or - for standard input.", valueName: "file"))
    var file: String

    @Flag(help: "Encode the imported turns for recall by meaning before returning (otherwise the chat screen does it in the background).")
    var wait = false

    func run() async throws {
        let runtime = try await Runtime.open(global)
        let handle: FileHandle
        if file == "-" {
            handle = .standardInput
        } else {
            guard let opened = FileHandle(forReadingAtPath: file) else {
                throw RuntimeError.io("cannot read \(file): no such file or permission denied")
            }
            handle = opened
        }
        let importer = JSONLImporter(store: runtime.store, defaultUser: runtime.configuration.user)
        let outcome = try await importer.importJSONL(from: handle)
        let report = outcome.report
        if output.json {
            try Console.json(ImportJSON(outcome))
        } else {
            Console.out("imported \(file == "-" ? "standard input" : file): "
                + "\(report.sessionsCreated) new sessions, \(report.sessionsUpdated) updated, "
                + "\(report.turnsAdded) turns added, \(report.turnsAlreadyPresent) already present")
        }
        for conflict in report.conflicts {
            Console.notice("conflict in session \(conflict.sessionID)"
                + (conflict.turnID.map { ", turn \($0)" } ?? "") + ": \(conflict.reason)")
        }
        for error in outcome.lineErrors.prefix(50) {
            Console.error("\(file == "-" ? "stdin" : file): \(error)")
        }
        if outcome.lineErrors.count > 50 {
            Console.error("… and \(outcome.lineErrors.count - 50) more bad lines")
        }
        // Turns are indexed after the import, not inside its transactions: at once with
        // --wait, otherwise by the chat screen, `memchat mcp` or `memchat index run`.
        if report.turnsAdded > 0 {
            let index = Runtime.openTurnIndex(runtime.configuration)
            let users = await TurnIndexCatchUp.users(of: runtime.store)
            if wait {
                for outcome in try await TurnIndexCatchUp.everything(index, store: runtime.store, users: users) where !output.json {
                    Console.notice(String(format: "%@: encoded %d turns for recall by meaning in %.1f s", outcome.user, outcome.turnsEncoded, outcome.seconds))
                }
            } else if !output.json {
                await TurnIndexCatchUp.announceBacklog(index, store: runtime.store, users: users)
            }
        }
        if !outcome.lineErrors.isEmpty {
            Console.notice("\(outcome.lineErrors.count) of \(outcome.lines) lines were not imported; the others were")
            throw RuntimeError.reported
        }
    }
}

private struct ImportJSON: Encodable {
    var lines: Int
    var sessionsCreated: Int
    var sessionsUpdated: Int
    var turnsAdded: Int
    var turnsAlreadyPresent: Int
    var conflicts: [String]
    var errors: [String]

    init(_ outcome: JSONLImporter.Outcome) {
        lines = outcome.lines
        sessionsCreated = outcome.report.sessionsCreated
        sessionsUpdated = outcome.report.sessionsUpdated
        turnsAdded = outcome.report.turnsAdded
        turnsAlreadyPresent = outcome.report.turnsAlreadyPresent
        conflicts = outcome.report.conflicts.map { "\($0.sessionID)\($0.turnID.map { "/\($0)" } ?? ""): \($0.reason)" }
        errors = outcome.lineErrors.map(\.description)
    }
}
