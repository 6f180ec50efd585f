import Foundation
import MemchatTerminal
import MemchatTestSupport
import Testing
@testable import MemchatTUI

/// Theme files: the built-in ones, a user's own, and the errors a bad one gives.
@Suite("Themes")
struct ThemeTests {
    static let themesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("themes")

    /// A fresh directory of user themes holding `files` (name -> text), removed when released.
    func userThemes(_ files: [String: String]) throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory(prefix: "memchat-themes")
        for (name, text) in files { try text.write(toFile: directory.file(name + ".toml"), atomically: true, encoding: .utf8) }
        return directory
    }

    @Test func theCompiledInThemesAreTheFilesInThemes() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.themesDirectory.path).filter { $0.hasSuffix(".toml") }
        #expect(Set(files.map { String($0.dropLast(5)) }) == Set(BuiltInThemes.declared.keys), "run scripts/embed-themes.sh")
        for file in files {
            let path = Self.themesDirectory.appendingPathComponent(file).path
            let read = try ThemeFile(text: try String(contentsOfFile: path, encoding: .utf8), path: path)
            #expect(read.base == nil, "a built-in theme sets every role itself")
            #expect(read.styles == BuiltInThemes.declared[String(file.dropLast(5))],
                    "\(file) differs from BuiltInThemes.swift: run scripts/embed-themes.sh")
        }
    }

    @Test(arguments: ["dark", "light", "high-contrast"])
    func everyBuiltInThemeReadsAndSetsEveryRoleItNeeds(name: String) throws {
        let theme = try ThemeCatalog(directory: nil).theme(named: name)
        #expect(theme.name == name)
        // Every role but the screen and plain text says how it differs.
        for role in Theme.Role.allCases where role != .screen && role != .text && role != .title {
            #expect(theme.declared[role] != nil, "\(name) leaves \(role.rawValue) out")
        }
        // Roles take the screen's colours where they set none.
        let screen = theme[.screen]
        #expect(theme[.text].background == screen.background)
    }

    @Test func theDefaultThemeIsDark() throws {
        #expect(Theme.standard.name == "dark")
        #expect(Theme.standard[.statusBar] == Style(foreground: .black, background: .cyan))
        #expect(Theme.standard[.text] == .plain)
        #expect(try ThemeCatalog(directory: nil).theme(named: "dark") == Theme.standard)
    }

    @Test func aUserThemeAddsOneAndMayRefineABuiltInOne() throws {
        let themes = try userThemes([
            "mine": "base = \"light\"\n[chat]\nuser_label = { fg = \"#ff0000\", bold = true }\n",
            "dark": "base = \"dark\"\n[chrome]\nstatus_bar = { fg = \"white\", bg = \"color22\" }\n",
        ])
        let catalog = ThemeCatalog(directory: themes.path)
        #expect(catalog.names == ["dark", "high-contrast", "light", "mine"])
        let mine = try catalog.theme(named: "mine")
        #expect(mine[.userLabel] == Style(foreground: .indexed(196), background: .indexed(255), bold: true))
        #expect(mine[.assistantLabel] == (try ThemeCatalog(directory: nil).theme(named: "light"))[.assistantLabel])
        let dark = try catalog.theme(named: "dark")
        #expect(dark[.statusBar] == Style(foreground: .white, background: .indexed(22)))
        #expect(dark[.userLabel] == Theme.standard[.userLabel])
    }

    @Test func aBadThemeFileIsAnErrorNamingTheFileAndLine() throws {
        let cases: [(String, String)] = [
            ("[chat]\nuser_label = { fg = \"cyan\" }\ntime = \"bleu\"\n", ":3: 'bleu' is not valid for chat.time; expected a colour"),
            ("[chat]\ntiem = \"red\"\n", ":2: unknown key 'chat.tiem'; known here: chat.user_label"),
            ("[chat]\nuser_label = { fg = \"red\", blink = true }\n", ":2: unknown key 'chat.user_label.blink'; known here: fg, bg, bold"),
            ("[chat]\nuser_label = { bold = \"yes\" }\n", ":2: '\"yes\"' is not valid for chat.user_label.bold; expected true or false"),
            ("[colours]\nx = 1\n", ":1: unknown key 'colours'; known here: base, [chrome]"),
            ("[chat]\nuser_label = { fg = \"red\" \n", ":2:"),
            ("base = \"nope\"\n", ":1: 'nope' is not valid for base; expected one of dark, high-contrast, light, loop, other, theme"),
            ("base = \"other\"\n", ":1: themes name each other as base: theme -> other -> theme"),
        ]
        for (text, message) in cases {
            let themes = try userThemes(["theme": text, "other": "base = \"theme\"\n", "loop": ""])
            let directory = themes.path
            let path = directory + "/theme.toml"
            let (theme, problem) = ThemeCatalog(directory: directory).choose("theme")
            #expect(theme == Theme.standard)
            let said = problem?.description ?? ""
            #expect(said.hasPrefix(path) || said.contains(directory), "\(said)")
            #expect(said.contains(message), "\(said)")
        }
    }

    @Test func anUnknownThemeNamesTheThemesThereAre() {
        let (theme, problem) = ThemeCatalog(directory: "/nonexistent").choose("solarized")
        #expect(theme == Theme.standard)
        #expect(problem?.description == "no theme named 'solarized'; themes: dark, high-contrast, light; add one as /nonexistent/solarized.toml")
    }

    @Test func hexColoursAreTheNearestOfThe256() {
        #expect(ThemeFile.nearest256(red: 255, green: 0, blue: 0) == 196)
        #expect(ThemeFile.nearest256(red: 0, green: 0, blue: 0) == 16)
        #expect(ThemeFile.nearest256(red: 128, green: 128, blue: 128) == 244)
        #expect(ThemeFile.nearest256(red: 0, green: 95, blue: 175) == 25)
    }

    @Test func aThemeComesDownToSixteenEightAndNoColours() throws {
        let light = try ThemeCatalog(directory: nil).theme(named: "light")
        let sixteen = light.reduced(toColors: 16)
        #expect(sixteen[.screen] == Style(foreground: .black, background: .brightWhite))
        #expect(sixteen[.statusBar] == Style(foreground: .brightWhite, background: .blue))
        let eight = Theme.standard.reduced(toColors: 8)
        // Grey is the default colour dimmed, never black on black; bright colours are bold.
        #expect(eight[.time] == Style(dim: true))
        #expect(eight[.code] == Style(foreground: .white, bold: true))
        let none = light.reduced(toColors: 0)
        for role in Theme.Role.allCases {
            #expect(none[role].foreground == .default && none[role].background == .default, "\(role)")
        }
        // What a background set apart is reversed instead.
        #expect(none[.statusBar].reverse && none[.selected].reverse && !none[.text].reverse && !none[.screen].reverse)
        #expect(Theme.standard.reduced(toColors: 256) == Theme.standard)
    }
}
