import Foundation

/// The real terminal, drawn with ncursesw. ncurses is not thread-safe, so one thread the
/// terminal owns makes every ncurses call: it draws the newest frame `show` left (frames
/// in between are skipped), reads input with a short timeout and yields decoded events.
public final class NcursesTerminal: Terminal, @unchecked Sendable {
    public enum Failure: Error, CustomStringConvertible {
        case notATerminal
        case cannotStart(term: String)
        case alreadyStarted

        public var description: String {
            switch self {
            case .notATerminal: "memchat's chat screen needs a terminal on stdin and stdout"
            case .cannotStart(let term): "cannot start the terminal (TERM=\(term))"
            case .alreadyStarted: "the terminal is already started"
            }
        }
    }

    private enum Phase { case idle, running, stopping, stopped }

    /// Short enough that a frame waits at most this long for the input read to return.
    /// Longest wait for input before looking again (resizes arrive through ncurses'
    /// own signal handler, which the wait cannot see).
    private static let pollMilliseconds: Int32 = 15

    private let lock = NSLock()
    private var phase = Phase.idle
    private var pendingGrid: Grid?
    private let wakePipe = WakePipe()
    private var currentSize: Size?
    private var currentColors = 0
    private var startError: Error?
    private var thread: Thread?
    private let finished = DispatchGroup()

    public init() {}

    /// From ncurses while started, else from the kernel (80x24 if that fails too).
    public var size: Size {
        lock.withLock { currentSize } ?? Self.windowSize() ?? Size(columns: 80, rows: 24)
    }

    public var colors: Int { lock.withLock { currentColors } }

    public func start() throws -> AsyncStream<TerminalEvent> {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw Failure.notATerminal }
        // A stopped terminal may start again (after handing the screen to an editor, say).
        try lock.withLock {
            guard phase == .idle || phase == .stopped else { throw Failure.alreadyStarted }
            phase = .running
            startError = nil
        }
        let (stream, continuation) = AsyncStream<TerminalEvent>.makeStream()
        let ready = DispatchSemaphore(value: 0)
        finished.enter()
        let thread = Thread { [self] in run(continuation, ready: ready) }
        thread.name = "memchat-terminal"
        lock.withLock { self.thread = thread }
        thread.start()
        ready.wait()
        if let error = lock.withLock({ startError }) { throw error }
        return stream
    }

    public func show(_ grid: Grid) {
        lock.withLock { pendingGrid = grid }
        wakePipe.wake()
    }

    /// Asks the terminal thread to restore the screen and waits until it has.
    public func stop() {
        let (wait, terminalThread) = lock.withLock { () -> (Bool, Thread?) in
            guard phase == .running || phase == .stopping else { return (false, nil) }
            phase = .stopping
            return (true, thread)
        }
        // From the terminal thread itself (an event consumer on it) waiting would hang.
        guard wait, Thread.current !== terminalThread else { return }
        finished.wait()
    }

    private func run(_ continuation: AsyncStream<TerminalEvent>.Continuation, ready: DispatchSemaphore) {
        let screen: NcursesScreen
        do {
            screen = try NcursesScreen(readTimeout: 0)
        } catch {
            lock.withLock {
                startError = error
                phase = .idle
            }
            continuation.finish()
            finished.leave()
            ready.signal()
            return
        }
        lock.withLock {
            currentSize = screen.size
            currentColors = screen.colors
        }
        ready.signal()
        var decoder = KeyDecoder()
        while lock.withLock({ phase == .running }) {
            if let grid = lock.withLock({ pendingGrid.take() }) { screen.draw(grid) }
            wakePipe.waitForInput(milliseconds: Self.pollMilliseconds)
            // Everything that arrived, then back to drawing; `.timeout` means none is left.
            while let input = screen.read() {
                if case .resize(let size) = input { lock.withLock { currentSize = size } }
                for event in decoder.feed(input) { continuation.yield(event) }
                if case .timeout = input { break }
            }
        }
        screen.close()
        lock.withLock {
            phase = .stopped
            currentSize = nil
        }
        // `stop` returns before the events end, so a signal's watcher ends the process
        // before the app takes the end of the events for a quit.
        finished.leave()
        continuation.finish()
    }

    private static func windowSize() -> Size? {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 else { return nil }
        return Size(columns: Int(size.ws_col), rows: Int(size.ws_row))
    }
}
