/// A screen the TUI draws on and reads from. `NcursesTerminal` is the real one;
/// `TestTerminal` keeps frames in memory for tests.
public protocol Terminal: AnyObject, Sendable {
    /// Takes over the screen (raw mode, keypad, colours, bracketed paste) and returns the
    /// events as they come. The events end when the terminal stops.
    func start() throws -> AsyncStream<TerminalEvent>
    /// The current size.
    var size: Size { get }
    /// How many colours styles may use once started: 256, 16, 8, or 0 for none (no
    /// colour support, or `NO_COLOR` set).
    var colors: Int { get }
    /// Shows `grid`, writing only the cells that changed since the last frame. May be
    /// called from any thread.
    func show(_ grid: Grid)
    /// Gives the screen back as it was. Safe to call twice, and from a signal path.
    func stop()
}
