/// A key as the terminal reports it, with the modifiers it can tell apart.
public struct KeyPress: Sendable, Hashable, CustomStringConvertible {
    public enum Code: Sendable, Hashable {
        case character(Character)
        case enter, tab, backspace, delete, escape, insert
        case up, down, left, right, home, end, pageUp, pageDown
        case function(Int)
    }

    public var code: Code
    public var control: Bool
    public var alt: Bool
    public var shift: Bool

    public init(_ code: Code, control: Bool = false, alt: Bool = false, shift: Bool = false) {
        self.code = code
        self.control = control
        self.alt = alt
        self.shift = shift
    }

    /// `C-o`, `M-Enter`, `S-Tab`, `F1`, `a`: how keys are written in the keymap and help.
    public var description: String {
        var name: String
        switch code {
        case .character(" "): name = "Space"
        case .character(let character): name = String(character)
        case .enter: name = "Enter"
        case .tab: name = "Tab"
        case .backspace: name = "Backspace"
        case .delete: name = "Del"
        case .escape: name = "Esc"
        case .insert: name = "Ins"
        case .up: name = "↑"
        case .down: name = "↓"
        case .left: name = "←"
        case .right: name = "→"
        case .home: name = "Home"
        case .end: name = "End"
        case .pageUp: name = "PgUp"
        case .pageDown: name = "PgDn"
        case .function(let number): name = "F\(number)"
        }
        if shift { name = "S-" + name }
        if alt { name = "M-" + name }
        if control { name = "C-" + name }
        return name
    }
}

public enum MouseEvent: Sendable, Hashable {
    case wheelUp(column: Int, row: Int)
    case wheelDown(column: Int, row: Int)
    case click(column: Int, row: Int)
}

/// What the terminal reports.
public enum TerminalEvent: Sendable, Hashable {
    case key(KeyPress)
    /// Text pasted with bracketed paste: inserted as is, never taken as keys.
    case paste(String)
    case resize(Size)
    case mouse(MouseEvent)
}
