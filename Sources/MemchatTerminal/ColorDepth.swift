/// Colours and styles brought down to what a terminal has: 256, 16, 8 or none (`NO_COLOR`,
/// a monochrome terminal). A theme is written for 256 colours and reduced once at start.
extension TerminalColor {
    /// The terminal colour number, 0-255; nil for the terminal's own default.
    public var index: Int? {
        switch self {
        case .default: return nil
        case .black: return 0
        case .red: return 1
        case .green: return 2
        case .yellow: return 3
        case .blue: return 4
        case .magenta: return 5
        case .cyan: return 6
        case .white: return 7
        case .brightBlack: return 8
        case .brightRed: return 9
        case .brightGreen: return 10
        case .brightYellow: return 11
        case .brightBlue: return 12
        case .brightMagenta: return 13
        case .brightCyan: return 14
        case .brightWhite: return 15
        case .indexed(let value): return Int(value)
        }
    }

    /// The nearest colour a terminal with `colors` colours has: a colour it has is kept,
    /// a 256-colour index becomes the nearest of the 16 basic ones (8 without the bright
    /// half), and with no colours at all everything is the default.
    public func reduced(toColors colors: Int) -> TerminalColor {
        guard let index else { return .default }
        guard colors > 0 else { return .default }
        if index < colors { return self }
        return Self.basic[Self.nearestBasic(index, bright: colors >= 16)]
    }

    private static let basic: [TerminalColor] = [
        .black, .red, .green, .yellow, .blue, .magenta, .cyan, .white,
        .brightBlack, .brightRed, .brightGreen, .brightYellow, .brightBlue, .brightMagenta, .brightCyan, .brightWhite,
    ]

    /// The nearest of the 16 (or 8) basic colours to a 256-colour index.
    private static func nearestBasic(_ index: Int, bright: Bool) -> Int {
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
}

extension Style {
    /// The style as a terminal with `colors` colours can show it. On 8 colours a bright
    /// foreground is shown the old way, as its base colour in bold, and bright black (grey)
    /// as the default colour dimmed, so grey text never turns black on black.
    public func reduced(toColors colors: Int) -> Style {
        var style = self
        if colors > 0, colors < 16, let index = foreground.reduced(toColors: 16).index, index >= 8 {
            if index == 8 {
                style.foreground = .default
                style.dim = true
            } else {
                style.foreground = foreground.reduced(toColors: colors)
                style.bold = true
            }
        } else {
            style.foreground = foreground.reduced(toColors: colors)
        }
        style.background = background.reduced(toColors: colors)
        return style
    }
}
