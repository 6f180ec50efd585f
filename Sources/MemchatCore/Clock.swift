import Foundation

/// Where "now" comes from. Stores and engines take a clock so tests can pin time.
public protocol MemchatClock: Sendable {
    func now() -> Date
}

/// The real wall clock, rounded to whole milliseconds (the precision stores keep).
public struct SystemClock: MemchatClock {
    public init() {}
    public func now() -> Date { Timestamp.roundedToMilliseconds(Date()) }
}

/// A clock that only moves when told to; for tests and benchmarks.
public final class ManualClock: MemchatClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    public init(_ start: Date) { current = Timestamp.roundedToMilliseconds(start) }

    public func now() -> Date { lock.withLock { current } }

    public func advance(by seconds: TimeInterval) {
        lock.withLock { current = Timestamp.roundedToMilliseconds(current.addingTimeInterval(seconds)) }
    }

    public func set(_ date: Date) {
        lock.withLock { current = Timestamp.roundedToMilliseconds(date) }
    }
}
