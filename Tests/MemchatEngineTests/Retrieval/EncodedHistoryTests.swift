import Foundation
import MemchatCore
import MemchatStore
import MemchatTestSupport
import Testing
@testable import MemchatEngine

/// History in two indexes at once: turns the encoder has not reached yet (an import,
/// found through the static table's records) and turns asked through the engine (the
/// encoder's records, written as the question is asked), read side by side by one retrieval.
@Suite("Encoded history")
struct EncodedHistoryTests {
    @Test func oldAndNewIndexRecordsAreReadTogether() async throws {
        let directory = try TemporaryDirectory(prefix: "memchat-encoded")
        let store = try SQLiteStore.open(path: directory.file("memchat.sqlite"), expirationHours: 168)
        let memory = try MemoryStore(directory: directory.path)
        let user = try UserName("ana")
        let index = SemanticTurnIndex(directory: directory.path)
        let encoded = try #require(index.encoded)

        // Asked through the engine, which keeps the question's encoder vectors.
        var engine = ChatEngine(store: store, memory: memory, provider: RecallProvider())
        engine.turnIndex = index
        let new = try await store.createSession(SessionDraft(userID: user, context: .general))
        let statement = "Could you suggest a playlist for my run? I'm training for the Berlin marathon in September."
        for try await _ in engine.ask(statement, in: new) {}
        #expect(try encoded.recordCount(user: user) == 1 + Clauses.of(statement).count)

        // Then an import, not encoded yet (the chat screen would in the background):
        // indexed by the static table only.
        let old = try await store.createSession(SessionDraft(userID: user, context: .general))
        _ = try await store.appendTurn(TurnDraft(role: .user, content: "Any tips for the food market in Porto? I'm going there in May."), to: old.id)
        _ = try await index.catchUp(store: store, user: user)
        #expect(try encoded.recordCount(user: user) == 1 + Clauses.of(statement).count)
        #expect(try await encoded.backlog(store: store, user: user) == 1)

        let retrieval = Retrieval(mode: .hybrid)
        func said(_ question: String) async throws -> [String] {
            let session = try await store.createSession(SessionDraft(userID: user, context: .general))
            let material = try await retrieval.material(for: question, session: session, store: store, memory: memory, turnIndex: index)
            return material.facts.map(\.text) + material.interactions.map(\.question.content)
        }
        #expect(try await said("Which city am I visiting in May?").contains { $0.contains("Porto") })
        #expect(try await said("What race am I preparing for?").contains { $0.contains("Berlin marathon") })
    }

    @Test func storedVectorsAreTheVectorsOfTheTextsIndexed() async throws {
        let directory = try TemporaryDirectory(prefix: "memchat-encoded")
        let index = SemanticTurnIndex.encoder(directory: directory.path)
        let store = try SQLiteStore.open(path: directory.file("memchat.sqlite"), expirationHours: 168)
        let encoder = try SentenceEncoder.shared()
        let user = try UserName("ana")
        let session = try await store.createSession(SessionDraft(userID: user, context: .general))
        let turn = try await store.appendTurn(
            TurnDraft(role: .user, content: "I moved to Leeds last month, and the boiler is broken again."), to: session.id)
        let texts = index.indexedTexts(of: turn.content)
        #expect(texts.count == 3, "the whole turn and its two clauses")
        try await index.add(turn, vectors: texts.map(encoder.encode), user: user, store: store)
        let found = try index.candidates(near: encoder.encode("Where do I live?"), user: user, limit: 5)
        #expect(found.map(\.turnID) == [turn.id])
        let stored = try #require(try index.storedVectors(of: found, user: user)[turn.id])
        #expect(stored.keys.sorted() == [0, 1, 2])
        for (record, text) in texts.enumerated() {
            #expect(Cosine.of(try #require(stored[record]), encoder.encode(text)) > 0.999)
        }
        // Vectors of another model (or another text) are refused, not stored.
        await #expect(throws: TurnIndexError.self) { try await index.add(turn, vectors: [[0.5, 0.5]], user: user, store: store) }
    }
}
