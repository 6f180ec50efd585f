import Foundation

/// A headless terminal for tests: frames are kept in memory and read back as text, and
/// events are sent by the test.
public final class TestTerminal: Terminal, @unchecked Sendable {
    private let lock = NSLock()
    private var currentSize: Size
    private var frames: [Grid] = []
    private var continuation: AsyncStream<TerminalEvent>.Continuation?
    private var stopped = false

    public let colors: Int

    public init(size: Size, colors: Int = 256) {
        currentSize = size
        self.colors = colors
    }

    public func start() throws -> AsyncStream<TerminalEvent> {
        let (stream, continuation) = AsyncStream<TerminalEvent>.makeStream()
        lock.withLock { self.continuation = continuation }
        return stream
    }

    public var size: Size { lock.withLock { currentSize } }

    public func show(_ grid: Grid) {
        lock.withLock { frames.append(grid) }
    }

    public func stop() {
        lock.withLock {
            stopped = true
            continuation?.finish()
        }
    }

    /// Sends an event as if the user had typed, pasted or resized.
    public func send(_ event: TerminalEvent) {
        if case .resize(let size) = event { lock.withLock { currentSize = size } }
        _ = lock.withLock { continuation }?.yield(event)
    }

    /// Types `text` one key at a time.
    public func type(_ text: String) {
        for character in text { send(.key(KeyPress(.character(character)))) }
    }

    public var isStopped: Bool { lock.withLock { stopped } }
    public var frameCount: Int { lock.withLock { frames.count } }
    public var lastFrame: Grid? { lock.withLock { frames.last } }

    /// The last frame as text, one line per row, trailing spaces removed.
    public var screen: [String] {
        (lastFrame?.lines ?? []).map { line in
            var line = line
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
    }
}
