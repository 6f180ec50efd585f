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

/// `Grid.changes(since:)` with wide characters, cell by cell, on the model of ratatui's
/// `Buffer::diff`: a wide character is one change at its left column, its right half is
/// never listed, and a cell whose look changed only because a wide neighbour came or went
/// is listed too.
@Suite("Grid changes with wide characters")
struct GridWideChangesTests {
    struct Change: Equatable, CustomStringConvertible {
        var column: Int
        var row: Int
        var text: String
        var style: Style = .plain

        var description: String { "(\(column),\(row),\"\(text)\"\(style == .plain ? "" : " styled"))" }
    }

    private func changes(_ new: Grid, since old: Grid) -> [Change] {
        new.changes(since: old).map { Change(column: $0.column, row: $0.row, text: $0.cell.text, style: $0.cell.style) }
    }

    private func grid(_ text: String, column: Int = 0, columns: Int = 5) -> Grid {
        var grid = Grid(size: Size(columns: columns, rows: 1))
        grid.put(text, column: column, row: 0)
        return grid
    }

    @Test func twoNarrowCharactersReplacedByAWideOneAreOneChangeAtItsLeftColumn() {
        #expect(changes(grid("称"), since: grid("ab")) == [Change(column: 0, row: 0, text: "称")])
        // The same when the new frame is drawn over the old one.
        var drawn = grid("ab")
        drawn.put("称", column: 0, row: 0)
        #expect(changes(drawn, since: grid("ab")) == [Change(column: 0, row: 0, text: "称")])
    }

    @Test func aWideCharacterReplacedByTwoNarrowOnesListsBoth() {
        #expect(changes(grid("ab"), since: grid("称")) == [Change(column: 0, row: 0, text: "a"), Change(column: 1, row: 0, text: "b")])
    }

    @Test func aWideCharacterReplacedByOneNarrowOneListsTheBlankedRightHalf() {
        #expect(changes(grid("a"), since: grid("称")) == [Change(column: 0, row: 0, text: "a"), Change(column: 1, row: 0, text: " ")])
    }

    @Test func aWideCharacterMovingOneColumnRightBlanksWhereItWasAndIsListedWhereItIs() {
        let expected = [Change(column: 0, row: 0, text: " "), Change(column: 1, row: 0, text: "称")]
        #expect(changes(grid("称", column: 1), since: grid("称")) == expected)
        var drawn = grid("称")
        drawn.put("称", column: 1, row: 0)
        #expect(drawn.lines == [" 称  "])
        #expect(changes(drawn, since: grid("称")) == expected)
        // Moving left uncovers its old right half.
        #expect(changes(grid("称"), since: grid("称", column: 1)) == [Change(column: 0, row: 0, text: "称"), Change(column: 2, row: 0, text: " ")])
    }

    @Test func aWideCharacterWhoseRightHalfANeighbourOverwroteIsListedAsBlank() {
        let old = grid("称c")
        var narrow = old
        narrow.put("x", column: 1, row: 0)
        #expect(narrow.lines == [" xc  "])
        #expect(changes(narrow, since: old) == [Change(column: 0, row: 0, text: " "), Change(column: 1, row: 0, text: "x")])

        var wide = old
        wide.put("京", column: 1, row: 0)
        #expect(wide.lines == [" 京  "])
        #expect(changes(wide, since: old) == [Change(column: 0, row: 0, text: " "), Change(column: 1, row: 0, text: "京")])

        // Only the right half's style changes: both halves are listed.
        var painted = old
        let reverse = Style(reverse: true)
        painted.fill(row: 0, column: 1, count: 1, style: reverse)
        #expect(changes(painted, since: old) == [Change(column: 0, row: 0, text: " "), Change(column: 1, row: 0, text: " ", style: reverse)])
    }

    @Test func aWideCharacterWhoseLeftNeighbourWasOverwrittenIsNotListed() {
        let old = grid("a称b")
        var new = old
        new.put("z", column: 0, row: 0)
        #expect(changes(new, since: old) == [Change(column: 0, row: 0, text: "z")])
        new.put("y", column: 3, row: 0)
        #expect(changes(new, since: old) == [Change(column: 0, row: 0, text: "z"), Change(column: 3, row: 0, text: "y")])
    }

    @Test func aWideCharacterThatOnlyChangesStyleIsOneChange() {
        let bold = Style(bold: true)
        var new = Grid(size: Size(columns: 5, rows: 1))
        new.put("称", column: 0, row: 0, style: bold)
        #expect(changes(new, since: grid("称")) == [Change(column: 0, row: 0, text: "称", style: bold)])
        #expect(changes(grid("称"), since: grid("称")).isEmpty)
    }

    @Test func anEmojiGainingASkinToneModifierIsOneWideChange() {
        let plain = grid("👍ok")
        let toned = grid("👍🏽ok")
        #expect(toned[0, 0].text == "👍🏽")
        #expect(toned[0, 0].width == 2)
        #expect(toned.lines == ["👍🏽ok "])
        #expect(changes(toned, since: plain) == [Change(column: 0, row: 0, text: "👍🏽")])
        #expect(changes(plain, since: toned) == [Change(column: 0, row: 0, text: "👍")])
        #expect(changes(toned, since: toned).isEmpty)
    }

    @Test func aWideCharacterThatCannotFitInTheLastColumnIsAListedBlank() {
        #expect(grid("abcd称").lines == ["abcd "])
        #expect(changes(grid("abcd称"), since: grid("abcde")) == [Change(column: 4, row: 0, text: " ")])
        // Drawn over a wide character that did fit in the last two columns.
        var drawn = grid("abc称")
        drawn.put("abcd称", column: 0, row: 0)
        #expect(drawn.lines == ["abcd "])
        #expect(changes(drawn, since: grid("abc称")) == [Change(column: 3, row: 0, text: "d"), Change(column: 4, row: 0, text: " ")])
        // One that fits the last two columns exactly is one change.
        #expect(changes(grid("abc称"), since: grid("abcde")) == [Change(column: 3, row: 0, text: "称")])
    }

    @Test func wideChangesOnSeveralRowsComeRowByRowLeftToRight() {
        var old = Grid(size: Size(columns: 4, rows: 2))
        old.put("ab東", column: 0, row: 0)
        old.put("京cd", column: 0, row: 1)
        var new = Grid(size: Size(columns: 4, rows: 2))
        new.put("東ab", column: 0, row: 0)
        new.put("京cd", column: 0, row: 1)
        new.put("x", column: 3, row: 1)
        #expect(changes(new, since: old) == [
            Change(column: 0, row: 0, text: "東"), Change(column: 2, row: 0, text: "a"), Change(column: 3, row: 0, text: "b"),
            Change(column: 3, row: 1, text: "x"),
        ])
    }
}
