import MemchatTerminal

/// Colours for code blocks: keywords, strings, comments and numbers, by a small tokenizer
/// per language (a line at a time, carrying only whether a block comment is open). A
/// language it does not know is shown in the code colour alone.
enum SyntaxHighlight {
    struct Language {
        var keywords: Set<String>
        var lineComments: [String] = ["//"]
        var blockComment: (open: String, close: String)? = ("/*", "*/")
        var quotes: Set<Character> = ["\"", "'"]
        /// SQL keywords are matched in any case.
        var caseInsensitive = false
    }

    /// The language for a fence's info string ("swift", "py", "ts", "bash", ...).
    static func language(named name: String) -> Language? {
        switch name.lowercased() {
        case "swift": return swift
        case "python", "py", "python3": return python
        case "javascript", "js", "jsx", "typescript", "ts", "tsx", "mjs": return javaScript
        case "shell", "sh", "bash", "zsh", "console", "shell-session": return shell
        case "json", "jsonc": return json
        case "sql", "postgresql", "psql", "sqlite", "mysql": return sql
        case "go", "golang": return go
        case "rust", "rs": return rust
        default: return nil
        }
    }

    /// The spans of each line of a block of code in `language`.
    static func lines(_ lines: [String], language: Language?) -> [[MarkdownInline.Span]] {
        guard let language else { return lines.map { [($0, Paint(.code))] } }
        var inComment = false
        return lines.map { spans(of: $0, language: language, inComment: &inComment) }
    }

    private static func spans(of line: String, language: Language, inComment: inout Bool) -> [MarkdownInline.Span] {
        let characters = Array(line)
        var spans: [MarkdownInline.Span] = []
        func add(_ range: Range<Int>, _ style: Paint) {
            guard !range.isEmpty else { return }
            let text = String(characters[range])
            if let last = spans.last, last.style == style { spans[spans.count - 1].text += text } else { spans.append((text, style)) }
        }
        func starts(_ marker: String, at index: Int) -> Bool {
            let marker = Array(marker)
            return index + marker.count <= characters.count && Array(characters[index..<(index + marker.count)]) == marker
        }
        var index = 0
        while index < characters.count {
            if inComment, let block = language.blockComment {
                var end = index
                while end < characters.count, !starts(block.close, at: end) { end += 1 }
                if end < characters.count {
                    end += block.close.count
                    inComment = false
                }
                add(index..<end, Paint(.codeComment))
                index = end
                continue
            }
            if language.lineComments.contains(where: { starts($0, at: index) }), index == 0 || !isWord(characters[index - 1]) || characters[index] != "#" {
                add(index..<characters.count, Paint(.codeComment))
                break
            }
            if let block = language.blockComment, starts(block.open, at: index) {
                inComment = true
                add(index..<(index + block.open.count), Paint(.codeComment))
                index += block.open.count
                continue
            }
            let character = characters[index]
            if language.quotes.contains(character) {
                var end = index + 1
                while end < characters.count, characters[end] != character {
                    end += characters[end] == "\\" ? 2 : 1
                }
                end = min(end + 1, characters.count)
                add(index..<end, Paint(.codeString))
                index = end
                continue
            }
            if character.isNumber, index == 0 || !isWord(characters[index - 1]) {
                var end = index + 1
                while end < characters.count, characters[end].isHexDigit || "xXoObB._".contains(characters[end]) { end += 1 }
                add(index..<end, Paint(.codeNumber))
                index = end
                continue
            }
            if isWord(character) {
                var end = index + 1
                while end < characters.count, isWord(characters[end]) { end += 1 }
                let word = String(characters[index..<end])
                let isKeyword = language.keywords.contains(language.caseInsensitive ? word.lowercased() : word)
                add(index..<end, isKeyword ? Paint(.codeKeyword) : Paint(.code))
                index = end
                continue
            }
            add(index..<(index + 1), Paint(.code))
            index += 1
        }
        return spans
    }

    private static func isWord(_ character: Character) -> Bool {
        character == "_" || character.isLetter || character.isNumber
    }

    static let swift = Language(keywords: [
        "actor", "as", "async", "await", "break", "case", "catch", "class", "continue", "default", "defer", "do", "else",
        "enum", "extension", "false", "fileprivate", "for", "func", "guard", "if", "import", "in", "init", "inout",
        "internal", "is", "let", "nil", "private", "protocol", "public", "repeat", "return", "self", "Self", "static",
        "struct", "super", "switch", "throw", "throws", "true", "try", "typealias", "var", "where", "while",
    ])
    static let python = Language(keywords: [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
        "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    ], lineComments: ["#"], blockComment: nil)
    static let javaScript = Language(keywords: [
        "async", "await", "break", "case", "catch", "class", "const", "continue", "default", "delete", "do", "else",
        "export", "extends", "false", "finally", "for", "from", "function", "if", "import", "in", "instanceof",
        "interface", "let", "new", "null", "of", "return", "static", "super", "switch", "this", "throw", "true",
        "try", "type", "typeof", "undefined", "var", "void", "while", "yield",
    ], quotes: ["\"", "'", "`"])
    static let shell = Language(keywords: [
        "case", "do", "done", "elif", "else", "esac", "export", "fi", "for", "function", "if", "in", "local",
        "return", "then", "until", "while",
    ], lineComments: ["#"], blockComment: nil)
    static let json = Language(keywords: ["true", "false", "null"], lineComments: [], blockComment: nil, quotes: ["\""])
    static let sql = Language(keywords: [
        "add", "all", "alter", "and", "as", "asc", "begin", "between", "by", "case", "commit", "create", "delete",
        "desc", "distinct", "drop", "else", "end", "exists", "from", "group", "having", "in", "index", "insert",
        "into", "is", "join", "left", "like", "limit", "not", "null", "offset", "on", "or", "order", "primary",
        "references", "right", "select", "set", "table", "then", "union", "update", "values", "when", "where", "with",
    ], lineComments: ["--"], quotes: ["'", "\""], caseInsensitive: true)
    static let go = Language(keywords: [
        "break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough", "false", "for",
        "func", "go", "goto", "if", "import", "interface", "map", "nil", "package", "range", "return", "select",
        "struct", "switch", "true", "type", "var",
    ], quotes: ["\"", "'", "`"])
    static let rust = Language(keywords: [
        "as", "async", "await", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
        "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "Self",
        "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while",
    ], quotes: ["\""])
}
