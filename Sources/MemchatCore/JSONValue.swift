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
}

/// Metadata attached to sessions and turns: a JSON object.
public typealias Metadata = [String: JSONValue]

extension Dictionary where Key == String, Value == JSONValue {
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// Compact JSON text, or nil for an empty object (stores keep NULL then).
    public func jsonText() -> String? {
        guard !isEmpty, let data = try? Self.encoder.encode(self) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// Parses stored metadata; anything that is not a JSON object reads as empty.
    public init(jsonText: String?) {
        guard let jsonText, let data = jsonText.data(using: .utf8),
              let value = try? JSONDecoder().decode([String: JSONValue].self, from: data)
        else { self = [:]; return }
        self = value
    }
}
