import MemchatTerminal

/// The styles the screen is drawn with, one per `Role`, read from a theme file
/// (`themes/*.toml`; see `ThemeFile`). Views ask for a role, never for a colour, so a
/// theme changes every colour in one place.
public struct Theme: Sendable, Equatable {
    /// What a style is for, named as in a theme file: `table.key`.
    public enum Role: String, CaseIterable, Sendable {
        /// The whole screen: its background, and the colours of text that sets none.
        case screen = "chrome.screen"
        case statusBar = "chrome.status_bar"
        case statusError = "chrome.status_error"
        case border = "chrome.border"
        case focusedBorder = "chrome.border_focused"
        case title = "chrome.title"
        case selected = "chrome.selected"
        case muted = "chrome.muted"
        case hint = "chrome.hint"
        case prompt = "chrome.prompt"

        case userLabel = "chat.user_label"
        case assistantLabel = "chat.assistant_label"
        case time = "chat.time"
        case text = "chat.text"
        case failure = "chat.failure"
        case event = "chat.event"
        case notice = "chat.notice"
        case reasoning = "chat.reasoning"

        case heading = "markdown.heading"
        case inlineCode = "markdown.inline_code"
        case linkURL = "markdown.link_url"
        case listMarker = "markdown.list_marker"
        case quote = "markdown.quote"
        case quoteBar = "markdown.quote_bar"
        case rule = "markdown.rule"
        case tableHeader = "markdown.table_header"
        case tableBorder = "markdown.table_border"

        case code = "code.text"
        case codeFrame = "code.frame"
        case codeKeyword = "code.keyword"
        case codeString = "code.string"
        case codeComment = "code.comment"
        case codeNumber = "code.number"
        case cutMarker = "code.cut_marker"

        fileprivate var position: Int { Self.positions[self] ?? 0 }
        private static let positions = Dictionary(uniqueKeysWithValues: allCases.enumerated().map { ($1, $0) })
    }

    public let name: String
    /// The styles as the file set them (roles it left out are plain).
    let declared: [Role: Style]
    /// The styles to draw with, by `Role.position`: the screen's colours filled in where a
    /// role sets none.
    private var resolved: [Style]

    init(name: String, declared: [Role: Style]) {
        self.name = name
        self.declared = declared
        let screen = declared[.screen] ?? .plain
        resolved = Role.allCases.map { role in
            var style = declared[role] ?? .plain
            if style.foreground == .default { style.foreground = screen.foreground }
            if style.background == .default { style.background = screen.background }
            return style
        }
    }

    public subscript(role: Role) -> Style { resolved[role.position] }

    /// A paint's role with the emphasis it adds.
    func style(_ paint: Paint) -> Style {
        var style = self[paint.role]
        if paint.bold { style.bold = true }
        if paint.italic { style.italic = true }
        if paint.underline { style.underline = true }
        return style
    }

    /// The theme as a terminal with `colors` colours shows it (see `Style.reduced`). With
    /// no colour at all, what a background set apart (the status bar, a selection) is
    /// shown reversed instead.
    public func reduced(toColors colors: Int) -> Theme {
        var theme = self
        let screenBackground = self[.screen].background
        for role in Role.allCases {
            let style = self[role]
            var reduced = style.reduced(toColors: colors)
            if colors == 0, role != .screen, style.background != screenBackground { reduced.reverse = true }
            theme.resolved[role.position] = reduced
        }
        return theme
    }

    public static func == (lhs: Theme, rhs: Theme) -> Bool {
        lhs.name == rhs.name && lhs.resolved == rhs.resolved
    }
}

/// What a span of chat text is drawn with: a theme role plus the emphasis Markdown adds.
/// Laid-out lines are cached holding paints, not styles, so a cache is right whatever the
/// theme.
struct Paint: Hashable, Sendable {
    var role: Theme.Role
    var bold = false
    var italic = false
    var underline = false

    init(_ role: Theme.Role) {
        self.role = role
    }
}
