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
        Int32(color.reduced(toColors: colors).index ?? -1)
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
