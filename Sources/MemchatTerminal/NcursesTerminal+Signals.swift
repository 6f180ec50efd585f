import Foundation

extension NcursesTerminal {
    /// SIGTERM and SIGHUP would end the process with the terminal left raw and in the
    /// alternate screen: after this, they restore `terminal` first and then end the
    /// process as the signal would have. SIGINT is left alone: in raw mode Ctrl-C is a key.
    ///
    /// A signal handler may do almost nothing, so it only writes the signal number to a
    /// pipe; a watcher thread reads it and does the rest.
    public static func restoreOnSignals(_ terminal: any Terminal) {
        guard let pipe = SignalPipe.descriptors else { return }
        let watcher = Thread {
            var number: UInt8 = 0
            var count = Foundation.read(pipe.read, &number, 1)
            while count < 0, errno == EINTR { count = Foundation.read(pipe.read, &number, 1) }
            guard count == 1 else { return }
            terminal.stop()
            signal(Int32(number), SIG_DFL)
            // To the process, not this thread: a thread made from Swift's pool blocks
            // most signals, and a signal raised on it would stay pending for ever.
            kill(getpid(), Int32(number))
        }
        watcher.name = "memchat-signals"
        watcher.start()
        for number in [SIGTERM, SIGHUP] {
            signal(number) { number in
                var byte = UInt8(truncatingIfNeeded: number)
                _ = Foundation.write(SignalPipe.descriptors?.write ?? -1, &byte, 1)
            }
        }
    }
}

/// Made before any handler is installed, so the handler only reads it.
private enum SignalPipe {
    static let descriptors: (read: Int32, write: Int32)? = {
        var descriptors: [Int32] = [0, 0]
        guard pipe(&descriptors) == 0 else { return nil }
        return (descriptors[0], descriptors[1])
    }()
}
