import MemchatTerminal
import Testing

@Suite("Grid")
struct GridTests {
    @Test func wideCharactersEmojiAndCombiningMarksTakeTheirColumns() {
        var grid = Grid(size: Size(columns: 10, rows: 3))
        #expect(grid.put("東京abc", column: 0, row: 0) == 7)
        #expect(grid.put("e\u{301}👍x", column: 0, row: 1) == 4)
        #expect(grid.lines[0] == "東京abc   ")
        #expect(grid.lines[1] == "é👍x      ")
        #expect(grid[0, 0].width == 2)
        #expect(grid[1, 0].width == 0)
        // A wide character that would straddle the edge becomes a space.
        #expect(grid.put("abcdefghi東", column: 0, row: 2) == 10)
        #expect(grid.lines[2] == "abcdefghi ")
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var grid = Grid(size: Size(columns: 4, rows: 1))
        grid.put("東京", column: 0, row: 0)
        grid.put("x", column: 1, row: 0)
        #expect(grid.lines[0] == " x京")
    }

    @Test func changesListOnlyWhatDiffers() {
        var old = Grid(size: Size(columns: 5, rows: 2))
        old.put("hello", column: 0, row: 0)
        var new = old
        new.put("J", column: 0, row: 1)
        let changes = new.changes(since: old)
        #expect(changes.count == 1)
        #expect(changes.first?.column == 0)
        #expect(changes.first?.row == 1)
        #expect(changes.first?.cell.text == "J")
        #expect(new.changes(since: nil).count == 10)
        #expect(new.changes(since: Grid(size: Size(columns: 4, rows: 2))).count == 10, "a new size redraws all")
    }

    @Test func sanitizingShowsControlsInsteadOfObeyingThem() {
        #expect(TerminalText.sanitized("plain") == "plain")
        #expect(TerminalText.sanitized("a\u{1B}[2Jb") == "a␛b")
        #expect(TerminalText.sanitized("\u{1B}]0;title\u{07}x") == "␛x")
        #expect(TerminalText.sanitized("bell\u{07}\tx") == "bell␇    x")
        #expect(TerminalText.sanitized("\u{202E}evil\u{9B}") == "�evil�")
        #expect(TerminalText.sanitized("line\nnext") == "line\nnext")
    }
}
