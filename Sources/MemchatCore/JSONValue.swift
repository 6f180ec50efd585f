import Foundation

/// Free-form JSON, as kept in session and turn metadata.
public enum JSONValue: Hashable, Sendable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value):
            // Whole numbers print without a fraction so token counts stay readable.
            if value.rounded() == value, abs(value) < 9e15 {
                try container.encode(Int64(value))
            } else {
                try container.encode(value)
            }
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var numberValue: Double? {
        if case .number(let value) = self { return value }
        return nil
    }
}

/// Metadata attached to sessions and turns: a JSON object.
public typealias Metadata = [String: JSONValue]

extension JSONValue {
    /// Compact JSON with sorted keys, written by hand: metadata is serialised for every
    /// stored turn, and JSONEncoder costs several microseconds each time.
    func write(to output: inout String) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .number(let value):
            if !value.isFinite {
                output += "null"
            } else if value.rounded() == value, abs(value) < 9e15 {
                output += String(Int64(value))
            } else {
                output += String(value)
            }
        case .string(let value): Self.writeString(value, to: &output)
        case .array(let values):
            output += "["
            for (index, value) in values.enumerated() {
                if index > 0 { output += "," }
                value.write(to: &output)
            }
            output += "]"
        case .object(let object): Self.writeObject(object, to: &output)
        }
    }

    static func writeObject(_ object: [String: JSONValue], to output: inout String) {
        output += "{"
        for (index, key) in object.keys.sorted().enumerated() {
            if index > 0 { output += "," }
            writeString(key, to: &output)
            output += ":"
            object[key]?.write(to: &output)
        }
        output += "}"
    }

    static func writeString(_ string: String, to output: inout String) {
        output += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}

extension Dictionary where Key == String, Value == JSONValue {
    /// Compact JSON text with sorted keys, or nil for an empty object (stores keep NULL then).
    public func jsonText() -> String? {
        guard !isEmpty else { return nil }
        var output = ""
        JSONValue.writeObject(self, to: &output)
        return output
    }

    /// Parses stored metadata; anything that is not a JSON object reads as empty.
    public init(jsonText: String?) {
        guard let jsonText, let data = jsonText.data(using: .utf8),
              let value = try? JSONDecoder().decode([String: JSONValue].self, from: data)
        else { self = [:]; return }
        self = value
    }
}
