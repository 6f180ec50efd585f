import MemchatCore

/// A terminal size in columns and rows.
public struct Size: Sendable, Hashable, CustomStringConvertible {
    public var columns: Int
    public var rows: Int

    public init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
    }

    public var description: String { "\(columns)x\(rows)" }
}

/// One screen position. A wide character (CJK, most emoji) takes its cell and the next
/// one, which holds a `continuation` cell; `text` is one grapheme cluster (or a space).
public struct Cell: Sendable, Hashable {
    public var text: String
    /// 1, 2 for a wide character, 0 for the right half of one.
    public var width: Int
    public var style: Style

    public init(_ text: String, width: Int = 1, style: Style = .plain) {
        self.text = text
        self.width = width
        self.style = style
    }

    public static let blank = Cell(" ")
    static func continuation(_ style: Style) -> Cell { Cell("", width: 0, style: style) }
}

/// A whole frame: what `render` produces and a terminal shows. Text is put in by
/// display width, so wide characters, emoji and combining marks land where a terminal
/// puts them; text past the right edge is cut, and a wide character that would straddle
/// it becomes a space.
public struct Grid: Sendable, Equatable {
    public let size: Size
    public private(set) var cells: [Cell]
    /// Where the terminal's cursor should stand, if it should show.
    public var cursor: (column: Int, row: Int)?

    public init(size: Size) {
        self.size = size
        cells = Array(repeating: .blank, count: max(size.columns, 0) * max(size.rows, 0))
    }

    public subscript(column: Int, row: Int) -> Cell {
        cells[row * size.columns + column]
    }

    public static func == (lhs: Grid, rhs: Grid) -> Bool {
        lhs.size == rhs.size && lhs.cells == rhs.cells && lhs.cursor?.column == rhs.cursor?.column
            && lhs.cursor?.row == rhs.cursor?.row
    }

    /// Writes `text` from (column, row), at most `limit` columns (to the right edge by
    /// default), and returns the column after the last one written. Characters are drawn
    /// as they are: sanitise text from outside first (`TerminalText.sanitized`).
    @discardableResult
    public mutating func put(_ text: some StringProtocol, column: Int, row: Int, style: Style = .plain, limit: Int? = nil) -> Int {
        guard row >= 0, row < size.rows else { return column }
        let end = min(size.columns, column + (limit ?? size.columns))
        var x = column
        for character in text {
            let width = TextWidth.of(character)
            if width == 0 {
                // A combining mark or joiner that arrived alone joins the cell before it.
                if x > column, x - 1 < size.columns { append(character, toCellBefore: x, row: row) }
                continue
            }
            if x + width > end {
                if x < end { set(column: x, row: row, Cell(" ", style: style)) }
                return end
            }
            if x >= 0 {
                set(column: x, row: row, Cell(String(character), width: width, style: style))
                if width == 2 { set(column: x + 1, row: row, .continuation(style)) }
            }
            x += width
        }
        return x
    }

    /// Paints `count` columns of `row` from `column` with spaces in `style`.
    public mutating func fill(row: Int, column: Int = 0, count: Int? = nil, style: Style) {
        guard row >= 0, row < size.rows else { return }
        let end = min(size.columns, column + (count ?? size.columns))
        for x in max(column, 0)..<max(end, max(column, 0)) { set(column: x, row: row, Cell(" ", style: style)) }
    }

    private mutating func set(column: Int, row: Int, _ cell: Cell) {
        guard column >= 0, column < size.columns, row >= 0, row < size.rows else { return }
        let index = row * size.columns + column
        // Overwriting half of a wide character blanks its other half.
        if cells[index].width == 2, column + 1 < size.columns, cell.width != 2 {
            cells[index + 1] = Cell(" ", style: cells[index + 1].style)
        }
        if cells[index].width == 0, column > 0, cells[index - 1].width == 2 {
            cells[index - 1] = Cell(" ", style: cells[index - 1].style)
        }
        cells[index] = cell
    }

    private mutating func append(_ character: Character, toCellBefore column: Int, row: Int) {
        var x = column - 1
        while x > 0, self[x, row].width == 0 { x -= 1 }
        var cell = self[x, row]
        cell.text.append(character)
        // A mark that forms a new cluster with a character is drawn with it.
        cells[row * size.columns + x] = cell
    }

    /// The frame as text, one line per row, trailing spaces kept: what golden tests
    /// compare.
    public var lines: [String] {
        (0..<size.rows).map { row in
            var line = ""
            for column in 0..<size.columns where self[column, row].width != 0 {
                line += self[column, row].text
            }
            return line
        }
    }

    /// The cells that differ from `previous` (every cell when there is none or its size
    /// differs), row by row, left to right; right halves of wide characters are left out.
    public func changes(since previous: Grid?) -> [(column: Int, row: Int, cell: Cell)] {
        var changed: [(column: Int, row: Int, cell: Cell)] = []
        let compare = previous?.size == size ? previous : nil
        for row in 0..<size.rows {
            for column in 0..<size.columns {
                let cell = self[column, row]
                guard cell.width != 0 else { continue }
                if let compare, compare[column, row] == cell,
                   cell.width == 1 || compare[column + 1, row] == self[column + 1, row] {
                    continue
                }
                changed.append((column, row, cell))
            }
        }
        return changed
    }
}
