import Foundation
import MemchatCore
import MemchatStore
import Testing

@Suite("Migration between backends")
struct StoreMigrationTests {
    @Test(arguments: [(Backend.file, Backend.sqlite), (Backend.sqlite, Backend.file)])
    func copiesEverythingAndLeavesTheSourceAlone(from: Backend, to: Backend) async throws {
        let source = try StoreFixture(from)
        let kept = try await source.conversation(context: .work, mode: .friend, [("first", "answer"), ("second", "more")])
        _ = try await source.store.renameSession(kept.id, to: "Renamed")
        let ended = try await source.conversation(user: "bo", [("bo's question", "bo's answer")])
        _ = try await source.store.endSession(ended.id)
        let before = try await source.store.stats()

        let target = try StoreFixture(to)
        let outcome = try await StoreMigration(source: source.store, target: target.store).run(merge: false)
        #expect(outcome.sessions == 2 && outcome.turns == 6)

        for id in [kept.id, ended.id] {
            #expect(try await target.store.session(id) == source.store.session(id))
            #expect(try await target.store.turns(of: id, page: .all) == source.store.turns(of: id, page: .all))
        }
        let after = try await target.store.stats()
        #expect(after.users == before.users)
        #expect(try await source.store.stats() == before)

        // A second copy into the now non-empty target is refused, unless merging.
        await #expect(throws: StoreMigration.Failure.self) {
            try await StoreMigration(source: source.store, target: target.store).run(merge: false)
        }
        let merged = try await StoreMigration(source: source.store, target: target.store).run(merge: true)
        #expect(merged.report.turnsAdded == 0 && merged.report.turnsAlreadyPresent == 6)
    }

    @Test func failureMessagesSayWhatToDo() {
        #expect(StoreMigration.Failure.targetNotEmpty(path: "x/memchat.sqlite", sessions: 3).description
            == "the target store at x/memchat.sqlite already holds 3 sessions; pass --merge to add to them, or move it away")
    }
}
