import Foundation
import MemchatCore
import Testing
@testable import MemchatCLI

/// `theme` (config.toml), `MEMCHAT_THEME` and `--theme`, and what the chat screen does with
/// a name no theme has or a theme file with a mistake.
@Suite("Theme configuration")
struct ThemeConfigurationTests {
    let sandbox: ConfigurationLoaderSandbox

    init() throws {
        sandbox = try ConfigurationLoaderSandbox()
    }

    @Test func darkIsTheDefaultAndFileThenEnvironmentThenFlagChoose() throws {
        let defaults = try sandbox.loader().load(flags: ConfigurationFlags())
        #expect(defaults.theme == "dark")
        #expect(defaults.sources["theme"] == .defaultValue)
        #expect(defaults.themesDirectory?.hasSuffix("memchat/themes") == true)

        let path = try sandbox.write("user = \"ana\"\ntheme = \"light\"\n")
        let fromFile = try sandbox.loader().load(flags: ConfigurationFlags())
        #expect(fromFile.theme == "light")
        #expect(fromFile.sources["theme"] == .file(path: path, line: 2))
        #expect(try ChatScreen.theme(fromFile).0.name == "light")

        let fromEnvironment = try sandbox.loader(["MEMCHAT_THEME": "high-contrast"]).load(flags: ConfigurationFlags())
        #expect(fromEnvironment.theme == "high-contrast")

        var flags = ConfigurationFlags()
        flags.theme = "dark"
        let fromFlag = try sandbox.loader(["MEMCHAT_THEME": "light"]).load(flags: flags)
        #expect(fromFlag.theme == "dark")
        #expect(fromFlag.sources["theme"] == .flag("--theme"))
    }

    @Test func aNameNoThemeHasIsAnErrorSayingWhereItWasSet() throws {
        let path = try sandbox.write("user = \"ana\"\ntheme = \"solarised\"\n")
        let configuration = try sandbox.loader().load(flags: ConfigurationFlags())
        #expect(throws: ConfigurationError.self) { try ChatScreen.theme(configuration) }
        do {
            _ = try ChatScreen.theme(configuration)
        } catch {
            #expect("\(error)".hasPrefix("\(path):2: 'solarised' is not valid; expected a theme: dark, high-contrast, light"), "\(error)")
        }
    }

    @Test func aThemeFileWithAMistakeGivesTheDefaultAndSaysWhere() throws {
        var configuration = try sandbox.loader(["MEMCHAT_THEME": "mine"]).load(flags: ConfigurationFlags())
        let directory = try #require(configuration.themesDirectory)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try "[code]\nkeyword = { fg = 12 }\n".write(toFile: directory + "/mine.toml", atomically: true, encoding: .utf8)
        let (theme, problem) = try ChatScreen.theme(configuration)
        #expect(theme.name == "dark")
        #expect(problem == "\(directory)/mine.toml:2: '12' is not valid for code.keyword.fg; expected a colour: default, black, red, green, "
            + "yellow, blue, magenta, cyan, white, bright-<colour>, color0 to color255, or \"#rrggbb\"; using the dark theme")
        configuration.theme = "light"
        #expect(try ChatScreen.theme(configuration).1 == nil)
    }
}
