import ArgumentParser
import Foundation
import MemchatCore
import MemchatTUI

/// `memchat chat`: the chat screen, as `memchat` alone opens it on a terminal, with a
/// session, context, mode or incognito chosen up front.
struct ChatCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration.withGlobalOptions(
        commandName: "chat",
        abstract: "Open the chat screen (what `memchat` alone does on a terminal).",
        discussion: """
            Without options it resumes your last session if it was active in the last 24 hours \
            (session.on_start). --session opens that session, making it active again if it was \
            ended or expired; --context and --mode switch it (or shape a new one). --theme picks \
            the colours (theme in config.toml). Needs a terminal on standard input and output.
            """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    @OptionGroup var choice: SessionChoiceOptions

    @OptionGroup var look: ThemeOptions

    @Flag(help: "Start a conversation that is neither stored nor learned from (/incognito in the chat ends it).")
    var incognito = false

    func validate() throws {
        if choice.session != nil, choice.new { throw ValidationError("use only one of --session and --new") }
        if incognito, choice.session != nil {
            throw ValidationError("--incognito starts a conversation that is not stored; it cannot open a stored session (drop --session)")
        }
    }

    func run() async throws {
        guard isatty(0) == 1, isatty(1) == 1 else {
            throw ValidationError("memchat chat needs a terminal; use `memchat ask` from scripts")
        }
        var start = ChatStart(new: choice.new, context: choice.context, mode: choice.mode, incognito: incognito)
        let runtime = try await Runtime.open(global, theme: look.theme)
        if let session = try choice.sessionID {
            // Checked before the screen opens, so a wrong id is an error on the command line.
            start.session = try await runtime.ownSession(session)
        }
        try await ChatScreen.run(runtime, start: start)
    }
}
