import Foundation
import MemchatCore
import MemchatStore

/// What was found for a question in the user's memory and history.
public struct RecallMaterial: Sendable, Hashable {
    public var facts: [MemoryFact]
    public var interactions: [Interaction]

    public init(facts: [MemoryFact] = [], interactions: [Interaction] = []) {
        self.facts = facts
        self.interactions = interactions
    }
}
