import Foundation
import MemchatTerminal

/// The themes there are: the built-in ones (themes/*.toml, compiled in as `BuiltInThemes`,
/// so starting in one reads no file) and the user's own `NAME.toml` files in `directory`,
/// which add themes or replace a built-in one of the same name.
public struct ThemeCatalog: Sendable {
    public static let defaultName = "dark"

    /// Where the user's themes are (`$XDG_CONFIG_HOME/memchat/themes`); nil for the
    /// built-in ones only.
    public let directory: String?

    public init(directory: String?) {
        self.directory = directory
    }

    /// Every theme's name, sorted.
    public var names: [String] {
        Set(BuiltInThemes.declared.keys).union(userNames).sorted()
    }

    private var userNames: [String] {
        guard let directory, let files = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        return files.filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(".toml".count)) }
    }

    /// The theme called `name`, with the roles its file leaves out taken from its `base`.
    public func theme(named name: String) throws -> Theme {
        try theme(named: name, chain: [])
    }

    /// The theme asked for; when it cannot be used, the built-in default and why not.
    public func choose(_ name: String) -> (theme: Theme, problem: ThemeError?) {
        do {
            return (try theme(named: name), nil)
        } catch {
            return (.standard, error as? ThemeError ?? .unreadableFile(path: name, reason: "\(error)"))
        }
    }

    private func theme(named name: String, chain: [String]) throws -> Theme {
        guard let (text, path) = try userFile(named: name) else {
            guard let declared = BuiltInThemes.declared[name] else {
                throw ThemeError.unknownTheme(name: name, known: names, directory: directory)
            }
            return Theme(name: name, declared: declared)
        }
        let file = try ThemeFile(text: text, path: path)
        var declared: [Theme.Role: Style] = [:]
        if let base = file.base {
            if chain.contains(base.name) {
                throw ThemeError.baseCycle(path: path, line: base.line, chain: chain + [name, base.name])
            }
            // A user's file may refine the built-in theme it replaces: `base` is then the built-in one.
            let catalog = base.name == name ? ThemeCatalog(directory: nil) : self
            do {
                declared = try catalog.theme(named: base.name, chain: chain + [name]).declared
            } catch ThemeError.unknownTheme(_, let known, _) {
                throw ThemeError.invalidValue(
                    path: path, line: base.line, key: "base", value: base.name, expected: "one of " + known.joined(separator: ", "))
            }
        }
        declared.merge(file.styles) { $1 }
        return Theme(name: name, declared: declared)
    }

    /// The text and path of the user's theme file called `name`, if there is one.
    private func userFile(named name: String) throws -> (text: String, path: String)? {
        guard let directory, !name.contains("/"), !name.isEmpty else { return nil }
        let path = (directory as NSString).appendingPathComponent(name + ".toml")
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ThemeError.unreadableFile(path: path, reason: "permission denied or not a regular file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ThemeError.unreadableFile(path: path, reason: "not UTF-8 text")
        }
        return (text, path)
    }
}

extension Theme {
    /// The built-in default theme. Tests check it is there, so the plain fallback is never
    /// drawn with.
    public static let standard: Theme = (try? ThemeCatalog(directory: nil).theme(named: ThemeCatalog.defaultName))
        ?? Theme(name: ThemeCatalog.defaultName, declared: [:])
}
