import Foundation
import MemchatCore
import MemchatEngine
import MemchatStore

/// Brings the semantic turn index up to date after a command's own work, and says what
/// went wrong on stderr: the index is derived data, so a failure here never fails the
/// command (the next run or the chat screen catches up).
enum TurnIndexCatchUp {
    /// `memchat ask`'s share: at most this long after the answer, so an offline ask stays
    /// within its 100 ms; a larger backlog is left for the next run or the chat screen.
    static let askSeconds = 0.010

    static func run(_ index: SemanticTurnIndex, store: any SessionStore, users: [UserName], limit: SemanticTurnIndex.Limit, announce: Bool) async {
        let started = Date()
        var indexed = 0
        for user in users {
            do {
                indexed += try await index.catchUp(store: store, user: user, limit: limit).turnsRead
            } catch {
                Console.notice("semantic index of past turns not updated: \(error)")
            }
        }
        for report in index.recoveryReports() { Console.notice("turn index: \(report)") }
        if announce, indexed > 0 {
            Console.notice(String(format: "indexed %d turns for recall by meaning in %.1f s", indexed, Date().timeIntervalSince(started)))
        }
    }

    /// Every user with sessions in `store` (after an import or a migration, which may
    /// bring several).
    static func users(of store: any SessionStore) async -> [UserName] {
        (try? await store.stats().users.map(\.user)) ?? []
    }
}
