import Foundation
import MCP
import MemchatCore

/// A tool's result: the same JSON as `structuredContent` and as text (for clients that
/// read only text), with snake_case keys and ISO-8601 UTC times.
enum ToolOutput {
    static func result<Output: Encodable>(_ output: Output) throws -> CallTool.Result {
        let data = try encoder.encode(output)
        let structured = try JSONDecoder().decode(Value.self, from: data)
        return CallTool.Result(
            content: [.text(text: String(decoding: data, as: UTF8.self), annotations: nil, _meta: nil)],
            structuredContent: Value?.some(structured), isError: false)
    }

    static func failure(_ error: ToolError) -> CallTool.Result {
        CallTool.Result(content: [.text(text: error.message, annotations: nil, _meta: nil)], isError: true)
    }

    /// The length of `value`'s JSON, for fitting a page.
    static func characters<Item: Encodable>(_ value: Item) -> Int {
        (try? encoder.encode(value).count) ?? 0
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.format(date))
        }
        return encoder
    }()
}
