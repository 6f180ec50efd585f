internal import CNcurses
import Foundation

/// The ncurses side of `NcursesTerminal`. ncurses is not thread-safe: an instance is made,
/// used and closed on the terminal's own thread only.
final class NcursesScreen {
    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private var pairs: ColorPairs
    var colors: Int { pairs.colors }
    private var lastDrawn: Grid?

    /// Takes over the terminal on stdin/stdout. `readTimeout` (ms) bounds how long
    /// `read` waits, so frames from `show` are drawn soon and a lone Esc is told apart.
    init(readTimeout: Int32) throws {
        setlocale(LC_ALL, "")
        // newterm, unlike initscr, reports an unknown TERM instead of exiting.
        guard let screen = newterm(nil, memchat_stdout(), memchat_stdin()) else {
            throw NcursesTerminal.Failure.cannotStart(term: ProcessInfo.processInfo.environment["TERM"] ?? "")
        }
        set_term(screen)
        self.screen = screen
        window = memchat_stdscr()
        raw()
        noecho()
        nonl()
        keypad(window, true)
        set_escdelay(25)
        wtimeout(window, readTimeout)
        pairs = ColorPairs(colors: Self.startColors(), limit: Int(memchat_color_pairs()))
        mousemask(memchat_button1_pressed() | memchat_button4_pressed() | memchat_button5_pressed(), nil)
        // Report a press at once instead of waiting to see whether it becomes a click.
        mouseinterval(0)
        curs_set(0)
        wrefresh(window)
        Self.write("\u{1B}[?2004h")  // bracketed paste on
    }

    /// How many colours to use: none without colour support, with NO_COLOR set
    /// (no-color.org), or when the terminal's default colours cannot be kept.
    private static func startColors() -> Int {
        let noColor = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        guard !noColor, has_colors(), start_color() == OK, use_default_colors() == OK else { return 0 }
        return Int(memchat_colors())
    }

    var size: Size {
        Size(columns: Int(memchat_max_x(window)), rows: Int(memchat_max_y(window)))
    }

    /// Writes the cells that changed since the last frame, then places the cursor.
    func draw(_ grid: Grid) {
        if lastDrawn?.size != grid.size { werase(window) }
        for change in grid.changes(since: lastDrawn) {
            put(change.cell, column: Int32(change.column), row: Int32(change.row))
        }
        if let cursor = grid.cursor {
            wmove(window, Int32(cursor.row), Int32(cursor.column))
            curs_set(1)
        } else {
            curs_set(0)
        }
        wrefresh(window)
        lastDrawn = grid
    }

    private func put(_ cell: Cell, column: Int32, row: Int32) {
        let glyph = Glyph(cell) { Int(memchat_wcwidth(wchar_t($0.value))) }
        let (pair, newPair) = pairs.pair(for: cell.style)
        if let newPair { init_extended_pair(newPair.number, newPair.foreground, newPair.background) }
        let attributes = ColorPairs.attributes(of: cell.style)
        var character = Self.character(glyph.scalars, attributes: attributes, pair: pair)
        mvwadd_wch(window, row, column, &character)
        var space = Self.character([" "], attributes: attributes, pair: pair)
        for _ in 0..<glyph.padding { wadd_wch(window, &space) }
    }

    private static func character(_ scalars: [Unicode.Scalar], attributes: attr_t, pair: Int32) -> cchar_t {
        var character = cchar_t()
        var pair = pair
        let text = scalars.map { wchar_t($0.value) } + [0]
        // The last argument, an int, carries pair numbers past the short one.
        setcchar(&character, text, attributes, 0, &pair)
        return character
    }

    /// The next input, `.timeout` when none came in time, nil for input to skip (a mouse
    /// event the TUI does not use).
    func read() -> KeyDecoder.Input? {
        var code: wint_t = 0
        switch wget_wch(window, &code) {
        case OK: return .character(UInt32(code))
        case KEY_CODE_YES:
            let key = Int32(truncatingIfNeeded: code)
            switch key {
            case KEY_RESIZE:
                // ncurses has resized its screen; the next frame is drawn in full.
                lastDrawn = nil
                return .resize(size)
            case KEY_MOUSE:
                var event = MEVENT()
                guard getmouse(&event) == OK,
                      let mouse = KeyDecoder.mouse(column: Int(event.x), row: Int(event.y), state: event.bstate)
                else { return nil }
                return .mouse(mouse)
            default:
                let name = key > KEY_MAX ? keyname(key).map { String(cString: $0) } : nil
                return .key(key, name: name)
            }
        default: return .timeout
        }
    }

    /// Gives the terminal back: mouse reporting and bracketed paste off, screen restored.
    func close() {
        mousemask(0, nil)
        Self.write("\u{1B}[?2004l")
        endwin()
        delscreen(screen)
    }

    /// Sends a control sequence ncurses has no capability for straight to the terminal.
    private static func write(_ sequence: String) {
        var bytes = Array(sequence.utf8)
        _ = Foundation.write(STDOUT_FILENO, &bytes, bytes.count)
    }
}
