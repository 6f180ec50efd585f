internal import CNcurses
import Foundation

/// Turns what ncurses' `wget_wch` returns into events. Kept free of terminal calls so it
/// can be tested: the terminal reads the size and the mouse state itself and feeds them in.
///
/// ncurses knows the keys in terminfo but not Alt (ESC before a key), nor bracketed paste
/// (`ESC [200~` … `ESC [201~`, which it hands over as ESC and plain characters), so those
/// are recognised here, with a timeout telling a lone Esc from the start of a sequence.
struct KeyDecoder {
    enum Input: Equatable, Sendable {
        /// `wget_wch` returned OK: a character or a control code.
        case character(UInt32)
        /// `wget_wch` returned KEY_CODE_YES; `name` is ncurses' `keyname` for codes past
        /// KEY_MAX (terminfo's extended keys such as `kUP5`, Ctrl-Up).
        case key(Int32, name: String? = nil)
        /// Nothing arrived within the read timeout.
        case timeout
        case resize(Size)
        case mouse(MouseEvent)
    }

    private enum State {
        case ground
        /// ESC arrived; what follows decides between Esc, Alt-key and a sequence.
        case escape
        /// After `ESC [`, collecting parameter bytes in `buffer`.
        case controlSequence
        /// Inside a bracketed paste, collecting the text in `buffer`.
        case paste
    }

    private static let pasteEnd = Array("\u{1B}[201~".unicodeScalars)
    /// A paste whose end marker never comes is given up after this many empty reads
    /// (a few seconds), so keys are never swallowed for good.
    static let pasteGiveUpReads = 200

    private var state = State.ground
    /// Kept outside `State` so a long paste grows in place.
    private var buffer = String.UnicodeScalarView()
    private var idleReads = 0

    /// The events `input` completes, in order.
    mutating func feed(_ input: Input) -> [TerminalEvent] {
        switch state {
        case .ground: return ground(input)
        case .escape: return afterEscape(input)
        case .controlSequence: return inControlSequence(input)
        case .paste: return inPaste(input)
        }
    }

    private mutating func ground(_ input: Input) -> [TerminalEvent] {
        switch input {
        case .character(27):
            state = .escape
            return []
        case .character(let code): return Self.character(code).map { [.key($0)] } ?? []
        case .key(let code, let name): return Self.key(code, name: name).map { [.key($0)] } ?? []
        case .timeout: return []
        case .resize(let size): return [.resize(size)]
        case .mouse(let event): return [.mouse(event)]
        }
    }

    private mutating func afterEscape(_ input: Input) -> [TerminalEvent] {
        state = .ground
        switch input {
        case .character(91):  // [
            state = .controlSequence
            buffer = String.UnicodeScalarView()
            return []
        case .character(27):
            state = .escape
            return [.key(KeyPress(.escape))]
        case .character(let code): return Self.character(code).map { [.key(Self.withAlt($0))] } ?? []
        case .key(let code, let name): return Self.key(code, name: name).map { [.key(Self.withAlt($0))] } ?? []
        case .timeout: return [.key(KeyPress(.escape))]
        case .resize, .mouse: return [.key(KeyPress(.escape))] + ground(input)
        }
    }

    private mutating func inControlSequence(_ input: Input) -> [TerminalEvent] {
        if case .character(let code) = input, let scalar = Unicode.Scalar(code) {
            switch code {
            case 0x20...0x3F where buffer.count < 16:
                buffer.append(scalar)
                return []
            case 0x40...0x7E:
                // A complete sequence ncurses did not know: only the paste start is wanted.
                state = String(buffer) == "200" && scalar == "~" ? .paste : .ground
                buffer = String.UnicodeScalarView()
                idleReads = 0
                return []
            default: break
            }
        }
        // Not a sequence after all: the user typed Alt-[ and then these keys.
        state = .ground
        var events: [TerminalEvent] = [.key(KeyPress(.character("["), alt: true))]
        for scalar in buffer { events += ground(.character(scalar.value)) }
        buffer = String.UnicodeScalarView()
        return events + feed(input)
    }

    private mutating func inPaste(_ input: Input) -> [TerminalEvent] {
        switch input {
        case .character(let code):
            guard let scalar = Unicode.Scalar(code) else { return [] }
            buffer.append(scalar)
            idleReads = 0
            guard buffer.suffix(Self.pasteEnd.count).elementsEqual(Self.pasteEnd) else { return [] }
            return finishPaste(String(buffer.dropLast(Self.pasteEnd.count)))
        case .timeout:
            idleReads += 1
            guard idleReads >= Self.pasteGiveUpReads else { return [] }
            return finishPaste(String(buffer))
        case .key: return []
        case .resize(let size): return [.resize(size)]
        case .mouse: return []
        }
    }

    /// Terminals send pasted line breaks as CR; the editor wants LF.
    private mutating func finishPaste(_ text: String) -> [TerminalEvent] {
        state = .ground
        buffer = String.UnicodeScalarView()
        let text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        return text.isEmpty ? [] : [.paste(text)]
    }

    private static func withAlt(_ key: KeyPress) -> KeyPress {
        var key = key
        key.alt = true
        return key
    }

    /// A character or control code. In raw mode without CR translation Enter sends 13 and
    /// Ctrl-J 10, so 10 is Ctrl-J; 8 and 127 are what Backspace sends.
    static func character(_ code: UInt32) -> KeyPress? {
        switch code {
        case 13: return KeyPress(.enter)
        case 9: return KeyPress(.tab)
        case 8, 127: return KeyPress(.backspace)
        case 27: return KeyPress(.escape)
        case 0: return KeyPress(.character(" "), control: true)
        case 1...26: return Unicode.Scalar(code + 96).map { KeyPress(.character(Character($0)), control: true) }
        case 28: return KeyPress(.character("\\"), control: true)
        case 29: return KeyPress(.character("]"), control: true)
        case 30: return KeyPress(.character("^"), control: true)
        case 31: return KeyPress(.character("_"), control: true)
        case 0x80...0x9F: return nil
        default: return Unicode.Scalar(code).map { KeyPress(.character(Character($0))) }
        }
    }

    /// A key ncurses decoded from terminfo.
    static func key(_ code: Int32, name: String?) -> KeyPress? {
        switch code {
        case KEY_ENTER: return KeyPress(.enter)
        case KEY_BTAB: return KeyPress(.tab, shift: true)
        case KEY_BACKSPACE: return KeyPress(.backspace)
        case KEY_DC: return KeyPress(.delete)
        case KEY_SDC: return KeyPress(.delete, shift: true)
        case KEY_IC: return KeyPress(.insert)
        case KEY_UP: return KeyPress(.up)
        case KEY_DOWN: return KeyPress(.down)
        case KEY_LEFT: return KeyPress(.left)
        case KEY_RIGHT: return KeyPress(.right)
        case KEY_SR: return KeyPress(.up, shift: true)
        case KEY_SF: return KeyPress(.down, shift: true)
        case KEY_SLEFT: return KeyPress(.left, shift: true)
        case KEY_SRIGHT: return KeyPress(.right, shift: true)
        case KEY_HOME: return KeyPress(.home)
        case KEY_END: return KeyPress(.end)
        case KEY_SHOME: return KeyPress(.home, shift: true)
        case KEY_SEND: return KeyPress(.end, shift: true)
        case KEY_PPAGE: return KeyPress(.pageUp)
        case KEY_NPAGE: return KeyPress(.pageDown)
        case memchat_key_f(1)...memchat_key_f(12): return KeyPress(.function(Int(code - KEY_F0)))
        // xterm's terminfo numbers Shift-F1 … F12 as F13 … F24.
        case memchat_key_f(13)...memchat_key_f(24): return KeyPress(.function(Int(code - KEY_F0 - 12)), shift: true)
        default: return name.flatMap(extendedKey)
        }
    }

    private static let extendedNames: [(prefix: String, code: KeyPress.Code)] = [
        ("kUP", .up), ("kDN", .down), ("kLFT", .left), ("kRIT", .right), ("kHOM", .home), ("kEND", .end),
        ("kDC", .delete), ("kIC", .insert), ("kPRV", .pageUp), ("kNXT", .pageDown),
    ]

    /// terminfo's names for modified keys: `kUP5` is Ctrl-Up; the digit is xterm's
    /// modifier parameter (2 Shift, 3 Alt, 5 Ctrl, and their sums plus one).
    private static func extendedKey(_ name: String) -> KeyPress? {
        guard let last = name.last, let digit = last.wholeNumberValue, (2...8).contains(digit) else { return nil }
        let prefix = name.dropLast()
        guard let code = extendedNames.first(where: { $0.prefix == prefix })?.code else { return nil }
        let modifiers = digit - 1
        return KeyPress(code, control: modifiers & 4 != 0, alt: modifiers & 2 != 0, shift: modifiers & 1 != 0)
    }

    /// The mouse events the TUI uses (wheel, left press) from an ncurses button state.
    static func mouse(column: Int, row: Int, state: mmask_t) -> MouseEvent? {
        if state & memchat_button4_pressed() != 0 { return .wheelUp(column: column, row: row) }
        if state & memchat_button5_pressed() != 0 { return .wheelDown(column: column, row: row) }
        if state & memchat_button1_pressed() != 0 { return .click(column: column, row: row) }
        return nil
    }
}
