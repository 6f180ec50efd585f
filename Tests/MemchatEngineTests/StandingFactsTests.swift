import Foundation
import MemchatCore
import MemchatEngine
import MemchatStore
import Testing

/// Profile and standing facts go into every request, in their own section, newest first
/// within their budget, and are recorded apart from the relevant facts.
@Suite("Standing facts in the context")
struct StandingFactsTests {
    let fixture: EngineFixture
    let clock = ManualClock(Date(timeIntervalSince1970: 1_790_000_000))

    init() throws {
        fixture = try EngineFixture()
    }

    @discardableResult
    private func add(_ text: String, kind: MemoryFact.Kind? = nil, context: Context? = nil, in memory: MemoryStore? = nil) async throws -> MemoryFact {
        clock.advance(by: 60)
        return try await (memory ?? fixture.memory).add(user: fixture.user, text: text, context: context, kind: kind).fact
    }

    /// The lexical ranking, whose choices these tests can name: they are about what
    /// happens to standing facts around whatever the ranking finds.
    static var lexical: ContextAssembler {
        var assembler = ContextAssembler()
        assembler.retrieval.mode = .lexical
        return assembler
    }

    private func assemble(_ question: String, memory: MemoryStore? = nil, assembler: ContextAssembler = lexical) async throws -> ContextAssembler.Assembled {
        let session = try await fixture.session(context: .work)
        return try await assembler.assemble(
            question: question, session: session, model: "m", store: fixture.store, memory: memory ?? fixture.memory)
    }

    @Test func standingFactsGoInEveryRequestInTheirOwnSection() async throws {
        let memory = try MemoryStore(directory: fixture.directory, clock: clock)
        let metric = try await add("I prefer metric units.", kind: .standing, in: memory)
        let sam = try await add("Call me Sam.", kind: .profile, in: memory)
        let dog = try await add("My dog is called Pixel.", kind: .other, in: memory)
        let assembled = try await assemble("how far is the moon?", memory: memory)
        let system = try #require(assembled.request.messages.first?.content)
        #expect(system.contains("\n\nAbout the user (always applies):\n- Call me Sam.\n- I prefer metric units."))
        #expect(!system.contains("Pixel"))
        #expect(assembled.contextUsed.standingFacts == [sam.id, metric.id])
        #expect(assembled.contextUsed.facts == [])

        // A question about a standing fact still does not repeat it among the relevant ones.
        let units = try await assemble("which units do I prefer? and my dog?", memory: memory)
        let prompt = try #require(units.request.messages.first?.content)
        #expect(prompt.components(separatedBy: "I prefer metric units.").count == 2)
        #expect(units.contextUsed.facts == [dog.id] && units.contextUsed.standingFacts == [sam.id, metric.id])
        #expect(prompt.contains("What you know about the user:\n- My dog is called Pixel."))
        // The recall responder quotes what bears on the question, standing or not.
        #expect(units.request.recalled.facts.map(\.id).sorted() == [metric.id, dog.id].sorted())
    }

    @Test func theBudgetSkipsWhatDoesNotFitAndKeepsSmallerOnes() async throws {
        let memory = try MemoryStore(directory: fixture.directory, clock: clock)
        let old = try await add("I prefer answers with examples.", kind: .standing, in: memory)
        let long = try await add("Always answer in French. " + String(repeating: "x", count: 900), kind: .standing, in: memory)
        let longer = try await add("I use Emacs. " + String(repeating: "y", count: 700), kind: .standing, in: memory)
        let short = try await add("I'm vegetarian.", kind: .standing, in: memory)
        let assembled = try await assemble("hello", memory: memory)
        // Newest first: short (15 characters), longer (713); long (925) would pass 1,500; old (31) still fits.
        #expect(assembled.contextUsed.standingFacts == [short.id, longer.id, old.id])
        #expect(!assembled.contextUsed.standingFacts.contains(long.id))
        var small = Self.lexical
        small.standingBudget = 20
        #expect(try await assemble("hello", memory: memory, assembler: small).contextUsed.standingFacts == [short.id])
    }

    @Test func factsWithoutAKindAreClassifiedByTheirText() async throws {
        // A file as earlier releases wrote it: no kinds.
        let file = """
            {"user": "ana", "facts": [
              {"id": "F1", "user": "ana", "context": null, "text": "My name is Noor.", "created_at": "2026-01-01T00:00:00Z"},
              {"id": "F2", "user": "ana", "context": null, "text": "I'm allergic to penicillin.", "created_at": "2026-01-02T00:00:00Z"},
              {"id": "F3", "user": "ana", "context": null, "text": "My dog is called Pixel.", "created_at": "2026-01-03T00:00:00Z"},
              {"id": "F4", "user": "ana", "context": "personal", "text": "I prefer long answers.", "created_at": "2026-01-04T00:00:00Z"},
              {"id": "F5", "user": "ana", "context": null, "text": "I'm vegetarian.", "created_at": "2026-01-05T00:00:00Z",
               "superseded_at": "2026-01-06T00:00:00Z", "superseded_by": "F1"}
            ]}
            """
        try file.write(toFile: fixture.memory.path(for: fixture.user), atomically: true, encoding: .utf8)
        let assembled = try await assemble("what should I cook tonight?")
        // Current facts of the session's context only (work): not F4, not the superseded F5.
        #expect(assembled.contextUsed.standingFacts == ["F2", "F1"])
    }

    @Test func chatEngineRecordsStandingFactsInTheAnswer() async throws {
        try await add("Please call me Sam.", kind: .profile)
        let session = try await fixture.session()
        let events = try await fixture.ask("hello there", in: session)
        let used = try #require(events.answer?.answerMetadata.contextUsed)
        #expect(used.standingFacts.count == 1 && used.facts.isEmpty)
        let reread = try await fixture.store.turns(of: session.id, page: .all).last?.answerMetadata.contextUsed
        #expect(reread == used)
    }
}
