import Foundation

/// One server-sent event (the `text/event-stream` format OpenAI and Anthropic stream in).
public struct ServerSentEvent: Sendable, Hashable {
    /// The `event:` field; nil means the default "message".
    public var event: String?
    /// The `data:` lines, joined with newlines.
    public var data: String
    public var id: String?

    public init(event: String? = nil, data: String, id: String? = nil) {
        self.event = event
        self.data = data
        self.id = id
    }
}

/// Splits bytes that arrive in arbitrary chunks into lines (`\n`, `\r\n` or `\r`),
/// holding back an unfinished line until more bytes come. NDJSON (Ollama) is read with
/// this directly; SSE is built on it.
public struct LineSplitter: Sendable {
    private var pending: [UInt8] = []
    private var lastWasCarriageReturn = false

    public init() {}

    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [String] {
        var lines: [String] = []
        for byte in bytes {
            switch byte {
            case 0x0A where lastWasCarriageReturn:
                lastWasCarriageReturn = false  // the \n of a \r\n
            case 0x0A, 0x0D:
                lines.append(String(decoding: pending, as: UTF8.self))
                pending.removeAll(keepingCapacity: true)
                lastWasCarriageReturn = byte == 0x0D
            default:
                lastWasCarriageReturn = false
                pending.append(byte)
            }
        }
        return lines
    }

    /// The unfinished last line when the stream ends, if any.
    public mutating func finish() -> String? {
        defer { pending.removeAll() }
        return pending.isEmpty ? nil : String(decoding: pending, as: UTF8.self)
    }
}

/// An incremental `text/event-stream` parser following the WHATWG rules: fields until a
/// blank line dispatch an event; `:` lines are comments (keep-alives); one space after
/// the colon is dropped; unknown fields and `retry` are ignored; an event without data
/// is not dispatched.
public struct ServerSentEventParser: Sendable {
    private var lines = LineSplitter()
    private var event: String?
    private var data: [String] = []
    private var id: String?
    /// The first bytes, held until it is known whether they are a byte-order mark.
    private var head: [UInt8]? = []

    public init() {}

    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [ServerSentEvent] {
        var input = Array(bytes)
        if var held = head {
            held += input
            let mark: [UInt8] = [0xEF, 0xBB, 0xBF]
            if held.count < mark.count, mark.starts(with: held) {
                head = held
                return []
            }
            head = nil
            input = held.starts(with: mark) ? Array(held.dropFirst(mark.count)) : held
        }
        var events: [ServerSentEvent] = []
        for line in lines.feed(input) {
            if let event = process(line) { events.append(event) }
        }
        return events
    }

    /// Events still held when the stream ends (a last event without its blank line).
    public mutating func finish() -> [ServerSentEvent] {
        // Fewer bytes than a byte-order mark ever arrived: they are ordinary input.
        let held = head ?? []
        head = nil
        var events = held.isEmpty ? [] : feed(held)
        if let line = lines.finish(), let event = process(line) { events.append(event) }
        if let event = process("") { events.append(event) }
        return events
    }

    private mutating func process(_ line: String) -> ServerSentEvent? {
        if line.isEmpty {
            defer { event = nil; data = [] }
            guard !data.isEmpty else { return nil }
            return ServerSentEvent(event: event, data: data.joined(separator: "\n"), id: id)
        }
        if line.hasPrefix(":") { return nil }
        let field: Substring
        var value: Substring = ""
        if let colon = line.firstIndex(of: ":") {
            field = line[..<colon]
            value = line[line.index(after: colon)...]
            if value.hasPrefix(" ") { value = value.dropFirst() }
        } else {
            field = Substring(line)
        }
        switch field {
        case "event": event = String(value)
        case "data": data.append(String(value))
        case "id": if !value.contains("\0") { id = String(value) }
        default: break
        }
        return nil
    }
}
