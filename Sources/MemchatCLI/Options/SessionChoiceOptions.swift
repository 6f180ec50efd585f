import ArgumentParser
import MemchatCore

/// Which session a command talks in and its context and mode: shared by `ask` and `chat`.
struct SessionChoiceOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Use this session (see `memchat sessions list`).", valueName: "id"))
    var session: String?

    @Flag(help: "Start a new session.")
    var new = false

    @Option(help: ArgumentHelp(
        "Context: work, personal, creative, general or a custom name (switches an existing session, shapes a new one).",
        valueName: "name"))
    var context: String?

    @Option(help: ArgumentHelp("Mode: assistant or friend (switches an existing session, shapes a new one).", valueName: "mode"))
    var mode: String?

    /// Bad values are usage errors, reported before anything is opened.
    func validate() throws {
        if let session { do { _ = try SessionID(session) } catch { throw ValidationError("--session: \(error)") } }
        if let context { do { _ = try Context(context) } catch { throw ValidationError("--context: \(error)") } }
        if let mode { do { _ = try Mode(parsing: mode) } catch { throw ValidationError("--mode: \(error)") } }
    }

    var sessionID: SessionID? {
        get throws { try session.map(SessionID.init) }
    }

    var parsedContext: Context? {
        get throws { try context.map(Context.init) }
    }

    var parsedMode: Mode? {
        get throws { try mode.map(Mode.init(parsing:)) }
    }
}
