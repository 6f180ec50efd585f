import Foundation
import MemchatCore

/// Where a walk over a user's own turns stands (`SessionStore.userTurns(of:after:limit:)`),
/// for indexes kept beside the store (the semantic turn index) that must see every turn
/// once without reading the whole store each time.
public struct TurnCursor: Sendable, Hashable {
    /// The store's position of the last turn returned: SQLite's `turns.pk`; the JSON file
    /// backend's place in its time-ordered list of the user's turns. 0: before the first.
    public var position: Int64
    /// The turn at `position`, so a store can tell that the position no longer holds it
    /// (deleted, and the row id reused; earlier turns imported into the JSON backend).
    public var turnID: TurnID?

    public init(position: Int64, turnID: TurnID?) {
        self.position = position
        self.turnID = turnID
    }

    public static let start = TurnCursor(position: 0, turnID: nil)
}

/// One step of a walk over a user's own turns.
public struct TurnWalk: Sendable {
    /// The user's turns with role `user`, in the store's order of insertion.
    public var turns: [Turn]
    /// Where the next step starts (the cursor given when nothing came).
    public var next: TurnCursor
    /// Nothing was left after `next` when this step was read.
    public var isComplete: Bool
    /// false: the cursor given no longer held (its turn is gone or moved), so this step
    /// starts again from the beginning and the caller must skip the turns it already has.
    public var continued: Bool

    public init(turns: [Turn], next: TurnCursor, isComplete: Bool, continued: Bool) {
        self.turns = turns
        self.next = next
        self.isComplete = isComplete
        self.continued = continued
    }
}
