import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Threads for work nobody waits for (encoding past turns while the chat screen is open):
/// each runs under SCHED_IDLE (or, where that is refused, nice 19; on Linux both are the
/// thread's own), so the scheduler gives the user's work (a keystroke's frame, an answer
/// streaming) the CPU first.
enum LowPriorityThreads {
    /// Linux's SCHED_IDLE (<linux/sched.h>; Glibc does not export it to Swift): the thread
    /// runs only when no other wants the CPU.
    static let idlePolicy: Int32 = 5

    /// Runs `body(0..<parts)` on `parts` new low-priority threads and returns when all are done.
    static func run(_ parts: Int, _ body: @escaping @Sendable (Int) -> Void) async {
        await withCheckedContinuation { (finished: CheckedContinuation<Void, Never>) in
            let group = DispatchGroup()
            for part in 0..<parts {
                group.enter()
                Thread {
                    #if canImport(Glibc)
                    var parameters = sched_param(sched_priority: 0)
                    if sched_setscheduler(0, Self.idlePolicy, &parameters) != 0 {
                        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
                    }
                    #endif
                    body(part)
                    group.leave()
                }.start()
            }
            group.notify(queue: .global()) { finished.resume() }
        }
    }
}
