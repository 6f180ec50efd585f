import Foundation
import MemchatEngine
import Testing

@Suite("Server-sent events")
struct ServerSentEventTests {
    /// Feeds `text` in pieces of every size from 1 byte to all of it; the events must
    /// not depend on how the bytes were split across reads.
    func parseInEveryChunking(_ text: String) -> [[ServerSentEvent]] {
        let bytes = Array(text.utf8)
        return (1...max(bytes.count, 1)).map { size in
            var parser = ServerSentEventParser()
            var events: [ServerSentEvent] = []
            var start = 0
            while start < bytes.count {
                events += parser.feed(bytes[start..<min(start + size, bytes.count)])
                start += size
            }
            return events + parser.finish()
        }
    }

    @Test func openAIStyleStreamSplitAnywhere() {
        let stream = """
            : keep-alive\n\ndata: {"choices":[{"delta":{"content":"Hel"}}]}\n\n\
            data: {"choices":[{"delta":{"content":"lo é東京"}}]}\r\n\r\n\
            data: [DONE]\n\n
            """
        let expected = [
            ServerSentEvent(data: #"{"choices":[{"delta":{"content":"Hel"}}]}"#),
            ServerSentEvent(data: #"{"choices":[{"delta":{"content":"lo é東京"}}]}"#),
            ServerSentEvent(data: "[DONE]"),
        ]
        for events in parseInEveryChunking(stream) { #expect(events == expected) }
    }

    @Test func anthropicStyleNamedEventsAndMultiLineData() {
        let stream = "event: message_start\ndata: {\"type\":\"message_start\"}\n\n"
            + "event: content_block_delta\ndata: line one\ndata:line two\nid: 7\nretry: 100\nunknown: x\n\n"
            + "event: ping\n\n"
            + "\u{FEFF}event: message_stop\ndata: {}"
        let events = parseInEveryChunking("\u{FEFF}" + stream).first ?? []
        #expect(events.map(\.event) == ["message_start", "content_block_delta", nil])
        #expect(events[1].data == "line one\nline two")
        #expect(events[1].id == "7")
        // A second BOM later in the stream is data, not skipped; the last event without
        // a blank line is still delivered at the end.
        #expect(events.count == 3)
        let tail = parseInEveryChunking("event: message_stop\ndata: {}").first ?? []
        #expect(tail == [ServerSentEvent(event: "message_stop", data: "{}")])
    }

    @Test func ndjsonLines() {
        var splitter = LineSplitter()
        var lines = splitter.feed(Array("{\"a\":1}\n{\"b\"".utf8))
        lines += splitter.feed(Array(":2}\r\n{\"c\":3}".utf8))
        #expect(lines == ["{\"a\":1}", "{\"b\":2}"])
        #expect(splitter.finish() == "{\"c\":3}")
        #expect(splitter.finish() == nil)
    }
}

@Suite("Server-sent events, short streams")
struct ServerSentEventShortStreamTests {
    @Test func aStreamShorterThanAByteOrderMarkIsStillRead() {
        var parser = ServerSentEventParser()
        #expect(parser.feed(Array("da".utf8)).isEmpty)
        #expect(parser.finish() == [])
        var other = ServerSentEventParser()
        #expect(other.feed(Array("d".utf8)).isEmpty)
        #expect(other.feed(Array("ata: x\n\n".utf8)) == [ServerSentEvent(data: "x")])
    }
}
