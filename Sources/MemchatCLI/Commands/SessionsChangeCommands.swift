import ArgumentParser
import Foundation
import MemchatCore
import MemchatStore

struct SessionsRenameCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rename", abstract: "Give a session a new title.")

    @OptionGroup var global: GlobalOptions
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

struct SessionsEndCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "end", abstract: "End a session (it can be resumed later).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var session: SessionArgument

    func run() async throws {
        try await session.withOwnSession(global) { runtime, target in
            _ = try await runtime.store.endSession(target.id)
            Console.out("ended \(target.id)")
        }
    }
}

struct SessionsResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "resume", abstract: "Make an ended or expired session active again.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var session: SessionArgument

    func run() async throws {
        try await session.withOwnSession(global) { runtime, target in
            let resumed = try await runtime.store.resumeSession(target.id)
            Console.out("resumed \(target.id) (\"\(TextFormatting.oneLine(resumed.displayTitle))\", \(resumed.turnCount) turns)")
        }
    }
}

struct SessionsDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a session, its turns and its search entries.")

    @OptionGroup var global: GlobalOptions
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

struct SessionsMergeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Move other sessions' turns into one session, in time order.",
        discussion: "The merged sessions are kept, ended and marked as merged, unless --delete-sources.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The session that receives the turns.", valueName: "primary"))
    var primary: String

    @Argument(help: ArgumentHelp("The sessions whose turns move.", valueName: "secondary"))
    var secondaries: [String]

    @Flag(name: .customLong("delete-sources"), help: "Delete the merged sessions instead of keeping them ended.")
    var deleteSources = false

    func validate() throws {
        guard !secondaries.isEmpty else { throw ValidationError("name at least one session to merge into \(primary)") }
        do {
            for id in [primary] + secondaries { _ = try SessionID(id) }
        } catch {
            throw ValidationError("\(error)")
        }
    }

    func run() async throws {
        let runtime = try await Runtime.open(global)
        let primaryID = try SessionID(primary)
        let secondaryIDs = try secondaries.map(SessionID.init)
        for id in [primaryID] + secondaryIDs { _ = try await runtime.ownSession(id) }
        let report = try await runtime.store.mergeSessions(into: primaryID, from: secondaryIDs, deleteSources: deleteSources)
        Console.out("merged \(secondaryIDs.count) sessions into \(primaryID): \(report.movedTurns) turns moved, "
            + "\(report.primary.turnCount) turns now; sources \(deleteSources ? "deleted" : "kept as ended")")
    }
}

struct SessionsCleanupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cleanup",
        abstract: "Delete ended or expired sessions idle for more than N days.",
        discussion: "Active sessions are never deleted. Each removed session is listed.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    @Option(name: .customLong("older-than"), help: ArgumentHelp("Only sessions idle for more than this many days.", valueName: "days"))
    var olderThanDays: Int

    func validate() throws {
        guard olderThanDays >= 0 else { throw ValidationError("--older-than must be 0 or more days") }
    }

    func run() async throws {
        let runtime = try await Runtime.open(global)
        _ = try await runtime.store.expireIdleSessions()
        let cutoff = Date().addingTimeInterval(-Double(olderThanDays) * 86400)
        let removed = try await runtime.store.cleanup(inactiveBefore: cutoff)
        if output.json {
            try Console.json(removed.map(SessionJSON.init))
            return
        }
        for session in removed {
            Console.out("removed \(session.id)  \(session.userID)  \(TextFormatting.localTime(session.lastActivity))  "
                + TextFormatting.oneLine(session.displayTitle))
        }
        Console.out("removed \(removed.count) sessions idle for more than \(olderThanDays) days")
    }
}
