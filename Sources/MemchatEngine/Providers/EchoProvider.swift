import Foundation

/// Answers with the question itself, word by word: a provider for tests and demos that
/// exercises streaming without a network.
public struct EchoProvider: ChatProvider {
    public let name = "echo"
    public let model = "echo"

    public init() {}

    public func stream(_ request: ChatRequest) -> AsyncThrowingStream<StreamEvent, Error> {
        let words = request.question.split(separator: " ", omittingEmptySubsequences: false)
        return AsyncThrowingStream { continuation in
            for (index, word) in words.enumerated() {
                continuation.yield(.text(index == 0 ? String(word) : " " + word))
            }
            continuation.yield(.finished(FinishInfo(reason: "stop")))
            continuation.finish()
        }
    }
}
