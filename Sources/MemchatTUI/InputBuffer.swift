/// The multi-line message being typed: text, cursor, and the history of the user's own
/// questions (↑/↓ on the first/last line walk it).
public struct InputBuffer: Sendable, Equatable {
    public private(set) var characters: [Character] = []
    /// Index into `characters` where the next character goes.
    public private(set) var cursor = 0
    public private(set) var history: [String] = []
    /// Position in `history` while walking it; nil when editing a new message.
    private var historyIndex: Int?
    private var draft: [Character] = []

    public init(history: [String] = []) {
        self.history = history
    }

    public var text: String { String(characters) }
    public var isEmpty: Bool { characters.allSatisfy(\.isWhitespace) }

    public mutating func insert(_ text: String) {
        characters.insert(contentsOf: text, at: cursor)
        cursor += text.count
    }

    public mutating func deleteBackward() {
        guard cursor > 0 else { return }
        cursor -= 1
        characters.remove(at: cursor)
    }

    public mutating func deleteForward() {
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
    }

    /// Ctrl-W: the word before the cursor, and the spaces after it.
    public mutating func deleteWordBackward() {
        let start = wordStart(before: cursor)
        characters.removeSubrange(start..<cursor)
        cursor = start
    }

    /// Ctrl-U: from the start of the line to the cursor.
    public mutating func deleteToLineStart() {
        let start = lineStart(of: cursor)
        characters.removeSubrange(start..<cursor)
        cursor = start
    }

    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    public mutating func moveRight() { cursor = min(characters.count, cursor + 1) }
    public mutating func moveWordLeft() { cursor = wordStart(before: cursor) }

    public mutating func moveWordRight() {
        var index = cursor
        while index < characters.count, !isWordCharacter(characters[index]) { index += 1 }
        while index < characters.count, isWordCharacter(characters[index]) { index += 1 }
        cursor = index
    }

    public mutating func moveLineStart() { cursor = lineStart(of: cursor) }

    public mutating func moveLineEnd() {
        while cursor < characters.count, characters[cursor] != "\n" { cursor += 1 }
    }

    /// ↑: to the line above, or (on the first line) back through the history.
    public mutating func moveUp() {
        let start = lineStart(of: cursor)
        guard start > 0 else { return olderHistory() }
        let column = cursor - start
        let previousStart = lineStart(of: start - 1)
        cursor = min(previousStart + column, start - 1)
    }

    /// ↓: to the line below, or (on the last line) forward through the history.
    public mutating func moveDown() {
        var end = cursor
        while end < characters.count, characters[end] != "\n" { end += 1 }
        guard end < characters.count else { return newerHistory() }
        let column = cursor - lineStart(of: cursor)
        var nextEnd = end + 1
        while nextEnd < characters.count, characters[nextEnd] != "\n" { nextEnd += 1 }
        cursor = min(end + 1 + column, nextEnd)
    }

    /// Takes the message out, remembering it in the history.
    public mutating func take() -> String {
        let message = text
        if history.last != message { history.append(message) }
        characters = []
        cursor = 0
        historyIndex = nil
        return message
    }

    public mutating func replace(with text: String) {
        characters = Array(text)
        cursor = characters.count
        historyIndex = nil
    }

    private mutating func olderHistory() {
        guard !history.isEmpty else { return }
        if historyIndex == nil { draft = characters }
        let index = max(0, (historyIndex ?? history.count) - 1)
        historyIndex = index
        characters = Array(history[index])
        cursor = characters.count
    }

    private mutating func newerHistory() {
        guard let index = historyIndex else { return }
        if index + 1 < history.count {
            historyIndex = index + 1
            characters = Array(history[index + 1])
        } else {
            historyIndex = nil
            characters = draft
        }
        cursor = characters.count
    }

    private func lineStart(of index: Int) -> Int {
        var start = index
        while start > 0, characters[start - 1] != "\n" { start -= 1 }
        return start
    }

    private func wordStart(before index: Int) -> Int {
        var start = index
        while start > 0, !isWordCharacter(characters[start - 1]) { start -= 1 }
        while start > 0, isWordCharacter(characters[start - 1]) { start -= 1 }
        return start
    }

    private func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_"
    }
}
