import ArgumentParser
import Foundation

/// docs/cli.md: every command's help as ArgumentParser renders it, so the reference is
/// made from the commands themselves and cannot drift from them (`CLIReferenceTests`
/// fails while the file differs). Rendered at a fixed width, so it is the same on every
/// machine and terminal.
public enum CLIReference {
    public static let columns = 80

    /// The regeneration command the header and the test's failure name.
    public static let updateCommand = "MEMCHAT_UPDATE_DOCS=1 swift test --filter CLIReference"

    /// The whole document: a header saying how it is made, an index, then a section per
    /// command (the root first, then each subcommand depth first, in declaration order).
    public static func markdown() -> String {
        let commands = commands(Memchat.self, path: [])
        var parts = [
            """
            # memchat command reference

            Generated from the commands' own help (`CLIReference.markdown()` in
            `Sources/MemchatCLI/CLIReference.swift`); do not edit it by hand. After changing a
            command, regenerate it with `\(updateCommand)`.
            """,
            (["| command | what it does |", "|---|---|"] + commands.map { command in
                "| [`\(command.name)`](#\(command.name.replacingOccurrences(of: " ", with: "-"))) | \(command.type.configuration.abstract) |"
            }).joined(separator: "\n"),
        ]
        for command in commands {
            let help = Memchat.helpMessage(for: command.type, columns: columns)
            parts.append("## \(command.name)\n\n```text\n\(trimmed(help))\n```")
        }
        return parts.joined(separator: "\n\n") + "\n"
    }

    /// `memchat sessions show` and its type, for the command and everything below it.
    private static func commands(_ type: ParsableCommand.Type, path: [String]) -> [(name: String, type: ParsableCommand.Type)] {
        let path = path + [type.configuration.commandName ?? ""]
        return [(path.joined(separator: " "), type)] + type.configuration.subcommands.flatMap { commands($0, path: path) }
    }

    /// Without trailing spaces (ArgumentParser pads some lines) and trailing newlines.
    private static func trimmed(_ help: String) -> String {
        help.split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in
                var line = line
                while line.last == " " { line = line.dropLast() }
                return String(line)
            }
            .joined(separator: "\n")
            .trimmingCharacters(in: .newlines)
    }
}
