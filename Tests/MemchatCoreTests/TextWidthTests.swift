import Foundation
import Testing
@testable import MemchatCore

@Suite("TextWidth")
struct TextWidthTests {
    @Test("string widths", arguments: [
        ("", 0),
        ("hello", 5),
        ("Hello, world! 123", 17),
        ("漢字", 4),
        ("日本語のテキスト", 16),
        ("한국어", 6),
        ("ＡＢＣ", 6),  // fullwidth Latin
        ("。、", 4),  // CJK punctuation
        ("abc漢字def", 10),
        ("cafe\u{301}", 4),  // e + combining acute accent
        ("e\u{301}\u{302}\u{303}", 1),  // several combining marks
        ("\u{301}", 0),  // a lone combining mark
        ("a\u{200B}b", 2),  // zero-width space
        ("\u{200D}", 0),  // zero-width joiner
        ("😀", 2),
        ("👍🏽", 2),  // emoji with skin-tone modifier: one cluster
        ("👨‍👩‍👧", 2),  // ZWJ family: one cluster
        ("🇯🇵", 2),  // flag
        ("❤️", 2),  // text symbol with VS16 emoji presentation
        ("🤖 hi", 5),
        ("…", 1),
    ])
    func widths(_ text: String, _ expected: Int) {
        #expect(TextWidth.of(text) == expected, "width of \(text.unicodeScalars.map { String($0.value, radix: 16) })")
    }

    @Test func scalarWidths() {
        #expect(TextWidth.of(Unicode.Scalar("a")) == 1)
        #expect(TextWidth.of(Unicode.Scalar(0x4E00)!) == 2)
        #expect(TextWidth.of(Unicode.Scalar(0x0301)!) == 0)
        #expect(TextWidth.of(Unicode.Scalar(0)) == 0)
        #expect(TextWidth.of(Unicode.Scalar(0x200B)!) == 0)
        #expect(TextWidth.of(Unicode.Scalar(0x1F600)!) == 2)
    }

    @Test func truncateLeavesFittingTextAlone() {
        #expect(TextWidth.truncate("hello", to: 5) == "hello")
        #expect(TextWidth.truncate("hello", to: 10) == "hello")
        #expect(TextWidth.truncate("漢字", to: 4) == "漢字")
        #expect(TextWidth.truncate("", to: 0) == "")
    }

    @Test func truncateCutsWithEllipsis() {
        #expect(TextWidth.truncate("hello world", to: 5) == "hell…")
        #expect(TextWidth.truncate("hello", to: 1) == "…")
        #expect(TextWidth.truncate("hello", to: 0) == "")
        #expect(TextWidth.truncate("hello", to: -3) == "")
        #expect(TextWidth.truncate("漢字漢字", to: 5) == "漢字…")
        #expect(TextWidth.truncate("漢字漢字", to: 4) == "漢…")  // a wide character never straddles the edge
        #expect(TextWidth.truncate("漢字漢字", to: 2) == "…")
        #expect(TextWidth.truncate("cafe\u{301} au lait", to: 5) == "cafe\u{301}…")
        #expect(TextWidth.truncate("😀😀😀", to: 4) == "😀…")
    }

    @Test func padReachesExactlyTheWidth() {
        #expect(TextWidth.pad("ab", to: 5) == "ab   ")
        #expect(TextWidth.pad("漢字", to: 5) == "漢字 ")
        #expect(TextWidth.pad("漢字漢字", to: 4) == "漢… ")
        #expect(TextWidth.pad("abcdef", to: 3) == "ab…")
        #expect(TextWidth.pad("x", to: 0) == "")
    }

    @Test("truncate and pad never exceed the width", arguments: [
        "hello world", "漢字かなカナ한국어", "a漢b字c", "mixed 日本 and 😀 emoji 👨‍👩‍👧 ok", "cafe\u{301}\u{301} ünïcödé", "ＡＢＣＤＥＦ",
    ])
    func neverExceedWidth(_ text: String) {
        for width in 0...(TextWidth.of(text) + 2) {
            let cut = TextWidth.truncate(text, to: width)
            #expect(TextWidth.of(cut) <= width, "truncate(\(text), \(width)) = \(cut)")
            if TextWidth.of(text) > width && width > 0 {
                #expect(cut.hasSuffix("…"))
                // Cut as late as possible: at most one wide character's column is left unused.
                #expect(TextWidth.of(cut) >= width - 1, "truncate(\(text), \(width)) = \(cut)")
                #expect(text.hasPrefix(String(cut.dropLast())))
            }
            let padded = TextWidth.pad(text, to: width)
            #expect(TextWidth.of(padded) == width, "pad(\(text), \(width)) = '\(padded)'")
        }
    }
}
