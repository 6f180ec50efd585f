import Foundation

/// What was computed from a text at a width (wrapped lines, laid-out Markdown), kept for
/// the life of the process: every frame shows the same history, and only the streaming
/// answer changes. Bounded: past `capacity` entries it starts over.
final class WidthCache<Value>: @unchecked Sendable {
    private struct Key: Hashable {
        var text: String
        var width: Int
        var variant: Int
    }

    private let capacity: Int
    private let lock = NSLock()
    private var entries: [Key: Value] = [:]

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// `variant` tells apart two computations from the same text and width.
    func value(for text: String, width: Int, variant: Int = 0, _ compute: () -> Value) -> Value {
        let key = Key(text: text, width: width, variant: variant)
        if let value = lock.withLock({ entries[key] }) { return value }
        let value = compute()
        lock.withLock {
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = value
        }
        return value
    }
}
