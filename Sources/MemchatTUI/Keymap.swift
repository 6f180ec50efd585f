import MemchatTerminal

/// What a key does; the keymap table below binds keys to these.
public enum Command: String, Sendable, CaseIterable {
    case send, newline, stop, interruptOrQuit, quit
    case askAgain, focusNext, toggleSidebar, toggleReasoning, toggleAllContexts, openPicker, nextContext, nextMode, newSession, help
    case scrollUp, scrollDown, scrollTop, scrollBottom
    case moveLeft, moveRight, moveWordLeft, moveWordRight, moveLineStart, moveLineEnd, moveUp, moveDown
    case deleteBackward, deleteForward, deleteWordBackward, deleteToLineStart
    case sidebarUp, sidebarDown, reask, openOriginal
    case pickerUp, pickerDown, pickerResume, pickerNew, pickerRename, pickerEnd, pickerDelete, closeOverlay
    case viewCode, codeUp, codeDown, codePageUp, codePageDown, codeLeft, codeRight, codeLineStart, codeLineEnd
    case codePrevious, codeNext, closeCode
}

/// Where a binding applies.
public enum Scope: String, Sendable, CaseIterable {
    case global = "everywhere"
    case input = "typing"
    case sidebar = "recent list"
    case picker = "session picker"
    case code = "code viewer"
}

/// One row of the keymap: the keys, what they do, where, and the words shown in the
/// hint line and the help screen.
public struct Binding: Sendable {
    public let command: Command
    public let keys: [KeyPress]
    public let scope: Scope
    public let description: String
    /// Shown in the hint line at the bottom of the main view.
    public let hint: Bool

    init(_ command: Command, _ keys: [KeyPress], _ scope: Scope, _ description: String, hint: Bool = false) {
        self.command = command
        self.keys = keys
        self.scope = scope
        self.description = description
        self.hint = hint
    }
}

private func key(_ character: Character, control: Bool = false, alt: Bool = false) -> KeyPress {
    KeyPress(.character(character), control: control, alt: alt)
}

private func key(_ code: KeyPress.Code, control: Bool = false, alt: Bool = false, shift: Bool = false) -> KeyPress {
    KeyPress(code, control: control, alt: alt, shift: shift)
}

/// Every key memchat's TUI knows: input handling, the hint line and the help overlay all
/// read this one table.
public enum Keymap {
    public static let bindings: [Binding] = [
        Binding(.send, [key(.enter)], .input, "send the message", hint: true),
        Binding(.newline, [key("j", control: true), key(.enter, alt: true)], .input, "new line in the message", hint: true),
        Binding(.stop, [key(.escape)], .global, "stop a streaming answer (kept, marked interrupted)"),
        Binding(.interruptOrQuit, [key("c", control: true)], .global, "stop the answer; with none streaming, quit (asks first)"),
        Binding(.quit, [key("q", control: true)], .global, "quit"),
        Binding(.askAgain, [key(.function(5))], .global, "ask the last question again (after a failed or stopped answer)"),
        Binding(.focusNext, [key(.tab)], .global, "move between the message and the recent list", hint: true),
        Binding(.openPicker, [key("o", control: true)], .global, "sessions: resume, new, rename, end, delete", hint: true),
        Binding(.nextContext, [key("k", control: true)], .global, "next context (work, personal, creative, general)", hint: true),
        Binding(.nextMode, [key("t", control: true)], .global, "switch mode (assistant, friend)"),
        Binding(.newSession, [key("n", control: true)], .global, "new session"),
        Binding(.toggleSidebar, [key("b", control: true)], .global, "show or hide the recent list"),
        Binding(.toggleReasoning, [key("r", control: true)], .global, "show or hide the reasoning of answers"),
        Binding(.viewCode, [key("g", control: true)], .global, "view a code block whole, scrolling sideways (the last one on screen)"),
        Binding(.help, [key(.function(1)), key("?", alt: true)], .global, "this help", hint: true),
        Binding(.scrollUp, [key(.pageUp)], .global, "scroll the chat up"),
        Binding(.scrollDown, [key(.pageDown)], .global, "scroll the chat down"),
        Binding(.scrollTop, [key(.home, control: true)], .global, "to the top of the chat"),
        Binding(.scrollBottom, [key(.end, control: true)], .global, "to the newest message"),
        Binding(.moveLeft, [key(.left)], .input, "cursor left"),
        Binding(.moveRight, [key(.right)], .input, "cursor right"),
        Binding(.moveWordLeft, [key(.left, control: true), key("b", alt: true)], .input, "word left"),
        Binding(.moveWordRight, [key(.right, control: true), key("f", alt: true)], .input, "word right"),
        Binding(.moveLineStart, [key(.home), key("a", control: true)], .input, "start of line"),
        Binding(.moveLineEnd, [key(.end), key("e", control: true)], .input, "end of line"),
        Binding(.moveUp, [key(.up)], .input, "line up; on the first line, your earlier questions"),
        Binding(.moveDown, [key(.down)], .input, "line down; on the last line, newer questions"),
        Binding(.deleteBackward, [key(.backspace)], .input, "delete before the cursor"),
        Binding(.deleteForward, [key(.delete), key("d", control: true)], .input, "delete at the cursor"),
        Binding(.deleteWordBackward, [key("w", control: true), key(.backspace, alt: true)], .input, "delete the word before the cursor"),
        Binding(.deleteToLineStart, [key("u", control: true)], .input, "delete to the start of the line"),
        Binding(.sidebarUp, [key(.up), key("k")], .sidebar, "previous question"),
        Binding(.sidebarDown, [key(.down), key("j")], .sidebar, "next question"),
        Binding(.reask, [key(.enter)], .sidebar, "ask this question again in the current session"),
        Binding(.openOriginal, [key("o")], .sidebar, "open the session it was asked in"),
        Binding(.toggleAllContexts, [key("a")], .sidebar, "this context only, or all contexts"),
        Binding(.pickerUp, [key(.up)], .picker, "previous session"),
        Binding(.pickerDown, [key(.down)], .picker, "next session"),
        Binding(.pickerResume, [key(.enter)], .picker, "resume the session"),
        Binding(.pickerNew, [key("n", control: true)], .picker, "start a new session"),
        Binding(.pickerRename, [key("r", control: true)], .picker, "rename the session (type the title, Enter)"),
        Binding(.pickerEnd, [key("e", control: true)], .picker, "end the session"),
        Binding(.pickerDelete, [key("d", control: true)], .picker, "delete the session (asks first)"),
        Binding(.closeOverlay, [key(.escape)], .picker, "close"),
        Binding(.codeUp, [key(.up), key("k")], .code, "line up"),
        Binding(.codeDown, [key(.down), key("j")], .code, "line down"),
        Binding(.codePageUp, [key(.pageUp)], .code, "page up"),
        Binding(.codePageDown, [key(.pageDown), key(" ")], .code, "page down"),
        Binding(.codeLeft, [key(.left), key("h")], .code, "scroll left"),
        Binding(.codeRight, [key(.right), key("l")], .code, "scroll right"),
        Binding(.codeLineStart, [key(.home), key("0")], .code, "back to the first column"),
        Binding(.codeLineEnd, [key(.end), key("$")], .code, "to the end of the longest line"),
        Binding(.codePrevious, [key("p"), key("[")], .code, "the code block before"),
        Binding(.codeNext, [key("n"), key("]")], .code, "the code block after"),
        Binding(.closeCode, [key(.escape), key("q")], .code, "close"),
    ]

    /// The command `key` runs in `scope`; bindings of the scope win over global ones.
    public static func command(for key: KeyPress, in scope: Scope) -> Command? {
        if let binding = bindings.first(where: { $0.scope == scope && $0.keys.contains(key) }) { return binding.command }
        return bindings.first { $0.scope == .global && $0.keys.contains(key) }?.command
    }

    /// The first key bound to `command` (in `scope`, when given), as the screen names it.
    public static func firstKey(of command: Command, in scope: Scope? = nil) -> String {
        bindings.first { $0.command == command && (scope == nil || $0.scope == scope) }?.keys.first?.description ?? ""
    }

    /// `Enter send · C-j newline · ...` from the bindings marked as hints.
    public static var hintLine: String {
        bindings.filter(\.hint).map { binding in
            "\(binding.keys.first?.description ?? "") \(shortName(binding.command))"
        }.joined(separator: " · ")
    }

    private static func shortName(_ command: Command) -> String {
        switch command {
        case .send: return "send"
        case .newline: return "newline"
        case .focusNext: return "recent"
        case .openPicker: return "sessions"
        case .nextContext: return "context"
        case .help: return "help"
        default: return command.rawValue
        }
    }
}
