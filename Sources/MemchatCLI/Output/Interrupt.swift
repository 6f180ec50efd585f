import Foundation

/// Turns Ctrl-C into a callback while an answer streams, instead of killing the process,
/// so the partial answer can be stored.
final class Interrupt: @unchecked Sendable {
    private var source: DispatchSourceSignal?

    func onInterrupt(_ handler: @escaping @Sendable () -> Void) {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler(handler: handler)
        source.resume()
        self.source = source
    }

    func stop() {
        source?.cancel()
        source = nil
        signal(SIGINT, SIG_DFL)
    }
}
