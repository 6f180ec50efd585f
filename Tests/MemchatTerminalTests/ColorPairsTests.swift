import CNcurses
import Testing

@testable import MemchatTerminal

@Suite("ColorPairs")
struct ColorPairsTests {
    @Test func pairsAreMadeOnceForEachColourCombination() {
        var pairs = ColorPairs(colors: 256, limit: 3)
        #expect(pairs.pair(for: .plain) == (0, nil))
        let red = Style(foreground: .red)
        #expect(pairs.pair(for: red) == (1, ColorPairs.NewPair(number: 1, foreground: 1, background: -1)))
        #expect(pairs.pair(for: Style(foreground: .red, bold: true)) == (1, nil))
        let onBlue = Style(foreground: .indexed(208), background: .blue)
        #expect(pairs.pair(for: onBlue) == (2, ColorPairs.NewPair(number: 2, foreground: 208, background: 4)))
        // Out of pairs: the default colours.
        #expect(pairs.pair(for: Style(foreground: .green)) == (0, nil))
        #expect(pairs.pair(for: red) == (1, nil))
    }

    @Test func withoutColourEverythingIsPairZero() {
        var pairs = ColorPairs(colors: 0, limit: 0)
        #expect(pairs.pair(for: Style(foreground: .red, background: .indexed(17))) == (0, nil))
    }

    @Test func coloursComeDownToWhatTheTerminalHas() {
        let eight = ColorPairs(colors: 8, limit: 64)
        #expect(eight.number(of: .default) == -1)
        #expect(eight.number(of: .brightRed) == 1)
        #expect(eight.number(of: .indexed(196)) == 1)  // pure red in the cube
        #expect(eight.number(of: .indexed(21)) == 4)  // pure blue
        #expect(eight.number(of: .indexed(255)) == 7)  // light grey
        #expect(eight.number(of: .indexed(232)) == 0)  // near black
        let sixteen = ColorPairs(colors: 16, limit: 64)
        #expect(sixteen.number(of: .brightRed) == 9)
        #expect(sixteen.number(of: .indexed(196)) == 9)
        #expect(sixteen.number(of: .indexed(240)) == 8)
        let full = ColorPairs(colors: 256, limit: 64)
        #expect(full.number(of: .indexed(240)) == 240)
        #expect(full.number(of: .brightWhite) == 15)
    }

    @Test func attributesFollowTheStyle() {
        #expect(ColorPairs.attributes(of: .plain) == memchat_a_normal())
        let all = Style(bold: true, dim: true, italic: true, underline: true, reverse: true)
        #expect(ColorPairs.attributes(of: all)
            == memchat_a_bold() | memchat_a_dim() | memchat_a_italic() | memchat_a_underline() | memchat_a_reverse())
        #expect(ColorPairs.attributes(of: Style(foreground: .red, reverse: true)) == memchat_a_reverse())
    }
}
