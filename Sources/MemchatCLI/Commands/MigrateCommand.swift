import ArgumentParser
import Foundation
import MemchatCore
import MemchatEngine
import MemchatStore

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration.withGlobalOptions(
        commandName: "migrate",
        abstract: "Copy every session from the configured store into a store of another type.",
        discussion: """
            Sessions keep their state and metadata, turns their metadata; counts are verified \
            afterwards and the source is left untouched. The target must be empty unless \
            --merge. Afterwards set SESSION_STORAGE_TYPE (or [session] storage_type) to use it.
            """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    @Option(help: ArgumentHelp("The backend to copy into.", valueName: "type"))
    var to: StorageType

    @Option(name: .customLong("target-path"), help: ArgumentHelp("Where the target store goes (default: its usual place in the data directory).", valueName: "path"))
    var targetPath: String?

    @Flag(help: "Add to a target that already holds sessions.")
    var merge = false

    @Flag(help: "Bring the index of past turns over to the target before returning (otherwise the next catch-up does).")
    var wait = false

    func run() async throws {
        let type = to
        let runtime = try await Runtime.open(global)
        let source = runtime.configuration
        guard source.persistenceEnabled else {
            throw RuntimeError.usage("persistence is disabled: there is no stored data to migrate")
        }
        var target = source
        target.storageType = type
        target.storagePath = targetPath
        let targetStore = try Runtime.openStore(target)
        do {
            let outcome = try await StoreMigration(source: runtime.store, target: targetStore).run(merge: merge)
            Console.out("copied \(outcome.sessions) sessions and \(outcome.turns) turns from \(runtime.store.location.kind) at "
                + "\(runtime.store.location.path) to \(type) at \(targetStore.location.path) "
                + "(\(outcome.report.turnsAdded) turns added, \(outcome.report.turnsAlreadyPresent) already there); counts verified")
            // The index follows the copy: its walk now belongs to the target store, and goes
            // over it again (skipping the turns it holds) with --wait or at the next catch-up.
            let index = Runtime.openTurnIndex(source), users = await TurnIndexCatchUp.users(of: targetStore)
            if wait {
                for outcome in try await TurnIndexCatchUp.everything(index, store: targetStore, users: users) {
                    Console.notice(String(format: "%@: encoded %d turns for recall by meaning in %.1f s", outcome.user, outcome.turnsEncoded, outcome.seconds))
                }
            }
            Console.out("to use it: SESSION_STORAGE_TYPE=\(type)"
                + (targetPath.map { " SESSION_STORAGE_PATH=\($0)" } ?? "") + ", or the same in config.toml")
        } catch let failure as StoreMigration.Failure {
            if case .verificationFailed = failure { throw RuntimeError.io(failure.description) }
            throw RuntimeError.usage(failure.description)
        }
    }
}
