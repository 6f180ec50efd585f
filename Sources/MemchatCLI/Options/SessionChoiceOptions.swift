import ArgumentParser
import MemchatCore

/// Which session a command talks in and its context and mode: shared by `ask` and `chat`.
struct SessionChoiceOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Use this session (see `memchat sessions list`).", valueName: "id"))
    var session: String?

    @Flag(help: "Start a new session.")
    var new = false

    @Option(help: .context("Switches an existing session, shapes a new one."))
    var context: Context?

    @Option(help: ArgumentHelp("Switches an existing session, shapes a new one.", valueName: "mode"))
    var mode: Mode?

    /// A bad id is a usage error, reported before anything is opened.
    func validate() throws {
        if let session { do { _ = try SessionID(session) } catch { throw ValidationError("--session: \(error)") } }
    }

    var sessionID: SessionID? {
        get throws { try session.map(SessionID.init) }
    }
}
