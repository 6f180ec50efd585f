import Foundation
import MemchatCore
import MemchatTerminal
import Testing
@testable import MemchatTUI

/// Answers streamed into the chat pane in odd-sized chunks, one Markdown construct at a
/// time: what a frame shows mid-stream, that the last streamed frame is the one the whole
/// text gives, that lines already shown never move, and the stored rendering once the
/// answer is in. Goldens go through `GoldenScreenTests`' helpers, into the same folder.
@Suite("Streaming Markdown goldens")
struct StreamingMarkdownGoldenTests {
    private let golden = GoldenScreenTests()

    static let size = Size(columns: 50, rows: 22)
    static let question = "how do I fail over?"

    /// One Markdown construct, inside an answer with prose around it.
    struct Construct: Sendable, CustomTestStringConvertible {
        var name: String
        var answer: String
        var testDescription: String { name }
    }

    static let heading = Construct(name: "heading", answer: """
        # Failover
        ## Check the primary
        ### Then the standby
        Query both first.
        """)
    static let emphasis = Construct(name: "emphasis", answer: """
        Promote the **standby** first, then *wait* for
        the __old primary__ and _rebuild_ it.
        """)
    static let inlineCode = Construct(name: "inline-code", answer: """
        Run `pg_ctl promote` on the standby,
        or ``SELECT `pg_promote`()`` from psql.
        """)
    static let link = Construct(name: "link", answer: """
        See [the failover docs](https://pg.org/ha) and
        [https://pg.org](https://pg.org) for more.
        """)
    static let unorderedList = Construct(name: "unordered-list", answer: """
        Before failover:
        - stop the writes
        * check the lag
        + promote the standby
        Then repoint the app.
        """)
    static let orderedList = Construct(name: "ordered-list", answer: """
        1. stop the writes
        2. check the lag
        10) promote the standby
        """)
    static let nestedList = Construct(name: "nested-list", answer: """
        - primary
          - stop the writes
            - drain the pool
          - checkpoint
        - standby
          1. promote
        """)
    static let quote = Construct(name: "quote", answer: """
        > Promote the standby
        > only when the lag
        is zero.

        > Then rebuild.
        """)
    static let rule = Construct(name: "rule", answer: """
        Before.

        ---

        After.
        ***
        """)
    static let table = Construct(name: "table", answer: """
        | replica | lag | state |
        |---|---:|:---:|
        | r1 | 42 | **streaming** |
        | r2 | 0 | `catchup` |

        Both are fine.
        """)
    static let code = Construct(name: "code", answer: """
        Run this:
        ```python
        def lag(conn):
            # bytes behind
            return conn.execute("SELECT 1")
        ```

        Done.
        """)

    static let constructs = [heading, emphasis, inlineCode, link, unorderedList, orderedList, nestedList, quote, rule, table, code]

    // MARK: - Streaming

    /// A state where the question was sent and the answer has not begun.
    static func asked(_ size: Size = size) -> State {
        var state = TUIFixtures.state(size)
        state.sidebar.visible = false
        state = TUIFixtures.typing(question, into: state)
        return reduce(state, TUIFixtures.key(.enter)).0
    }

    /// `text` cut into chunks of 1, 3, 7 and 13 characters in turn, starting at `offset` in
    /// that cycle.
    static func chunks(_ text: String, offset: Int = 0) -> [String] {
        let sizes = [1, 3, 7, 13]
        var chunks: [String] = []
        var rest = Substring(text)
        var turn = offset
        while !rest.isEmpty {
            let size = sizes[turn % sizes.count]
            chunks.append(String(rest.prefix(size)))
            rest = rest.dropFirst(size)
            turn += 1
        }
        return chunks
    }

    /// The states after each chunk arrives.
    static func frames(_ chunks: [String], from state: State) -> [State] {
        var state = state
        return chunks.map { chunk in
            state = reduce(state, .engine(.text(chunk))).0
            return state
        }
    }

    static func answered(_ answer: String, from state: State) -> State {
        reduce(state, .engine(.answered(TUIFixtures.turn("a1", seq: 1, role: .assistant, answer, minutesAgo: 0)))).0
    }

    /// The chat pane's lines, all of them (scrolled off or not).
    static func paneLines(_ state: State) -> [ChatView.Line] {
        ChatView.lines(state, width: Layout.frame(state).chat.padded.width)
    }

    static func texts(_ lines: [ChatView.Line]) -> [String] {
        lines.map { $0.segments.map(\.text).joined() }
    }

    /// A streamed answer's lines without the cursor and the blank lines after the last block.
    static func withoutCursor(_ lines: [ChatView.Line]) -> [ChatView.Line] {
        var lines = lines
        if let last = lines.last?.segments.last, last.text == "▍" { lines[lines.count - 1].segments.removeLast() }
        while let last = lines.last, last.segments.allSatisfy({ $0.text.isEmpty }) { lines.removeLast() }
        return lines
    }

    static let paneWidth = Layout.frame(asked()).chat.padded.width

    // MARK: - Each construct

    @Test(arguments: constructs)
    func aConstructStreamedInOddChunksEndsAsTheWholeTextShowsItAndIsStoredAsItsGolden(_ construct: Construct) throws {
        let whole = reduce(Self.asked(), .engine(.text(construct.answer))).0
        for offset in 0..<4 {
            let chunks = Self.chunks(construct.answer, offset: offset)
            #expect(chunks.joined() == construct.answer)
            let last = try #require(Self.frames(chunks, from: Self.asked()).last)
            #expect(Self.texts(Self.paneLines(last)) == Self.texts(Self.paneLines(whole)), "chunks from offset \(offset)")
            #expect(Self.paneLines(last) == Self.paneLines(whole), "styles, chunks from offset \(offset)")
            #expect(render(last).lines == render(whole).lines)
        }
        // What the last streamed frame showed is what stays once the answer is stored.
        let streamed = Self.withoutCursor(MarkdownText.streamingLines(construct.answer, width: Self.paneWidth))
        let stored = MarkdownText.cachedLines(construct.answer, width: Self.paneWidth)
        #expect(Self.texts(streamed) == Self.texts(stored))
        #expect(streamed == stored)
        let done = Self.answered(construct.answer, from: whole)
        #expect(done.streaming == nil)
        try golden.expectStyledScreen(done, "streamed-\(construct.name)-50x22")
    }

    @Test(arguments: constructs)
    func everyStreamedFrameShowsWhatItsTextSoFarShowsWhole(_ construct: Construct) {
        let width = Self.paneWidth
        var prefix = ""
        for character in construct.answer {
            prefix.append(character)
            let streamed = Self.withoutCursor(MarkdownText.streamingLines(prefix, width: width))
            let whole = Self.withoutCursor(MarkdownText.cachedLines(prefix, width: width))
            #expect(Self.texts(streamed) == Self.texts(whole), "after \(prefix.debugDescription)")
            #expect(streamed == whole, "styles after \(prefix.debugDescription)")
            if Self.texts(streamed) != Self.texts(whole) { return }
        }
    }

    /// Whether the rows above the line being written are finished: all rows but the last, or
    /// in an open fence all but the code row being written and the frame's bottom edge
    /// below it (which moves down as lines arrive). A table re-lays itself out until it ends.
    static func finishedRows(_ lines: [ChatView.Line], text: String) -> Int? {
        switch MarkdownBlock.parse(text).last {
        case .table: return nil
        case .code(_, _, closed: false): return lines.count - 2
        default: return lines.count - 1
        }
    }

    @Test(arguments: constructs)
    func linesAlreadyShownDoNotMoveWhileTheAnswerStreamsCharacterByCharacter(_ construct: Construct) {
        var state = Self.asked()
        var previous = Self.paneLines(state)
        var text = ""
        for character in construct.answer {
            let before = text
            text.append(character)
            state = reduce(state, .engine(.text(String(character)))).0
            let lines = Self.paneLines(state)
            defer { previous = lines }
            guard let finished = Self.finishedRows(previous, text: before), Self.finishedRows(lines, text: text) != nil else { continue }
            let kept = Array(previous.prefix(max(finished, 0)))
            #expect(lines.count >= kept.count, "lines went away after \(text.debugDescription)")
            #expect(Self.texts(Array(lines.prefix(kept.count))) == Self.texts(kept), "a shown line moved after \(text.debugDescription)")
            #expect(Array(lines.prefix(kept.count)) == kept, "a shown line changed style after \(text.debugDescription)")
        }
    }

    // MARK: - Mid-stream frames

    @Test func aHalfReceivedStrongMarkShowsAsTypedUntilItCloses() throws {
        let asked = Self.asked()
        let frames = Self.frames(["Promote the *", "*stand", "by*", "* first."], from: asked)
        let rows = frames.map { Self.texts(MarkdownText.streamingLines($0.streaming ?? "", width: Self.paneWidth)) }
        #expect(rows[0] == ["Promote the *▍"])
        #expect(rows[1] == ["Promote the **stand▍"])
        try golden.expectStyledScreen(frames[1], "streaming-half-strong-50x22")
        // "**standby*": a star as typed, then emphasis (as CommonMark reads it), until the second star.
        #expect(rows[2] == ["Promote the *standby▍"])
        #expect(rows[3] == ["Promote the standby first.▍"])
        let last = MarkdownText.streamingLines(frames[3].streaming ?? "", width: Self.paneWidth)
        #expect(last.first?.segments.first { $0.text == "standby" }?.style.bold == true)
    }

    @Test func anUnclosedFenceShowsAsColouredCodeWhileItStreams() throws {
        let text = "Run this:\n\n```python\ndef lag(conn):\n    # bytes behind\n    return conn.exec"
        let frames = Self.frames(Self.chunks(text), from: Self.asked())
        guard let last = frames.last else { return }
        try golden.expectStyledScreen(last, "streaming-open-fence-50x22")
        // The fence as it arrives: a paragraph of backticks, then code named as far as typed,
        // without a bottom edge until the fence closes.
        let width = Self.paneWidth
        #expect(Self.texts(MarkdownText.streamingLines("Run this:\n\n``", width: width)) == ["Run this:", "", "``▍"])
        #expect(Self.texts(MarkdownText.streamingLines("Run this:\n\n```", width: width)) == ["Run this:", "", "╭─ code ▍"])
        #expect(Self.texts(MarkdownText.streamingLines("Run this:\n\n```pyt", width: width)) == ["Run this:", "", "╭─ pyt ▍"])
        // A closing fence cut short is a line of code until it is whole.
        #expect(Self.texts(MarkdownText.streamingLines("```python\nx = 1\n``", width: width)) == ["╭─ python ", "│ x = 1", "│ ``▍"])
        #expect(Self.texts(MarkdownText.streamingLines("```python\nx = 1\n```", width: width)) == ["╭─ python ", "│ x = 1", "╰─▍"])
    }

    @Test func aHalfReceivedLinkShowsAsTypedThenAsItsTextAndDimmedURL() {
        let width = Self.paneWidth
        #expect(Self.texts(MarkdownText.streamingLines("See [the docs](https://pg.or", width: width)) == ["See [the docs](https://pg.or▍"])
        let lines = MarkdownText.streamingLines("See [the docs](https://pg.org) now", width: width)
        #expect(Self.texts(lines) == ["See the docs (https://pg.org) now▍"])
        #expect(lines.first?.segments.first { $0.text == "the docs" }?.style.underline == true)
        #expect(lines.first?.segments.first { $0.text == " (https://pg.org)" }?.style == Paint(.linkURL))
    }

    // MARK: - Code wider than the pane

    static let pythonCode = """
        Compute the lag:

        ```python
        def replication_lag(connection, standby_name="replica-1"):
            # compare the replay position with the primary's WAL position
            row = connection.execute("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn) FROM pg_stat_replication")
            return row[0] if row else 0
        ```
        """
    static let swiftCode = """
        ```swift
        func lag(of standby: Standby, behind primary: Primary) async throws -> Int {
            let name = "replica-1" // the standby promoted first, if it is healthy
            let limit = 16_777_216 // bytes
            return try await primary.position() - standby.replayPosition
        }
        ```
        """

    @Test func pythonLinesWiderThanANarrowPaneAreCutWithTheMarkerNotWrapped() throws {
        var state = Self.answered(Self.pythonCode, from: reduce(Self.asked(), .engine(.text(Self.pythonCode))).0)
        try golden.expectScreen(state, "code-cut-python-50x22")
        let lines = Self.texts(MarkdownText.cachedLines(Self.pythonCode, width: Self.paneWidth))
        #expect(lines.count == 2 + 6, "a row per code line, and the frame")
        #expect(lines.filter { $0.hasSuffix(MarkdownLayout.cutMarker) }.count == 3)
        #expect(lines.allSatisfy { TextWidth.of($0) <= Self.paneWidth })
        // Streamed, the code never wraps either: one row per line received.
        state = Self.asked()
        for chunk in Self.chunks(Self.pythonCode) {
            state = reduce(state, .engine(.text(chunk))).0
            let text = state.streaming ?? ""
            guard case .code(_, let codeLines, _)? = MarkdownBlock.parse(text).last else { continue }
            let rows = MarkdownText.streamingLines(text, width: Self.paneWidth).filter { Self.texts([$0])[0].hasPrefix("│ ") }
            #expect(rows.count == codeLines.count, "after \(text.debugDescription)")
        }
    }

    @Test func swiftLinesWiderThanANarrowPaneAreCutAndKeepTheirColours() throws {
        let state = Self.answered(Self.swiftCode, from: reduce(Self.asked(), .engine(.text(Self.swiftCode))).0)
        try golden.expectStyledScreen(state, "code-cut-swift-styled-50x22")
    }

    // MARK: - A table at three widths

    static let wideTable = """
        | replica | lag (bytes) | state | note |
        |---|---:|---|---|
        | r1 | 42 | streaming | healthy, in the same zone |
        | r2 | 1048576 | catchup | rebuilt last night, still behind |
        """

    @Test func aTableFitsAWidePaneShrinksAndWrapsInANarrowOneAndShowsRecordsInAVeryNarrowOne() throws {
        for (size, name) in [(Size(columns: 90, rows: 16), "table-fits-90x16"), (Size(columns: 50, rows: 22), "table-wraps-50x22"),
                             (Size(columns: 34, rows: 24), "table-records-34x24")] {
            let state = Self.answered(Self.wideTable, from: reduce(Self.asked(size), .engine(.text(Self.wideTable))).0)
            try golden.expectScreen(state, name)
        }
        let header = { (width: Int) in Self.texts(MarkdownText.cachedLines(Self.wideTable, width: width)).first ?? "" }
        #expect(header(86).hasPrefix("replica │ lag (bytes) │ state     │ note"))
        #expect(header(46).contains("│"), "still a table at 46 columns")
        #expect(header(30) == "replica: r1", "records at 30 columns")
    }

    // MARK: - What streaming gets wrong

    /// Checks the stream of `answer`, a character at a time, against the whole text so far
    /// (for the last frame, the stored rendering); records the first difference.
    static func expectEveryFrameShowsItsTextWhole(_ answer: String, sourceLocation: SourceLocation = #_sourceLocation) {
        var prefix = ""
        for character in answer {
            prefix.append(character)
            let streamed = texts(withoutCursor(MarkdownText.streamingLines(prefix, width: paneWidth)))
            let whole = texts(withoutCursor(MarkdownText.cachedLines(prefix, width: paneWidth)))
            if streamed != whole {
                Issue.record("after \(prefix.debugDescription) the stream shows\n\(streamed)\nbut the text so far shows\n\(whole)", sourceLocation: sourceLocation)
                return
            }
        }
    }

    /// A list with blank lines between its items ("loose"), as answers often number their
    /// steps: stored, its items follow one another, and streamed too: no blank line shows
    /// above the item being written to close up when the next blank line arrives. (While
    /// the text after an item is still "2" or "2." it is taken for the next item.)
    @Test func aListWithBlankLinesBetweenItsItemsStreamsAsItIsStoredWithoutMovingShownLines() {
        let answer = "1. **Stop** the writes.\n\n2. **Check** the lag.\n\n3. **Promote** the standby.\n\nDone."
        #expect(Self.texts(Self.withoutCursor(MarkdownText.streamingLines(answer, width: Self.paneWidth)))
            == Self.texts(MarkdownText.cachedLines(answer, width: Self.paneWidth)))
        let streamed = Self.withoutCursor(MarkdownText.streamingLines("1. **Stop** the writes.\n\n2. **Check** the lag.", width: Self.paneWidth))
        #expect(Self.texts(streamed) == ["1. Stop the writes.", "2. Check the lag."])
        // The same answer streamed into the pane: lines already shown stay where they are.
        var state = Self.asked()
        var previous = Self.paneLines(state)
        for chunk in Self.chunks(answer) {
            state = reduce(state, .engine(.text(chunk))).0
            let lines = Self.paneLines(state)
            let kept = Self.texts(Array(previous.dropLast()))
            #expect(Self.texts(Array(lines.prefix(kept.count))) == kept, "after \((state.streaming ?? "").debugDescription)")
            previous = lines
        }
    }

    /// A four-backtick fence showing Markdown that holds a fenced block with a blank line
    /// in it (how an answer shows a README): the parser keeps it all one code block, but
    /// `MarkdownText.finishedEnds` takes the inner "```python" for the fence's end and the
    /// blank line after "def lag():" for a finished block's end, so mid-stream the rest of
    /// the code would be laid out as paragraphs below a closed code block. (`Fence` is now
    /// read the same way by both.)
    @Test func aFenceOfFourBackticksHoldingAFencedBlockStaysOneCodeBlockWhileItStreams() {
        Self.expectEveryFrameShowsItsTextWhole("""
            Fence it:

            ````markdown
            ```python
            def lag():

                return 0
            ```
            ````
            """)
        let shown = Self.withoutCursor(MarkdownText.streamingLines("Fence it:\n\n````markdown\n```python\ndef lag():\n\n    return 0", width: Self.paneWidth))
        #expect(Self.texts(shown) == ["Fence it:", "", "╭─ markdown ", "│ ```python", "│ def lag():", "│ ", "│     return 0"])
    }

    /// A line of backticks with an info string cannot close a fence (CommonMark), so the
    /// parser keeps "```python" as code, as the stored answer shows; `finishedEnds` takes it
    /// for the closing fence.
    @Test func aLineOfBackticksWithAnInfoStringInsideAFenceStaysCodeWhileItStreams() {
        Self.expectEveryFrameShowsItsTextWhole("```\nmake\n```python\n\nprint(1)\n```")
    }
}
