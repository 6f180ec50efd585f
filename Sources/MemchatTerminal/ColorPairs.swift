internal import CNcurses

/// Styles as ncurses draws them: attributes, and colour pairs allocated the first time a
/// colour combination is drawn. Colours are brought down to what the terminal has, so a
/// 256-colour style still reads on an 8-colour `screen` terminal.
struct ColorPairs {
    /// A pair to create with `init_extended_pair` before it is used.
    struct NewPair: Equatable {
        var number: Int32
        var foreground: Int32
        var background: Int32
    }

    /// How many colours the terminal has; 0 when colour is off (none, or NO_COLOR).
    let colors: Int
    /// How many pairs the terminal has; pair 0 is the terminal's default colours.
    let limit: Int
    private var numbers: [Pair: Int32] = [:]

    private struct Pair: Hashable {
        var foreground: Int32
        var background: Int32
    }

    init(colors: Int, limit: Int) {
        self.colors = colors
        self.limit = limit
    }

    /// The pair number for `style`, and the pair to create first when it is new. Once the
    /// pairs run out, new combinations are drawn in the default colours.
    mutating func pair(for style: Style) -> (number: Int32, new: NewPair?) {
        guard colors > 0 else { return (0, nil) }
        let pair = Pair(foreground: number(of: style.foreground), background: number(of: style.background))
        if pair == Pair(foreground: -1, background: -1) { return (0, nil) }
        if let existing = numbers[pair] { return (existing, nil) }
        guard numbers.count + 1 < limit else { return (0, nil) }
        let number = Int32(numbers.count + 1)
        numbers[pair] = number
        return (number, NewPair(number: number, foreground: pair.foreground, background: pair.background))
    }

    /// The ncurses colour number: -1 is the terminal's default (`use_default_colors`).
    func number(of color: TerminalColor) -> Int32 {
        let index: Int
        switch color {
        case .default: return -1
        case .black: index = 0
        case .red: index = 1
        case .green: index = 2
        case .yellow: index = 3
        case .blue: index = 4
        case .magenta: index = 5
        case .cyan: index = 6
        case .white: index = 7
        case .brightBlack: index = 8
        case .brightRed: index = 9
        case .brightGreen: index = 10
        case .brightYellow: index = 11
        case .brightBlue: index = 12
        case .brightMagenta: index = 13
        case .brightCyan: index = 14
        case .brightWhite: index = 15
        case .indexed(let value): index = Int(value)
        }
        return Int32(index < colors ? index : Self.basic(index, colors: colors))
    }

    /// The nearest of the 16 (or 8) basic colours to a 256-colour index.
    private static func basic(_ index: Int, colors: Int) -> Int {
        let bright = colors >= 16
        switch index {
        case 0..<16: return bright ? index : index % 8
        case 16..<232:
            let cube = index - 16
            let (red, green, blue) = (cube / 36, cube / 6 % 6, cube % 6)
            let base = (red >= 3 ? 1 : 0) | (green >= 3 ? 2 : 0) | (blue >= 3 ? 4 : 0)
            return bright && max(red, green, blue) >= 4 ? base + 8 : base
        default:
            let level = index - 232
            switch level {
            case ..<6: return 0
            case ..<12: return bright ? 8 : 0
            case ..<18: return 7
            default: return bright ? 15 : 7
            }
        }
    }

    /// The attributes for `style`; they are kept when colour is off.
    static func attributes(of style: Style) -> attr_t {
        var attributes = memchat_a_normal()
        if style.bold { attributes |= memchat_a_bold() }
        if style.dim { attributes |= memchat_a_dim() }
        if style.italic { attributes |= memchat_a_italic() }
        if style.underline { attributes |= memchat_a_underline() }
        if style.reverse { attributes |= memchat_a_reverse() }
        return attributes
    }
}
