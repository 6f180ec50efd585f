import MCP
import MemchatCore

/// A tool call's arguments, read by name and type. Every problem is a `ToolError` naming
/// the argument, so a model can correct its call.
struct ToolArguments {
    let tool: String
    private let values: [String: Value]

    /// Refuses arguments the tool does not declare: a misspelt `limt` would otherwise be
    /// silently ignored.
    init(tool: String, values: [String: Value]?, declared: [String]) throws(ToolError) {
        self.tool = tool
        self.values = (values ?? [:]).filter { !$0.value.isNull }
        for name in self.values.keys.sorted() where !declared.contains(name) {
            throw .unknownArgument(tool: tool, name: name, allowed: declared.sorted())
        }
    }

    func string(_ name: String) throws(ToolError) -> String? {
        guard let value = values[name] else { return nil }
        guard let text = value.stringValue else { throw Self.wrongType(name, "a string", value) }
        return text
    }

    func requiredString(_ name: String) throws(ToolError) -> String {
        guard let text = try string(name) else { throw .missingArgument(tool: tool, name: name) }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw .badArgument(name: name, problem: "is empty", fix: "give some text")
        }
        return text
    }

    func strings(_ name: String) throws(ToolError) -> [String]? {
        guard let value = values[name] else { return nil }
        guard let items = value.arrayValue else { throw Self.wrongType(name, "an array of strings", value) }
        var texts: [String] = []
        for item in items {
            guard let text = item.stringValue else { throw Self.wrongType(name, "an array of strings", value) }
            texts.append(text)
        }
        return texts
    }

    func integer(_ name: String, in range: ClosedRange<Int>, default fallback: Int) throws(ToolError) -> Int {
        guard let value = values[name] else { return fallback }
        // JSON has one number type: 20.0 is 20.
        let number = value.intValue ?? value.doubleValue.flatMap { $0 == $0.rounded() && abs($0) < 1e15 ? Int($0) : nil }
        guard let number else { throw Self.wrongType(name, "an integer", value) }
        guard range.contains(number) else {
            throw .badArgument(name: name, problem: "is \(number)", fix: "give a number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    func bool(_ name: String, default fallback: Bool) throws(ToolError) -> Bool {
        guard let value = values[name] else { return fallback }
        guard let flag = value.boolValue else { throw Self.wrongType(name, "true or false", value) }
        return flag
    }

    func sessionID(_ name: String) throws(ToolError) -> SessionID {
        try Self.sessionID(try requiredString(name), argument: name)
    }

    static func sessionID(_ text: String, argument name: String) throws(ToolError) -> SessionID {
        do {
            return try SessionID(text)
        } catch {
            throw .badArgument(name: name, problem: "is not a session id: \(error)", fix: "use an id from list_sessions or search_sessions")
        }
    }

    func context(_ name: String) throws(ToolError) -> Context? {
        guard let text = try string(name) else { return nil }
        do {
            return try Context(text)
        } catch {
            throw .badArgument(name: name, problem: "is not a context: \(error)", fix: "use work, personal, creative, general or another single word")
        }
    }

    /// One of a fixed set of words, e.g. a session state.
    func choice(_ name: String, of allowed: [String]) throws(ToolError) -> String? {
        guard let text = try string(name) else { return nil }
        guard let match = allowed.first(where: { $0 == text.lowercased() }) else {
            throw .badArgument(name: name, problem: "is '\(text)'", fix: "use one of: \(allowed.joined(separator: ", "))")
        }
        return match
    }

    private static func wrongType(_ name: String, _ expected: String, _ value: Value) -> ToolError {
        .badArgument(name: name, problem: "is \(describe(value))", fix: "give \(expected)")
    }

    private static func describe(_ value: Value) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return "the boolean \(flag)"
        case .int(let number): return "the number \(number)"
        case .double(let number): return "the number \(number)"
        case .string(let text): return "the string '\(text.prefix(40))'"
        case .data: return "binary data"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
