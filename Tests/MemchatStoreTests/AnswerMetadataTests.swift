import Foundation
import MemchatCore
import MemchatStore
import MemchatTestSupport
import Testing

/// Answer metadata written by the previous release (`Tests/Fixtures/previous-release`,
/// made with its `memchat ask` against a model server, the recall responder and a
/// refused port) reads through `AnswerMetadata` and writes back to the same JSON.
@Suite("Answer metadata of the previous release")
struct AnswerMetadataTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/previous-release").path

    /// A copy of the fixture store of `backend`, so the test never changes the fixture.
    static func store(_ backend: Backend, in directory: TemporaryDirectory) throws -> any SessionStore {
        let source = "\(fixtures)/\(backend)"
        let target = backend == .sqlite ? directory.path : directory.file("sessions")
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: source) {
            try FileManager.default.copyItem(atPath: "\(source)/\(name)", toPath: "\(target)/\(name)")
        }
        return try StoreFixture.open(backend, directory: directory, clock: ManualClock(Date()))
    }

    @Test(arguments: Backend.allCases) func readsAndWritesTheSameShape(backend: Backend) async throws {
        let directory = try TemporaryDirectory()
        let store = try Self.store(backend, in: directory)
        let sessions = try await store.listSessions(SessionQuery(scope: .allUsers))
        var answers: [Turn] = []
        for session in sessions {
            answers += try await store.turns(of: session.id, page: .all).filter { $0.role == .assistant }
        }
        try #require(answers.count == 3, "the fixture holds three answers")
        for answer in answers {
            #expect(answer.answerMetadata.written() == answer.metadata, "the typed form writes back the stored JSON")
            let decoded = try JSONDecoder().decode(AnswerMetadata.self, from: JSONEncoder().encode(answer.answerMetadata))
            #expect(decoded == answer.answerMetadata)
        }

        let modelAnswer = try #require(answers.first { $0.answerMetadata.provider == "openai" && $0.answerMetadata.error == nil }).answerMetadata
        #expect(modelAnswer.model == "fixture-model")
        #expect(modelAnswer.finishReason == "stop")
        #expect(modelAnswer.promptTokens == 30 && modelAnswer.completionTokens == 4)
        #expect(modelAnswer.reasoning == "The user wants a name.")
        #expect(modelAnswer.latencyMs != nil && modelAnswer.firstByteMs != nil)
        #expect(modelAnswer.contextUsed?.facts.count == 1, "the memory fact was in the prompt")
        #expect(!modelAnswer.interrupted && modelAnswer.error == nil)

        let recalled = try #require(answers.first { $0.answerMetadata.provider == "recall" }).answerMetadata
        #expect(recalled.contextUsed?.facts.count == 1)
        #expect(recalled.contextUsed?.turns.isEmpty == false, "an earlier exchange was quoted")

        let failed = try #require(answers.first { $0.answerMetadata.error != nil }).answerMetadata
        #expect(failed.finishReason == "error")
        #expect(failed.error?.lowercased().contains("connection refused") == true)
    }

    @Test func unknownKeysAreKeptAndWrongTypesReadAsAbsent() {
        let stored: Metadata = ["provider": .number(3), "interrupted": .string("yes"), "importedFrom": .string("chatgpt"), "latencyMs": .number(12)]
        let metadata = AnswerMetadata(stored)
        #expect(metadata.provider == nil && !metadata.interrupted && metadata.latencyMs == 12)
        var changed = metadata
        changed.finishReason = "stop"
        #expect(changed.written(into: ["importedFrom": .string("chatgpt")])
            == ["importedFrom": .string("chatgpt"), "latencyMs": .number(12), "finishReason": .string("stop")])
    }
}

@Suite("Standing facts in answer metadata")
struct StandingFactsMetadataTests {
    @Test func standingFactsRoundTripAndOlderMetadataReadsWithout() throws {
        let used = ContextUsed(facts: ["F1"], turns: [], sessionTurns: 2, standingFacts: ["S1", "S2"])
        let written = AnswerMetadata(contextUsed: used).written()
        #expect(AnswerMetadata(written).contextUsed == used)
        guard case .object(let object)? = written["contextUsed"] else {
            Issue.record("contextUsed is not an object")
            return
        }
        #expect(object["standingFacts"] == .array([.string("S1"), .string("S2")]))

        // As every earlier release wrote it: no standingFacts key, and none written back.
        let older: Metadata = ["contextUsed": .object(["facts": .array([.string("F1")]), "turns": .array([]), "sessionTurns": .number(2)])]
        let read = AnswerMetadata(older)
        #expect(read.contextUsed == ContextUsed(facts: ["F1"], sessionTurns: 2))
        #expect(read.written() == older)
        // A wrong type reads as none.
        let odd: Metadata = ["contextUsed": .object(["standingFacts": .string("S1")])]
        #expect(AnswerMetadata(odd).contextUsed?.standingFacts == [])
    }
}
