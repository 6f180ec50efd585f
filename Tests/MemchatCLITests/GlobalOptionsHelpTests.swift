import Foundation
import Testing

@testable import MemchatCLI

/// The global options are described once, in `memchat --help`; every subcommand still
/// takes them after its name and its help points to the root's.
@Suite("global options in help")
struct GlobalOptionsHelpTests {
    /// `--data-dir <path>` as it heads an option's line in help.
    static let optionLine = "  --data-dir <path>"

    @Test func rootHelpShowsThemOnceAndSubcommandsPointThere() async throws {
        let memchat = try MemchatProcess()
        let root = try await memchat.run(["--help"])
        #expect(root.status == 0)
        #expect(root.stdout.contains("GLOBAL OPTIONS:"))
        #expect(root.stdout.components(separatedBy: Self.optionLine).count == 2)
        for option in ["--user <name>", "--storage-type <type>", "--storage-path <path>", "--expiration-hours <hours>",
                       "--retrieval <mode>", "--no-persistence", "--config <file>"] {
            #expect(root.stdout.contains("  " + option), "\(option)")
        }

        for command in [["sessions", "list"], ["sessions", "show"], ["ask"], ["memory", "export"], ["search"], ["config"]] {
            let help = try await memchat.run(command + ["--help"])
            #expect(help.status == 0)
            #expect(!help.stdout.contains(Self.optionLine), "\(command)")
            #expect(!help.stdout.contains("--storage-type <type>"), "\(command)")
            #expect(help.stdout.contains("See `memchat --help` for the global options: --data-dir, --user,"), "\(command)")
        }
    }

    @Test func subcommandsStillTakeThem() async throws {
        let memchat = try MemchatProcess()
        let elsewhere = memchat.path("elsewhere")
        let imported = try await memchat.run(["import", MemchatProcess.sampleFile, "--data-dir", elsewhere, "--user", "bo"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let list = try await memchat.run(["sessions", "list", "--data-dir", elsewhere, "--user", "bo", "--storage-type", "sqlite", "--json"])
        #expect(list.status == 0)
        #expect(list.stdout.contains("01JBSAMPLE2HAIKURAIN"))
        #expect(try await memchat.run(["sessions", "list"]).stdout.contains("no sessions yet"))
        let config = try await memchat.run(["config", "--no-persistence", "--expiration-hours", "12", "--retrieval", "lexical"])
        #expect(config.stdout.contains("flag --expiration-hours") && config.stdout.contains("flag --retrieval"))
    }

    /// The pointer names exactly the options GlobalOptions declares.
    @Test func thePointerNamesEveryGlobalOption() {
        let declared = Self.longOptions(in: GlobalOptions.helpMessage(columns: 200)).subtracting(["--help"])
        #expect(declared.count == 8)
        #expect(Self.longOptions(in: GlobalOptions.helpPointer).subtracting(["--help"]) == declared)
    }

    static func longOptions(in text: String) -> Set<String> {
        Set(text.split(whereSeparator: { !($0.isLetter || $0 == "-") }).map(String.init).filter { $0.hasPrefix("--") && $0.count > 2 })
    }
}
