import Foundation

/// Results of reading a text (its clauses, its words) kept for the life of the process:
/// the same facts and past questions are read again for every question, and a chat screen
/// asks many. Bounded: past `capacity` texts it starts over.
final class ReadingMemo<Value>: @unchecked Sendable {
    private let capacity: Int
    private let lock = NSLock()
    private var values: [String: Value] = [:]

    init(capacity: Int = 20_000) {
        self.capacity = capacity
    }

    func value(for text: String, _ read: (String) -> Value) -> Value {
        if let known = lock.withLock({ values[text] }) { return known }
        let value = read(text)
        lock.withLock {
            if values.count >= capacity { values.removeAll(keepingCapacity: true) }
            values[text] = value
        }
        return value
    }

    func removeAll() {
        lock.withLock { values.removeAll() }
    }
}
