import MCP

/// JSON Schema fragments for the tools' input and output schemas, so each tool's
/// declaration reads as a list of its fields.
enum Schema {
    /// - Parameter open: whether fields other than `properties` may appear (a format
    ///   with optional fields of its own); tool inputs are closed.
    static func object(_ properties: [String: Value], required: [String] = [], description: String? = nil, open: Bool = false) -> Value {
        var schema: [String: Value] = [
            "type": "object", "properties": .object(properties), "additionalProperties": .bool(open),
        ]
        if !required.isEmpty { schema["required"] = .array(required.sorted().map { .string($0) }) }
        if let description { schema["description"] = .string(description) }
        return .object(schema)
    }

    static func string(_ description: String, oneOf values: [String]? = nil, nullable: Bool = false) -> Value {
        var schema: [String: Value] = ["type": nullable ? ["string", "null"] : "string", "description": .string(description)]
        if let values { schema["enum"] = .array(values.map { .string($0) } + (nullable ? [.null] : [])) }
        return .object(schema)
    }

    static func integer(_ description: String, minimum: Int? = nil, maximum: Int? = nil, default value: Int? = nil) -> Value {
        var schema: [String: Value] = ["type": "integer", "description": .string(description)]
        if let minimum { schema["minimum"] = .int(minimum) }
        if let maximum { schema["maximum"] = .int(maximum) }
        if let value { schema["default"] = .int(value) }
        return .object(schema)
    }

    static func number(_ description: String) -> Value {
        ["type": "number", "description": .string(description)]
    }

    static func boolean(_ description: String, default value: Bool? = nil) -> Value {
        var schema: [String: Value] = ["type": "boolean", "description": .string(description)]
        if let value { schema["default"] = .bool(value) }
        return .object(schema)
    }

    static func array(of items: Value, _ description: String, minItems: Int? = nil, maxItems: Int? = nil) -> Value {
        var schema: [String: Value] = ["type": "array", "items": items, "description": .string(description)]
        if let minItems { schema["minItems"] = .int(minItems) }
        if let maxItems { schema["maxItems"] = .int(maxItems) }
        return .object(schema)
    }

    /// An ISO-8601 UTC time.
    static func time(_ description: String) -> Value {
        ["type": "string", "format": "date-time", "description": .string(description)]
    }

    /// The `next_cursor` every paged result carries.
    static let nextCursor = string(
        "Pass as `cursor` to get the next page; null when there is no more.", nullable: true)

    /// The `cursor` every paged tool takes.
    static let cursor = string("The `next_cursor` of the previous page of the same call; omit for the first page.")
}
