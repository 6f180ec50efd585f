import MemchatTerminal

/// The styles the views use; one place to change colours.
enum Theme {
    static let statusBar = Style(foreground: .black, background: .cyan)
    static let statusError = Style(foreground: .white, background: .red, bold: true)
    static let border = Style(foreground: .brightBlack)
    static let focusedBorder = Style(foreground: .cyan)
    static let title = Style(bold: true)
    static let userLabel = Style(foreground: .cyan, bold: true)
    static let assistantLabel = Style(foreground: .green, bold: true)
    static let time = Style(foreground: .brightBlack)
    static let text = Style.plain
    static let failure = Style(foreground: .red)
    static let event = Style(foreground: .brightBlack, italic: true)
    static let notice = Style(foreground: .yellow)
    static let selected = Style(reverse: true)
    static let muted = Style(foreground: .brightBlack)
    static let hint = Style(foreground: .brightBlack)
    static let prompt = Style(foreground: .cyan, bold: true)

    // Markdown in answers.
    static let heading = Style(foreground: .cyan, bold: true)
    static let inlineCode = Style(foreground: .yellow)
    static let linkURL = Style(foreground: .brightBlack)
    static let listMarker = Style(foreground: .cyan)
    static let quote = Style(foreground: .brightBlack, italic: true)
    static let quoteBar = Style(foreground: .brightBlack)
    static let rule = Style(foreground: .brightBlack)
    static let code = Style(foreground: .brightWhite)
    static let codeFrame = Style(foreground: .brightBlack)
    static let codeKeyword = Style(foreground: .magenta, bold: true)
    static let codeString = Style(foreground: .green)
    static let codeComment = Style(foreground: .brightBlack, italic: true)
    static let codeNumber = Style(foreground: .cyan)
    static let cutMarker = Style(foreground: .yellow, bold: true)
    static let tableHeader = Style(bold: true)
    static let tableBorder = Style(foreground: .brightBlack)
    static let reasoning = Style(foreground: .brightBlack, italic: true)
}
