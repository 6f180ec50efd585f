import Foundation
import MemchatCore
import MemchatStore
import MemchatTestSupport
import Testing
@testable import MemchatEngine

/// History as the sentence encoder's index holds it: turns asked through the engine (their
/// records written as the question is asked), turns a catch-up encoded, and turns it has
/// not reached yet (an import), found by their words meanwhile.
@Suite("Encoded history")
struct EncodedHistoryTests {
    @Test func aTurnTheEncoderHasNotReachedIsFoundByWordsThenByMeaningAndTheStaticIndexRetires() async throws {
        let directory = try TemporaryDirectory(prefix: "memchat-encoded")
        let store = try SQLiteStore.open(path: directory.file("memchat.sqlite"), expirationHours: 168)
        let memory = try MemoryStore(directory: directory.path)
        let user = try UserName("ana")
        let index = SemanticTurnIndex(directory: directory.path)
        let encoded = try #require(index.encoded)

        // An older store's static records, as releases before the encoder kept them.
        let old = try await store.createSession(SessionDraft(userID: user, context: .general))
        _ = try await store.appendTurn(TurnDraft(role: .user, content: "Any tips for the food market in Porto? I'm going there in May."), to: old.id)
        _ = try await index.catchUp(store: store, user: user)
        #expect(try index.recordCount(user: user) == 1)

        // Asked through the engine: behind the backlog, so left for the catch-up, and
        // nothing is added to the static table's index any more.
        var engine = ChatEngine(store: store, memory: memory, provider: RecallProvider())
        engine.turnIndex = index
        let new = try await store.createSession(SessionDraft(userID: user, context: .general))
        let statement = "Could you suggest a playlist for my run? I'm training for the Berlin marathon in September."
        for try await _ in engine.ask(statement, in: new) {}
        #expect(try encoded.recordCount(user: user) == 0)
        #expect(try index.recordCount(user: user) == 1)
        #expect(try await encoded.backlog(store: store, user: user) == 2)

        let retrieval = Retrieval(mode: .hybrid)
        func said(_ question: String) async throws -> [String] {
            let session = try await store.createSession(SessionDraft(userID: user, context: .general))
            let material = try await retrieval.material(for: question, session: session, store: store, memory: memory, turnIndex: index)
            return material.facts.map(\.text) + material.interactions.map(\.question.content)
        }
        // Not encoded yet: found by its words, then encoded for the question.
        #expect(try await said("Any advice for the food market?").contains { $0.contains("Porto") })

        // Encoded (as the chat screen does in the background): found by meaning, and the
        // static table's files are gone.
        let report = try #require(try await index.catchUpEverything(store: store, user: user))
        #expect(report.isComplete && report.turnsRead == 2)
        #expect(!FileManager.default.fileExists(atPath: index.paths(for: user).codes))
        #expect(try await said("Which city am I visiting in May?").contains { $0.contains("Porto") })
        #expect(try await said("What race am I preparing for?").contains { $0.contains("Berlin marathon") })

        // Caught up, a question goes into the encoder's index as it is asked.
        for try await _ in engine.ask("I start a new job at the bakery in June.", in: new) {}
        #expect(try await encoded.backlog(store: store, user: user) == 0)
        #expect(try await said("Where am I going to work?").contains { $0.contains("bakery") })
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
        try await index.add(turn, vectors: texts.map { encoder.encode($0) }, user: user, store: store)
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
