import Testing

@testable import MemchatTerminal

@Suite("Glyph")
struct GlyphTests {
    /// A stand-in for the C library's wcwidth: CJK and most emoji 2, marks and joiners 0,
    /// controls -1, U+2764 (heavy heart) 1 as in glibc.
    private func width(_ scalar: Unicode.Scalar) -> Int {
        switch scalar.value {
        case 0..<0x20: -1
        case 0x300...0x36F, 0x200D, 0xFE0F: 0
        case 0x4E00...0x9FFF, 0x1F300...0x1FAFF: 2
        default: 1
        }
    }

    @Test func matchingWidthsAreDrawnAsTheyAre() {
        #expect(Glyph(Cell("a"), width: width) == Glyph(scalars: ["a"], padding: 0))
        #expect(Glyph(Cell("東", width: 2), width: width) == Glyph(scalars: ["東"], padding: 0))
        #expect(Glyph(Cell("e\u{301}"), width: width) == Glyph(scalars: ["e", "\u{301}"], padding: 0))
    }

    @Test func aNarrowerCharacterIsPaddedToItsCell() {
        #expect(Glyph(Cell("❤️", width: 2), width: width) == Glyph(scalars: ["❤", "\u{FE0F}"], padding: 1))
    }

    @Test func whatCannotBeDrawnInItsCellIsReplaced() {
        #expect(Glyph(Cell("東", width: 1), width: width) == Glyph(scalars: ["\u{FFFD}"], padding: 0))
        #expect(Glyph(Cell("\u{7}"), width: width) == Glyph(scalars: ["\u{FFFD}"], padding: 0))
        #expect(Glyph(Cell("", width: 1), width: width) == Glyph(scalars: [" "], padding: 0))
    }

    @Test func joinedEmojiAreDrawnAsTheirFirst() {
        #expect(Glyph(Cell("👨‍👩‍👧", width: 2), width: width) == Glyph(scalars: ["👨"], padding: 0))
    }
}
