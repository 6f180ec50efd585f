import MCP

/// Checks a value against the parts of JSON Schema the tools' schemas use (type,
/// properties, required, additionalProperties, enum, items), so a test fails when a
/// result does not match the output schema a tool declares.
enum SchemaCheck {
    static func problems(_ value: Value, _ schema: Value, at path: String = "$") -> [String] {
        guard let schema = schema.objectValue else { return ["\(path): schema is not an object"] }
        var found: [String] = []
        if let type = schema["type"] {
            let allowed = type.stringValue.map { [$0] } ?? type.items.compactMap(\.stringValue)
            guard allowed.contains(where: { matches(value, $0) }) else {
                return ["\(path): \(value) is not \(allowed.joined(separator: " or "))"]
            }
        }
        if let choices = schema["enum"]?.arrayValue, !choices.contains(value) {
            found.append("\(path): \(value) is not one of \(choices)")
        }
        if let object = value.objectValue {
            let properties = schema["properties"]?.objectValue ?? [:]
            for name in schema["required"]?.items.compactMap(\.stringValue) ?? [] where object[name] == nil {
                found.append("\(path): lacks required \(name)")
            }
            for (name, item) in object {
                if let property = properties[name] {
                    found += problems(item, property, at: "\(path).\(name)")
                } else if schema["additionalProperties"] == .bool(false) {
                    found.append("\(path): has undeclared \(name)")
                }
            }
        }
        if let items = value.arrayValue, let itemSchema = schema["items"] {
            for (index, item) in items.enumerated() { found += problems(item, itemSchema, at: "\(path)[\(index)]") }
        }
        return found
    }

    private static func matches(_ value: Value, _ type: String) -> Bool {
        switch (type, value) {
        case ("string", .string), ("boolean", .bool), ("integer", .int), ("number", .int), ("number", .double),
             ("array", .array), ("object", .object), ("null", .null):
            return true
        default:
            return false
        }
    }
}
