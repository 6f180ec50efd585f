/// What to hand ncurses for one cell. ncurses advances by the C library's `wcwidth`,
/// which does not always agree with `TextWidth` (emoji with a variation selector, symbols
/// newer than the C library's tables): the cell is then padded or replaced so every later
/// cell still lands in its column.
struct Glyph: Equatable {
    /// A spacing character and up to four combining ones (ncurses' CCHARW_MAX is 5).
    var scalars: [Unicode.Scalar]
    /// Spaces to draw after it so it fills the cell's width.
    var padding: Int

    init(scalars: [Unicode.Scalar], padding: Int) {
        self.scalars = scalars
        self.padding = padding
    }

    /// `width` is how many columns the terminal gives a scalar (`wcwidth`).
    init(_ cell: Cell, width: (Unicode.Scalar) -> Int) {
        var scalars = cell.text.unicodeScalars.makeIterator()
        let first = scalars.next() ?? " "
        let firstWidth = width(first)
        guard firstWidth >= 1, firstWidth <= max(cell.width, 1) else {
            self.init(scalars: ["\u{FFFD}"], padding: max(cell.width - 1, 0))
            return
        }
        // Joined emoji (ZWJ sequences) hold more spacing characters than ncurses can put
        // in a cell; their first one stands for them.
        var marks: [Unicode.Scalar] = []
        for next in IteratorSequence(scalars) {
            guard marks.count < 4, next.value != 0x200D, width(next) == 0 else { break }
            marks.append(next)
        }
        self.init(scalars: [first] + marks, padding: max(cell.width - firstWidth, 0))
    }
}
