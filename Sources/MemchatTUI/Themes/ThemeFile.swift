import Foundation
import MemchatCore
import MemchatTerminal
import TOMLKit

/// A theme file read into styles by role (the format is described at the top of
/// themes/dark.toml):
///
/// ```toml
/// base = "dark"                                  # roles left out come from this theme
/// [chrome]
/// status_bar = { fg = "black", bg = "cyan" }
/// [chat]
/// time = "bright-black"                          # a colour alone sets fg
/// ```
struct ThemeFile {
    /// The theme named by `base`, if any, with the line it is on.
    var base: (name: String, line: Int?)?
    /// The styles the file sets.
    var styles: [Theme.Role: Style] = [:]

    static let tables = ["chrome", "chat", "markdown", "code"]
    static let attributes = ["bold", "dim", "italic", "underline", "reverse"]
    static let colourHelp = "a colour: default, black, red, green, yellow, blue, magenta, cyan, white, "
        + "bright-<colour>, color0 to color255, or \"#rrggbb\""

    init(text: String, path: String) throws {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ThemeError.malformedFile(
                path: path, line: error.source.begin.line, column: error.source.begin.column, reason: error.description)
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        // Found by hand in the text, and only for an error message.
        func line(_ key: String) -> Int? { TOMLKeyLines.line(of: key, in: lines) }
        for key in table.keys.sorted() {
            guard let value = table[key] else { continue }
            if key == "base" {
                guard let name = value.string else {
                    throw ThemeError.invalidValue(path: path, line: line(key), key: key, value: "\(value)", expected: "a theme name in quotes")
                }
                base = (name, line(key))
                continue
            }
            guard Self.tables.contains(key), let roles = value.table else {
                throw ThemeError.unknownKey(path: path, line: line(key), key: key, known: ["base"] + Self.tables.map { "[\($0)]" })
            }
            for name in roles.keys.sorted() {
                let full = key + "." + name
                guard let role = Theme.Role(rawValue: full) else {
                    let known = Theme.Role.allCases.map(\.rawValue).filter { $0.hasPrefix(key + ".") }
                    throw ThemeError.unknownKey(path: path, line: line(full), key: full, known: known)
                }
                if let setting = roles[name] { styles[role] = try Self.style(setting, key: full, path: path, line: line(full)) }
            }
        }
    }

    /// `{ fg = "cyan", bold = true }`, or a colour alone.
    private static func style(_ value: any TOMLValueConvertible, key: String, path: String, line: @autoclosure () -> Int?) throws -> Style {
        if let name = value.string {
            return Style(foreground: try colour(name, key: key, path: path, line: line()))
        }
        guard let fields = value.table else {
            throw ThemeError.invalidValue(
                path: path, line: line(), key: key, value: "\(value)", expected: "{ fg = ..., bg = ..., bold = true } or " + colourHelp)
        }
        var style = Style()
        for field in fields.keys.sorted() {
            guard let setting = fields[field] else { continue }
            let place = key + "." + field
            switch field {
            case "fg", "bg":
                guard let name = setting.string else {
                    throw ThemeError.invalidValue(path: path, line: line(), key: place, value: "\(setting)", expected: colourHelp)
                }
                let colour = try colour(name, key: place, path: path, line: line())
                if field == "fg" { style.foreground = colour } else { style.background = colour }
            case _ where attributes.contains(field):
                guard let on = setting.bool else {
                    throw ThemeError.invalidValue(path: path, line: line(), key: place, value: "\(setting)", expected: "true or false")
                }
                switch field {
                case "bold": style.bold = on
                case "dim": style.dim = on
                case "italic": style.italic = on
                case "underline": style.underline = on
                default: style.reverse = on
                }
            default:
                throw ThemeError.unknownKey(path: path, line: line(), key: place, known: ["fg", "bg"] + attributes)
            }
        }
        return style
    }

    private static let named: [String: TerminalColor] = [
        "default": .default, "black": .black, "red": .red, "green": .green, "yellow": .yellow, "blue": .blue,
        "magenta": .magenta, "cyan": .cyan, "white": .white, "bright-black": .brightBlack, "bright-red": .brightRed,
        "bright-green": .brightGreen, "bright-yellow": .brightYellow, "bright-blue": .brightBlue,
        "bright-magenta": .brightMagenta, "bright-cyan": .brightCyan, "bright-white": .brightWhite,
    ]

    static func colour(_ text: String, key: String, path: String, line: @autoclosure () -> Int?) throws -> TerminalColor {
        let name = text.lowercased()
        if let colour = named[name] { return colour }
        for prefix in ["color", "colour"] where name.hasPrefix(prefix) {
            if let index = UInt8(name.dropFirst(prefix.count)) { return .indexed(index) }
        }
        if name.hasPrefix("#"), name.count == 7, let rgb = Int(name.dropFirst(), radix: 16) {
            return .indexed(nearest256(red: rgb >> 16 & 0xFF, green: rgb >> 8 & 0xFF, blue: rgb & 0xFF))
        }
        throw ThemeError.invalidValue(path: path, line: line(), key: key, value: text, expected: colourHelp)
    }

    /// The nearest of the 256-colour palette's 6x6x6 cube and grey ramp to an RGB colour.
    static func nearest256(red: Int, green: Int, blue: Int) -> UInt8 {
        let levels = [0, 95, 135, 175, 215, 255]
        func level(_ value: Int) -> Int { levels.indices.min { abs(levels[$0] - value) < abs(levels[$1] - value) } ?? 0 }
        func distance(_ r: Int, _ g: Int, _ b: Int) -> Int { (r - red) * (r - red) + (g - green) * (g - green) + (b - blue) * (b - blue) }
        let (r, g, b) = (level(red), level(green), level(blue))
        let cube = (index: 16 + 36 * r + 6 * g + b, distance: distance(levels[r], levels[g], levels[b]))
        let average = (red + green + blue) / 3
        let step = min(max((average - 8 + 5) / 10, 0), 23)
        let grey = 8 + 10 * step
        let ramp = (index: 232 + step, distance: distance(grey, grey, grey))
        return UInt8(ramp.distance < cube.distance ? ramp.index : cube.index)
    }
}
