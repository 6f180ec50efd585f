import MemchatCore
import MemchatStore

/// How far the index has walked its store (`SessionStore.userTurns`), kept in the codes
/// file's header. Every record is written by a walk step that moves the checkpoint, so
/// there is no record of a turn after the cursor, and no turn is looked up twice.
struct TurnIndexCheckpoint: Sendable, Equatable {
    /// Which store the cursor belongs to (`StoreLocation`): after a switch of backend or
    /// a migration, the walk starts again from the beginning.
    var store: UInt64
    var cursor: TurnCursor
    /// Records in the files when the checkpoint was written. Fewer on disk means records
    /// were lost (a power cut before the page cache reached the disk): walk again.
    var records: Int
    /// Set while a walk starts again (its cursor no longer held, another store, lost
    /// records): turns already among the first `rewalkRecords` records are skipped.
    var rewalking: Bool
    var rewalkRecords: Int

    static let empty = TurnIndexCheckpoint(store: 0, cursor: .start, records: 0, rewalking: false, rewalkRecords: 0)

    /// The fingerprint of a store's location.
    static func fingerprint(_ location: StoreLocation) -> UInt64 {
        FNV1a.hash(Array("\(location.kind)\u{0}\(location.path)".utf8))
    }

    /// Whether the walk can go on from here: the cursor is `store`'s, and none of the
    /// records counted are lost (`records` on disk now). Otherwise it starts again.
    func holds(store: UInt64, records: Int) -> Bool {
        self.store == store && records >= self.records
    }

    /// A walk that starts again, skipping the `records` there are.
    func rewalk(store: UInt64, records: Int) -> TurnIndexCheckpoint {
        TurnIndexCheckpoint(store: store, cursor: .start, records: records, rewalking: true, rewalkRecords: records)
    }
}
