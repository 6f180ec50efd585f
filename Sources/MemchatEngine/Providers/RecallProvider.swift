import Foundation
import MemchatCore

/// The offline responder used when no model is configured: it answers from the user's
/// own memory and history (found by the context assembler), clearly labelled as
/// recalled rather than generated, and says so plainly when nothing matches.
public struct RecallProvider: ChatProvider {
    public let name = "recall"
    public let model = "recall"
    /// Dates are shown in this time zone (the user's).
    public var timeZone: TimeZone

    public init(timeZone: TimeZone = .current) {
        self.timeZone = timeZone
    }

    public func stream(_ request: ChatRequest) -> AsyncThrowingStream<StreamEvent, Error> {
        let answer = compose(request)
        return AsyncThrowingStream { continuation in
            for line in answer.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                continuation.yield(.text(line.offset == 0 ? String(line.element) : "\n" + line.element))
            }
            continuation.yield(.finished(FinishInfo(reason: "stop")))
            continuation.finish()
        }
    }

    func compose(_ request: ChatRequest) -> String {
        let material = request.recalled
        guard !material.facts.isEmpty || !material.interactions.isEmpty else {
            return "[recalled, not generated] I found nothing in your memory or earlier conversations about "
                + "\"\(oneLine(request.question, limit: 80))\". No model is configured, so memchat can only recall "
                + "what you told it or asked before."
        }
        var lines = ["[recalled from your own history, not generated]"]
        if !material.facts.isEmpty {
            lines.append("From your memory:")
            lines += material.facts.map { "  • \(oneLine($0.text, limit: 200))" }
        }
        for interaction in material.interactions {
            lines.append(Quotation.labelled(
                "On \(day(interaction.question.createdAt)) (\(interaction.context)) you said",
                interaction.question.content, limit: 300))
            if let answer = interaction.answer, !answer.content.isEmpty {
                lines.append(Quotation.labelled("The answer then was", answer.content, limit: 600))
            }
        }
        return lines.joined(separator: "\n")
    }

    private func day(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    private func oneLine(_ text: String, limit: Int) -> String {
        let flat = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return flat.count > limit ? String(flat.prefix(limit - 1)) + "…" : flat
    }
}
