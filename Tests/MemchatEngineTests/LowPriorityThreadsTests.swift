import Foundation
import Testing
@testable import MemchatEngine
#if canImport(Glibc)
import Glibc
#endif

/// The threads the background encoding runs on.
@Suite("Low-priority threads")
struct LowPriorityThreadsTests {
    /// What one part of a run saw: its thread and its scheduling.
    final class Seen: @unchecked Sendable {
        private let lock = NSLock()
        private var threads: [Int: UInt] = [:]
        private var idle: [Int: Bool] = [:]

        func note(_ part: Int) {
            #if canImport(Glibc)
            let thread = UInt(pthread_self())
            let lowered = sched_getscheduler(0) == LowPriorityThreads.idlePolicy || getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) == 19
            lock.withLock {
                threads[part] = thread
                idle[part] = lowered
            }
            #endif
        }

        var byPart: [Int: UInt] { lock.withLock { threads } }
        var allLowered: Bool { lock.withLock { !idle.isEmpty && idle.values.allSatisfy { $0 } } }
    }

    @Test func everyPartRunsLoweredOnAThreadKeptForTheNextRun() async {
        let first = Seen()
        await LowPriorityThreads.run(2) { first.note($0) }
        let second = Seen()
        await LowPriorityThreads.run(2) { second.note($0) }
        #expect(first.byPart.count == 2)
        #expect(Set(first.byPart.values).count == 2, "each part has a thread of its own")
        // Started once, not for every step of a catch-up.
        #expect(second.byPart == first.byPart)
        #expect(first.allLowered && second.allLowered)
    }
}
