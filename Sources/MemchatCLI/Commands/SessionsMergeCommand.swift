import ArgumentParser
import Foundation
import MemchatCore
import MemchatStore

/// `memchat sessions merge PRIMARY SECONDARY...`: one conversation split over several sessions, joined in time order.
struct SessionsMergeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration.withGlobalOptions(
        commandName: "merge",
        abstract: "Move other sessions' turns into one session, in time order.",
        discussion: "The merged sessions are kept, ended and marked as merged, unless --delete-sources.")

    @OptionGroup(visibility: .hidden) var global: GlobalOptions

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
