import Foundation

/// Holds the chat screen's background work (encoding past turns) while the user is busy:
/// a key pressed in the last second, or an answer streaming. The work waits between its
/// steps, so a keystroke never queues behind more than one step.
final class BackgroundGate: @unchecked Sendable {
    /// How long after a key the work stays held.
    static let quietAfterKey: TimeInterval = 1.0
    private let lock = NSLock()
    private var lastKey = Date.distantPast
    private var streaming = false

    func keyPressed() { lock.withLock { lastKey = Date() } }

    func setStreaming(_ on: Bool) { lock.withLock { streaming = on } }

    private var busy: Bool {
        lock.withLock { streaming || Date().timeIntervalSince(lastKey) < Self.quietAfterKey }
    }

    /// Returns once the user is not busy (or the task is cancelled).
    func wait() async {
        while busy, !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(100))
        }
    }
}
