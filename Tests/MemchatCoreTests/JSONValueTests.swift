import Foundation
import MemchatCore
import Testing

@Suite("JSON metadata")
struct JSONValueTests {
    @Test func compactTextRoundTripsThroughJSONDecoder() throws {
        let metadata: Metadata = [
            "model": .string("gpt \"4o\"\n\t\\ / \u{1}é東京"),
            "tokens": .number(42),
            "latency": .number(0.125),
            "flags": .array([.bool(true), .bool(false), .null]),
            "nested": .object(["b": .number(-3), "a": .string("")]),
        ]
        let text = try #require(metadata.jsonText())
        #expect(text.hasPrefix("{\"flags\":[true,false,null],\"latency\":0.125,"))
        #expect(text.contains("\"nested\":{\"a\":\"\",\"b\":-3}"))
        #expect(text.contains("\\u0001"))
        let decoded = try JSONDecoder().decode([String: JSONValue].self, from: Data(text.utf8))
        #expect(decoded == metadata)
        #expect(Metadata(jsonText: text) == metadata)
    }

    @Test func emptyAndInvalid() {
        #expect(Metadata().jsonText() == nil)
        #expect(Metadata(jsonText: nil).isEmpty)
        #expect(Metadata(jsonText: "[1,2]").isEmpty)
        #expect(Metadata(jsonText: "{oops").isEmpty)
        #expect((["x": JSONValue.number(.infinity)] as Metadata).jsonText() == "{\"x\":null}")
    }
}
