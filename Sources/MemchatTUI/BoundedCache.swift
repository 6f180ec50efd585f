import Foundation

/// What was computed for a key (a text at a width, a Markdown block at a width), kept for
/// the life of the process: every frame shows the same history, and only the streaming
/// answer changes. Bounded: past `capacity` entries it starts over.
final class BoundedCache<Key: Hashable, Value>: @unchecked Sendable {
    private let capacity: Int
    private let lock = NSLock()
    private var entries: [Key: Value] = [:]

    init(capacity: Int) {
        self.capacity = capacity
    }

    func value(for key: Key, _ compute: () -> Value) -> Value {
        if let value = lock.withLock({ entries[key] }) { return value }
        let value = compute()
        lock.withLock {
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = value
        }
        return value
    }
}

/// A text laid out at a width; `variant` tells apart two layouts of the same text.
struct TextAtWidth: Hashable {
    var text: String
    var width: Int
    var variant = 0
}
