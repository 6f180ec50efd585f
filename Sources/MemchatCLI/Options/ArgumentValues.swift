import ArgumentParser
import MemchatCore

// The domain's values as command-line arguments. They live here, not in MemchatCore,
// which must not depend on ArgumentParser. Closed sets list their values in help and
// completions, and a bad value is a usage error (exit 2) naming the option and them.
// Names are matched ignoring case, as memchat always has.

/// A built-in context or a name of one's own: completion offers the built-in ones, any
/// valid name parses. Help texts say what is allowed (`ArgumentHelp.context`), since the
/// values cannot all be listed.
extension Context: ExpressibleByArgument {
    public init?(argument: String) {
        guard let context = try? Context(argument) else { return nil }
        self = context
    }

    public static var defaultCompletionKind: CompletionKind { .list(Context.builtIn.map(\.name)) }
}

extension Mode: ExpressibleByArgument {
    public init?(argument: String) {
        guard let mode = try? Mode(parsing: argument) else { return nil }
        self = mode
    }
}

extension SessionState: ExpressibleByArgument {
    public init?(argument: String) {
        guard let state = try? SessionState(parsing: argument) else { return nil }
        self = state
    }
}

extension StorageType: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}

extension RetrievalMode: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}

/// `profile`, `standing` or `other`.
extension MemoryFact.Kind: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}

extension ArgumentHelp {
    /// Help for a `--context` option: what it does, then the names it takes, which a bad
    /// name's error repeats.
    static func context(_ purpose: String) -> ArgumentHelp {
        ArgumentHelp(
            "\(purpose) Contexts: \(Context.builtIn.map(\.name).joined(separator: ", ")) or a name of your own "
                + "(1-32 letters, digits, - or _).",
            valueName: "name")
    }
}
