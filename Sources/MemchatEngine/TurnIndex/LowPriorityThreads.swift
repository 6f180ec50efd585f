import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Threads for work nobody waits for (encoding past turns while the chat screen is open):
/// each runs under SCHED_IDLE (or, where that is refused, nice 19; on Linux both are the
/// thread's own), so the scheduler gives the user's work (a keystroke's frame, an answer
/// streaming) the CPU first. The threads are made once and kept, waiting for the next
/// step: a thread started and ended for every step of a catch-up (five a second) mapped
/// and unmapped its stack each time; keystrokes typed meanwhile took up to 7 ms to draw
/// at p99 (4.7 ms with the threads kept; 1 ms with nothing to encode).
enum LowPriorityThreads {
    /// Linux's SCHED_IDLE (<linux/sched.h>; Glibc does not export it to Swift): the thread
    /// runs only when no other wants the CPU.
    static let idlePolicy: Int32 = 5

    /// Runs `body(0..<parts)` on `parts` low-priority threads and returns when all are done.
    static func run(_ parts: Int, _ body: @escaping @Sendable (Int) -> Void) async {
        let workers = self.workers(parts)
        await withCheckedContinuation { (finished: CheckedContinuation<Void, Never>) in
            let group = DispatchGroup()
            for (part, worker) in workers.enumerated() {
                group.enter()
                worker.submit {
                    body(part)
                    group.leave()
                }
            }
            group.notify(queue: .global()) { finished.resume() }
        }
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var pool: [Worker] = []

    /// The first `count` kept threads, started when there are fewer.
    private static func workers(_ count: Int) -> [Worker] {
        lock.withLock {
            while pool.count < count { pool.append(Worker()) }
            return Array(pool.prefix(count))
        }
    }

    /// One kept low-priority thread running the jobs given to it in order.
    private final class Worker: @unchecked Sendable {
        private let condition = NSCondition()
        private var jobs: [@Sendable () -> Void] = []

        init() {
            let thread = Thread { [self] in
                #if canImport(Glibc)
                var parameters = sched_param(sched_priority: 0)
                if sched_setscheduler(0, LowPriorityThreads.idlePolicy, &parameters) != 0 {
                    _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
                }
                #endif
                while true { next()() }
            }
            thread.name = "memchat low priority"
            thread.start()
        }

        func submit(_ job: @escaping @Sendable () -> Void) {
            condition.withLock {
                jobs.append(job)
                condition.signal()
            }
        }

        /// Waits for the next job.
        private func next() -> @Sendable () -> Void {
            condition.withLock {
                while jobs.isEmpty { condition.wait() }
                return jobs.removeFirst()
            }
        }
    }
}
