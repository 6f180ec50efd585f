import CNcurses
import Testing

@testable import MemchatTerminal

@Suite("KeyDecoder")
struct KeyDecoderTests {
    /// Feeds characters (as `wget_wch` returns them with OK) and other inputs in order.
    private func decode(_ inputs: [KeyDecoder.Input]) -> [TerminalEvent] {
        var decoder = KeyDecoder()
        return inputs.flatMap { decoder.feed($0) }
    }

    private func characters(_ text: String) -> [KeyDecoder.Input] {
        text.unicodeScalars.map { .character($0.value) }
    }

    private func key(
        _ code: KeyPress.Code, control: Bool = false, alt: Bool = false, shift: Bool = false
    ) -> TerminalEvent {
        .key(KeyPress(code, control: control, alt: alt, shift: shift))
    }

    @Test func printableCharactersIncludingWideOnes() {
        #expect(decode(characters("a東😀")) == [
            key(.character("a")), key(.character("東")), key(.character("😀")),
        ])
    }

    @Test func enterIsCarriageReturnOrKeyEnterAndLineFeedIsControlJ() {
        #expect(decode([.character(13)]) == [key(.enter)])
        #expect(decode([.key(KEY_ENTER)]) == [key(.enter)])
        #expect(decode([.character(10)]) == [key(.character("j"), control: true)])
    }

    @Test func tabAndShiftTab() {
        #expect(decode([.character(9)]) == [key(.tab)])
        #expect(decode([.key(KEY_BTAB)]) == [key(.tab, shift: true)])
    }

    @Test func backspaceAndDelete() {
        #expect(decode([.character(127), .character(8), .key(KEY_BACKSPACE)])
            == Array(repeating: key(.backspace), count: 3))
        #expect(decode([.key(KEY_DC)]) == [key(.delete)])
    }

    @Test func arrowsHomeEndAndPages() {
        let codes = [KEY_UP, KEY_DOWN, KEY_LEFT, KEY_RIGHT, KEY_HOME, KEY_END, KEY_PPAGE, KEY_NPAGE]
        let expected: [KeyPress.Code] = [.up, .down, .left, .right, .home, .end, .pageUp, .pageDown]
        #expect(decode(codes.map { .key($0) }) == expected.map { key($0) })
    }

    @Test func functionKeys() {
        #expect(decode((1...12).map { .key(KEY_F0 + Int32($0)) }) == (1...12).map { key(.function($0)) })
        #expect(decode([.key(KEY_F0 + 13)]) == [key(.function(1), shift: true)])
        #expect(decode([.key(KEY_F0 + 40)]) == [])
    }

    @Test func modifiedKeysByTheirTerminfoNames() {
        #expect(decode([.key(KEY_MAX + 20, name: "kUP5")]) == [key(.up, control: true)])
        #expect(decode([.key(KEY_MAX + 21, name: "kLFT3")]) == [key(.left, alt: true)])
        #expect(decode([.key(KEY_MAX + 22, name: "kRIT6")]) == [key(.right, control: true, shift: true)])
        #expect(decode([.key(KEY_MAX + 23, name: "kUNKNOWN5"), .key(KEY_MAX + 24, name: nil)]) == [])
    }

    @Test func controlLetters() {
        #expect(decode([.character(1), .character(3), .character(15), .character(26)]) == [
            key(.character("a"), control: true), key(.character("c"), control: true),
            key(.character("o"), control: true), key(.character("z"), control: true),
        ])
        #expect(decode([.character(0), .character(31)]) == [
            key(.character(" "), control: true), key(.character("_"), control: true),
        ])
    }

    @Test func escapeAloneNeedsTheTimeout() {
        #expect(decode([.character(27)]) == [])
        #expect(decode([.character(27), .timeout]) == [key(.escape)])
        #expect(decode([.character(27), .character(27), .timeout]) == [key(.escape), key(.escape)])
    }

    @Test func escapeBeforeAKeyIsAlt() {
        #expect(decode([.character(27), .character(120)]) == [key(.character("x"), alt: true)])
        #expect(decode([.character(27), .character(13)]) == [key(.enter, alt: true)])
        #expect(decode([.character(27), .character(127)]) == [key(.backspace, alt: true)])
        #expect(decode([.character(27), .key(KEY_LEFT)]) == [key(.left, alt: true)])
        #expect(decode([.character(27), .character(2)]) == [key(.character("b"), control: true, alt: true)])
    }

    @Test func bracketedPasteIsOneEvent() {
        let pasted = characters("\u{1B}[200~hello\rworld 東京\r\nend\u{1B}[201~") + characters("x")
        #expect(decode(pasted) == [.paste("hello\nworld 東京\nend"), key(.character("x"))])
    }

    @Test func keysInsideAPasteAreText() {
        #expect(decode(characters("\u{1B}[200~\u{1B}x\t\u{1}\u{1B}[201~")) == [.paste("\u{1B}x\t\u{1}")])
        #expect(decode(characters("\u{1B}[200~") + [.key(KEY_UP)] + characters("a\u{1B}[201~")) == [.paste("a")])
    }

    @Test func aPasteWithoutItsEndIsGivenUpOnAfterAWhile() {
        let idle = Array(repeating: KeyDecoder.Input.timeout, count: KeyDecoder.pasteGiveUpReads)
        #expect(decode(characters("\u{1B}[200~abc") + idle + characters("d")) == [.paste("abc"), key(.character("d"))])
        #expect(decode(characters("\u{1B}[200~abc") + idle.dropLast()) == [])
    }

    @Test func altBracketAndUnknownSequences() {
        #expect(decode([.character(27), .character(91), .timeout]) == [key(.character("["), alt: true)])
        #expect(decode(characters("\u{1B}[1")) + decode(characters("\u{1B}[1") + [.timeout]) == [
            key(.character("["), alt: true), key(.character("1")),
        ])
        // A complete sequence ncurses did not know (focus in) is dropped.
        #expect(decode(characters("\u{1B}[Ia")) == [key(.character("a"))])
    }

    @Test func resizeAndMouseFlushAPendingEscape() {
        let size = Size(columns: 60, rows: 20)
        #expect(decode([.resize(size)]) == [.resize(size)])
        #expect(decode([.character(27), .resize(size)]) == [key(.escape), .resize(size)])
        let click = MouseEvent.click(column: 3, row: 4)
        #expect(decode([.character(27), .mouse(click)]) == [key(.escape), .mouse(click)])
    }

    @Test func mouseWheelAndLeftClick() {
        #expect(KeyDecoder.mouse(column: 1, row: 2, state: memchat_button4_pressed()) == .wheelUp(column: 1, row: 2))
        #expect(KeyDecoder.mouse(column: 1, row: 2, state: memchat_button5_pressed()) == .wheelDown(column: 1, row: 2))
        #expect(KeyDecoder.mouse(column: 5, row: 6, state: memchat_button1_pressed()) == .click(column: 5, row: 6))
        #expect(KeyDecoder.mouse(column: 5, row: 6, state: 0) == nil)
    }

    @Test func unknownInputIsDropped() {
        #expect(decode([.character(0x85), .key(KEY_MAX + 99), .character(0xD800), .timeout]) == [])
        #expect(decode([.character(27), .character(0x85), .character(97)]) == [key(.character("a"))])
    }
}
