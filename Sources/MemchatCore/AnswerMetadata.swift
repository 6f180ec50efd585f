import Foundation

/// What memchat records about an answer, kept in the assistant turn's metadata.
///
/// Turn metadata stays a free JSON object (imports bring keys of their own, and those are
/// kept); these are the keys memchat writes and reads. The stored shape is the one every
/// release has written: `{"provider": "openai", "latencyMs": 812, "contextUsed": {...}}`.
/// A value of the wrong type (a hand-edited file) reads as absent.
public struct AnswerMetadata: Hashable, Sendable, Codable {
    public var provider: String?
    public var model: String?
    /// From sending the request to the end of the answer.
    public var latencyMs: Double?
    /// From sending the request to the first text.
    public var firstByteMs: Double?
    /// The provider's reason ("stop", "length"), or "interrupted" / "error".
    public var finishReason: String?
    public var promptTokens: Int?
    public var completionTokens: Int?
    /// Stopped by the user; what arrived before is the stored content.
    public var interrupted: Bool
    /// Why the answer failed; the content holds what arrived before.
    public var error: String?
    /// The model's "thinking", kept apart from the answer.
    public var reasoning: String?
    /// Which memory facts and past turns were in the prompt.
    public var contextUsed: ContextUsed?

    public init(
        provider: String? = nil, model: String? = nil, latencyMs: Double? = nil, firstByteMs: Double? = nil,
        finishReason: String? = nil, promptTokens: Int? = nil, completionTokens: Int? = nil,
        interrupted: Bool = false, error: String? = nil, reasoning: String? = nil, contextUsed: ContextUsed? = nil
    ) {
        self.provider = provider
        self.model = model
        self.latencyMs = latencyMs
        self.firstByteMs = firstByteMs
        self.finishReason = finishReason
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.interrupted = interrupted
        self.error = error
        self.reasoning = reasoning
        self.contextUsed = contextUsed
    }

    private enum Key: String {
        case provider, model, latencyMs, firstByteMs, finishReason, promptTokens, completionTokens
        case interrupted, error, reasoning, contextUsed
    }

    /// Reads the answer's keys from a turn's metadata.
    public init(_ metadata: Metadata) {
        func string(_ key: Key) -> String? { metadata[key.rawValue]?.stringValue }
        func number(_ key: Key) -> Double? { metadata[key.rawValue]?.numberValue }
        self.init(
            provider: string(.provider), model: string(.model), latencyMs: number(.latencyMs),
            firstByteMs: number(.firstByteMs), finishReason: string(.finishReason),
            promptTokens: number(.promptTokens).map(storedCount), completionTokens: number(.completionTokens).map(storedCount),
            interrupted: metadata[Key.interrupted.rawValue] == .bool(true), error: string(.error),
            reasoning: string(.reasoning), contextUsed: metadata[Key.contextUsed.rawValue].flatMap(ContextUsed.init))
    }

    /// `metadata` with the answer's keys set (absent values removed, other keys kept).
    public func written(into metadata: Metadata = [:]) -> Metadata {
        var metadata = metadata
        func set(_ key: Key, _ value: JSONValue?) { metadata[key.rawValue] = value }
        set(.provider, provider.map(JSONValue.string))
        set(.model, model.map(JSONValue.string))
        set(.latencyMs, latencyMs.map(JSONValue.number))
        set(.firstByteMs, firstByteMs.map(JSONValue.number))
        set(.finishReason, finishReason.map(JSONValue.string))
        set(.promptTokens, promptTokens.map { .number(Double($0)) })
        set(.completionTokens, completionTokens.map { .number(Double($0)) })
        set(.interrupted, interrupted ? .bool(true) : nil)
        set(.error, error.map(JSONValue.string))
        set(.reasoning, reasoning.map(JSONValue.string))
        set(.contextUsed, contextUsed?.json)
        return metadata
    }

    /// The metadata as JSON, through the same mapping as the stores.
    public init(from decoder: Decoder) throws {
        self.init(try Metadata(from: decoder))
    }

    public func encode(to encoder: Encoder) throws {
        try written().encode(to: encoder)
    }
}

/// What the context assembler put in front of the model for an answer: memory facts by
/// id, past turns by id, and how many of the session's own turns.
public struct ContextUsed: Hashable, Sendable, Codable {
    /// The facts found relevant to the question, in the order injected.
    public var facts: [String]
    public var turns: [TurnID]
    public var sessionTurns: Int
    /// The profile and standing facts sent whatever the question, newest first; empty in
    /// metadata written before standing facts existed (the key is absent there).
    public var standingFacts: [String]

    public init(facts: [String] = [], turns: [TurnID] = [], sessionTurns: Int = 0, standingFacts: [String] = []) {
        self.facts = facts
        self.turns = turns
        self.sessionTurns = sessionTurns
        self.standingFacts = standingFacts
    }

    /// Reads the stored object; entries that are not valid ids are skipped.
    init?(_ value: JSONValue) {
        guard case .object(let object) = value else { return nil }
        func strings(_ key: String) -> [String] {
            guard case .array(let values)? = object[key] else { return [] }
            return values.compactMap(\.stringValue)
        }
        self.init(
            facts: strings("facts"), turns: strings("turns").compactMap { try? TurnID($0) },
            sessionTurns: object["sessionTurns"]?.numberValue.map(storedCount) ?? 0,
            standingFacts: strings("standingFacts"))
    }

    var json: JSONValue {
        var object: [String: JSONValue] = [
            "facts": .array(facts.map(JSONValue.string)),
            "turns": .array(turns.map { .string($0.rawValue) }),
            "sessionTurns": .number(Double(sessionTurns)),
        ]
        // Left out when empty, so answers without standing facts keep the earlier shape.
        if !standingFacts.isEmpty { object["standingFacts"] = .array(standingFacts.map(JSONValue.string)) }
        return .object(object)
    }

    public init(from decoder: Decoder) throws {
        guard let used = ContextUsed(try JSONValue(from: decoder)) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "contextUsed is not an object"))
        }
        self = used
    }

    public func encode(to encoder: Encoder) throws {
        try json.encode(to: encoder)
    }
}

/// A stored count as an Int; a count beyond Int's range (a damaged file) reads as 0.
private func storedCount(_ value: Double) -> Int {
    value.isFinite && abs(value) < 9e15 ? Int(value) : 0
}

extension Turn {
    /// The answer's metadata (empty for turns that are not answers).
    public var answerMetadata: AnswerMetadata { AnswerMetadata(metadata) }
}

extension Turn {
    /// A failed answer's content as people read it: what arrived before the failure, then
    /// what went wrong and that the question can be asked again (an empty failed answer
    /// otherwise reads as nothing at all). nil for every other turn, which reads as stored.
    /// Exports keep the stored content; this is only for showing.
    public var failureReading: String? {
        guard role == .assistant, let error = answerMetadata.error else { return nil }
        let partial = content.isEmpty ? "" : content + "\n"
        let what = content.isEmpty ? "no answer" : "answer cut short"
        return partial + "(\(what): \(error) — the request can be asked again)"
    }
}
