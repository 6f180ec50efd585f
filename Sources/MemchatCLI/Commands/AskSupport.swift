import ArgumentParser
import Foundation
import MemchatCore
import MemchatEngine

/// Reading the question from the arguments and stdin.
enum AskInput {
    static let materialLimit = 200_000

    static func read(words: [String]) throws -> String {
        let given = words.joined(separator: " ").trimmingCharacters(in: .whitespacesAndNewlines)
        let piped = isatty(0) == 0
        if given.isEmpty || given == "-" {
            guard piped else { throw ValidationError("give a question, or pipe one into stdin") }
            let text = try readStandardInput().trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { throw ValidationError("stdin held no question") }
            return text
        }
        guard piped else { return given }
        let material = try readStandardInput()
        guard !material.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return given }
        return given + "\n\n```\n" + material.trimmingCharacters(in: .newlines) + "\n```"
    }

    private static func readStandardInput() throws -> String {
        let data = try FileHandle.standardInput.readToEnd() ?? Data()
        guard data.count <= materialLimit else {
            throw ValidationError("stdin holds \(data.count) bytes; the limit is \(materialLimit / 1000) KB "
                + "(pipe less, e.g. through `head -c \(materialLimit)`)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ValidationError("stdin is not UTF-8 text")
        }
        return text
    }
}

/// Printing an answer as it streams, or one JSON record at the end.
struct AskOutput {
    let json: Bool

    /// What the stream delivered.
    private struct Exchange: Sendable {
        var question: Turn?
        var answer: Turn?
        var learned: [MemoryFact] = []
    }

    /// Prints the answer as it streams and returns the stored answer turn. Ctrl-C stops
    /// the answer through `control`; the events go on until the partial answer is stored.
    func stream(
        _ events: AsyncThrowingStream<EngineEvent, Error>, control: AnswerControl, session: Session
    ) async throws -> Turn? {
        let interrupt = Interrupt()
        interrupt.onInterrupt { control.stop() }
        defer { interrupt.stop() }
        var exchange = Exchange()
        for try await event in events {
            switch event {
            case .asked(let turn): exchange.question = turn
            case .learned(let facts):
                exchange.learned += facts
                if !json { for fact in facts { Console.notice("remembered: \(TextFormatting.oneLine(fact.text))") } }
            case .context, .reasoning: break
            case .text(let text): if !json { Console.write(TextFormatting.multiLine(text)) }
            case .answered(let turn): exchange.answer = turn
            }
        }
        guard let answer = exchange.answer else { return nil }
        if json {
            try Console.json(AskJSON(session: session, question: exchange.question, answer: answer, learned: exchange.learned))
        } else {
            Console.write("\n")
        }
        if answer.answerMetadata.interrupted { Console.notice("interrupted; the partial answer is stored") }
        return answer
    }

    /// A failed answer makes the command fail, after the partial answer was printed.
    static func check(_ answer: Turn?) throws {
        if let message = answer?.answerMetadata.error {
            throw RuntimeError.io("\(message)\nthe question is stored; ask again with --continue to retry")
        }
    }
}

private struct AskJSON: Encodable {
    var session: String
    var question: String?
    var answer: String
    var answerId: String
    var provider: String?
    var model: String?
    var finishReason: String?
    var learned: [String]

    init(session: Session, question: Turn?, answer: Turn, learned: [MemoryFact]) {
        self.session = session.id.rawValue
        self.question = question?.content
        self.answer = answer.content
        answerId = answer.id.rawValue
        let metadata = answer.answerMetadata
        provider = metadata.provider
        model = metadata.model
        finishReason = metadata.finishReason
        self.learned = learned.map(\.text)
    }
}
