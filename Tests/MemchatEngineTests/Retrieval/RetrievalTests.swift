import Foundation
import MemchatCore
import MemchatStore
import Testing
@testable import MemchatEngine

/// `Retrieval` on both session backends, with real files: what each question is given.
@Suite("Retrieval")
struct RetrievalTests {
    enum Backend: String, CaseIterable { case sqlite, file }

    /// A data directory holding a store of `backend` and the memory file, and the user's
    /// statements each told in a session of its own through the engine (so facts are learned).
    final class Told: @unchecked Sendable {
        let directory: String
        let store: any SessionStore
        let memory: MemoryStore
        let user: UserName

        init(_ backend: Backend) throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("memchat-retrieval-\(UUID().uuidString)").path
            switch backend {
            case .sqlite: store = try SQLiteStore.open(path: directory + "/memchat.sqlite", expirationHours: 168)
            case .file: store = try JSONFileStore(directory: directory + "/sessions", expirationHours: 168)
            }
            memory = try MemoryStore(directory: directory)
            user = try UserName("ana")
        }

        deinit { try? FileManager.default.removeItem(atPath: directory) }

        func tell(_ statements: [String]) async throws {
            let engine = ChatEngine(store: store, memory: memory, provider: RecallProvider())
            for statement in statements {
                let session = try await store.createSession(SessionDraft(userID: user, context: .general))
                for try await _ in engine.ask(statement, in: session) {}
            }
        }

        /// What a question asked in a new session is given, as texts: facts, then past questions.
        /// - Parameter indexed: with the semantic turn index caught up, as `memchat ask` has it.
        func given(_ question: String, mode: RetrievalMode = .hybrid, indexed: Bool = false) async throws -> (facts: [String], said: [String]) {
            var turnIndex: SemanticTurnIndex?
            if indexed {
                let index = SemanticTurnIndex(directory: directory)
                _ = try await index.catchUp(store: store, user: user)
                turnIndex = index
            }
            let session = try await store.createSession(SessionDraft(userID: user, context: .general))
            let material = try await Retrieval(mode: mode).material(
                for: question, session: session, store: store, memory: memory, turnIndex: turnIndex)
            return (material.facts.map(\.text), material.interactions.map(\.question.content))
        }
    }

    @Test(arguments: Backend.allCases)
    func aParaphrasedQuestionFindsWhatWasToldInAnotherSession(_ backend: Backend) async throws {
        let told = try Told(backend)
        try await told.tell([
            "I'm allergic to penicillin.", "My neighbour is allergic to peanuts.",
            "Any gift ideas? My sister Inès collects old vinyl.", "How do I reverse a linked list in Python?",
            "Write a haiku about autumn rain.",
        ])
        let medicines = try await told.given("Are there medicines I shouldn't take?")
        #expect(medicines.facts + medicines.said == ["I'm allergic to penicillin."])
        let sister = try await told.given("What does my sister collect?")
        // Learned as a fact, which stands for the turn it was said in.
        #expect(sister.facts.contains("My sister Inès collects old vinyl.")
            || sister.said.contains("Any gift ideas? My sister Inès collects old vinyl."), "\(sister)")
        #expect(!(sister.facts + sister.said).contains("My neighbour is allergic to peanuts."))

        // The baseline finds neither paraphrase.
        let lexical = try await told.given("Are there medicines I shouldn't take?", mode: .lexical)
        #expect(lexical.facts.isEmpty && lexical.said.isEmpty)
    }

    @Test(arguments: Backend.allCases)
    func whatNoOneToldIsNotFound(_ backend: Backend) async throws {
        let told = try Told(backend)
        try await told.tell(["My colleague's blood type is O negative.", "How do I center a div with CSS grid?", "I ride a Vespa to work."])
        let given = try await told.given("What is my blood type?")
        #expect(given.facts.isEmpty && given.said.isEmpty)
    }

    @Test(arguments: Backend.allCases)
    func whatWasToldInAnotherSessionUnderTheSameNameComesWithWhatWasFound(_ backend: Backend) async throws {
        let told = try Told(backend)
        try await told.tell([
            "My team owns the Falcon ingestion pipeline.", "Falcon runs on Kubernetes in the Frankfurt region.",
            "My colleague's Falcon pipeline runs on bare metal.", "How do I reverse a linked list in Python?",
        ])
        let given = try await told.given("Where does the pipeline my team owns run?", indexed: true)
        let texts = given.facts + given.said
        #expect(texts.contains("My team owns the Falcon ingestion pipeline."), "\(given)")
        #expect(texts.contains("Falcon runs on Kubernetes in the Frankfurt region."), "\(given)")
        // The same name said of someone else is not tied in.
        #expect(!texts.contains("My colleague's Falcon pipeline runs on bare metal."))
    }

    @Test(arguments: Backend.allCases)
    func whatIsTiedByANameToTheBestTextComesRightAfterIt(_ backend: Backend) async throws {
        let told = try Told(backend)
        let first = "I'm writing a novel called Salt Roads."
        let second = "Salt Roads is at about 60,000 words now."
        try await told.tell([
            first, second, "I write best in the early morning.", "I keep a notebook of story ideas.",
            "I'm reading a long novel about a lighthouse.", "I finished a short story last month.",
        ])
        let given = try await told.given("How long is the book I'm writing so far?", indexed: true)
        let texts = given.facts + given.said
        let at = try #require(texts.firstIndex(of: first), "\(given)")
        // Too far from the question alone to outrank the other writing texts, it follows
        // the text it completes.
        #expect(texts.dropFirst(at + 1).first == second || given.said.first == second, "\(given)")
    }

    @Test(arguments: Backend.allCases)
    func aFactStandsForTheTurnItWasLearnedFromAndAReplacedOneIsNotQuoted(_ backend: Backend) async throws {
        let told = try Told(backend)
        try await told.tell(["My manager is Tom.", "My manager is Priya."])
        let given = try await told.given("Who is my manager?")
        #expect(given.facts == ["My manager is Priya."])
        // Neither turn is quoted: one is the fact, the other says what is no longer true.
        #expect(given.said.isEmpty)
    }
}

/// The fact vector cache beside the memory file.
@Suite("Fact vector file")
struct FactVectorFileTests {
    @Test func rankingSavesTheFactVectorsAndForgettingDeletesThem() async throws {
        let told = try RetrievalTests.Told(.sqlite)
        try await told.tell(["I'm allergic to penicillin.", "My accountant is Rahul."])
        let path = told.memory.vectorsPath(for: told.user)
        // Each question embeds the facts that may answer it; the file gathers them.
        _ = try await told.given("Are there medicines I shouldn't take?")
        _ = try await told.given("Who does my taxes?")
        // Saved by the model hybrid retrieval ranks with: the sentence encoder.
        let embedder = try SentenceEncoder.shared()
        let saved = FactVectorFile.read(path, dimensions: embedder.dimensions, table: embedder.fingerprint)
        let facts = try await told.memory.facts(user: told.user)
        #expect(saved.count == facts.count)
        for fact in facts {
            let vector = try #require(saved[SentenceVectors.key(of: fact.text)])
            #expect(Cosine.of(vector, embedder.embed(fact.text)) > 0.999)
        }
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect(attributes[.posixPermissions] as? Int == 0o600)

        _ = try await told.memory.forget(user: told.user, idOrText: "penicillin")
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aDamagedOrForeignFileReadsAsEmpty() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("memchat-vectors-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/memory_ana.vectors"
        FactVectorFile.write([7: [Float](repeating: 0.5, count: 4)], dimensions: 4, table: 42, to: path)
        #expect(FactVectorFile.read(path, dimensions: 4, table: 42)[7]?.count == 4)
        #expect(FactVectorFile.read(path, dimensions: 8, table: 42).isEmpty)
        #expect(FactVectorFile.read(path, dimensions: 4, table: 43).isEmpty, "vectors of another embedding table")
        var data = try Data(contentsOf: URL(fileURLWithPath: path))
        data.removeLast(3)
        try data.write(to: URL(fileURLWithPath: path))
        #expect(FactVectorFile.read(path, dimensions: 4, table: 42).isEmpty)
        try Data("not vectors".utf8).write(to: URL(fileURLWithPath: path))
        #expect(FactVectorFile.read(path, dimensions: 4, table: 42).isEmpty)
    }
}
