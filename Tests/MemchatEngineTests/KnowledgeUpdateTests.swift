import Foundation
import MemchatCore
@testable import MemchatEngine
import MemchatStore
import Testing

/// A new value for the same subject replaces the old fact, which stays in the file with
/// its dates: by key when the rules read the same subject, by embedding when the words
/// differ. Real memory files in temporary directories.
@Suite("Knowledge updates")
struct KnowledgeUpdateTests {
    /// Checks that `new` replaced `old` and both are in the file.
    private func expectSuperseded(_ old: MemoryFact, by new: MemoryFact, in fixture: LearningFixture) async throws {
        #expect(try await fixture.facts().map(\.id) == [new.id])
        let reopened = try MemoryStore(directory: fixture.memory.directory, clock: fixture.clock)
        let history = try await reopened.facts(user: fixture.ana, includeSuperseded: true)
        let stored = try #require(history.first { $0.id == old.id })
        #expect(stored.text == old.text && stored.createdAt == old.createdAt)
        #expect(stored.supersededBy == new.id && stored.supersededAt == new.createdAt)
    }

    /// Learns `first`, then `second`, expects the second's fact to replace the first's,
    /// and returns it.
    @discardableResult
    private func expectReplaced(_ first: String, then second: String, in fixture: LearningFixture) async throws -> MemoryFact {
        let old = try #require(try await fixture.learn(first, turn: "t1").first, "\(first)")
        let new = try #require(try await fixture.learn(second, turn: "t2").first, "\(second)")
        try await expectSuperseded(old, by: new, in: fixture)
        return new
    }

    @Test func aNewDateForAnEventReplacesTheOld() async throws {
        let fixture = try LearningFixture()
        let monday = try await expectReplaced(
            "The Delta review is on Wednesday.", then: "Update: the Delta review moved to Monday.", in: fixture)
        #expect(monday.text == "The Delta review moved to Monday.")
        // Another event is another fact.
        try await fixture.learn("The Orion review is on Friday.", turn: "t3")
        #expect(try await fixture.facts().count == 2)
    }

    @Test func otherWordingsOfTheSameSubjectReplaceByKey() async throws {
        let pairs = [
            ("My accountant is Rahul.", "My accountant is now Priya."),
            ("My dentist appointment is on the 14th.", "The dentist appointment got pushed to the 21st."),
            ("I live in Lyon.", "I moved to Berlin in October."),
            ("My daughter Mia is 7.", "My daughter Mia is 8 years old."),
            ("I own two cats.", "I own three cats now."),
            ("Always answer in French.", "From now on, reply in English."),
        ]
        for (first, second) in pairs {
            try await expectReplaced(first, then: second, in: try LearningFixture())
        }
    }

    @Test func theSameSubjectInOtherWordsIsFoundByEmbedding() async throws {
        let new = try await expectReplaced(
            "The Delta review is on Wednesday.", then: "The Delta design review moved to Monday.", in: try LearningFixture())
        #expect(new.text == "The Delta design review moved to Monday.")
        try await expectReplaced(
            "My dentist appointment is on the 14th.", then: "My dental appointment got pushed to the 21st.",
            in: try LearningFixture())

        // Without the embedding files, only keys decide: both stay.
        let offline = try LearningFixture()
        try await offline.learn("The Delta review is on Wednesday.", turn: "t1")
        let extractor = MemoryExtractor(sameSubject: SameSubject(embedder: nil))
        let turn = Turn(id: try TurnID("t2"), sessionID: offline.session, seq: 0, role: .user,
                        content: "The Delta design review moved to Monday.", createdAt: offline.clock.now())
        _ = try await extractor.learn(from: turn, user: offline.ana, context: .work, memory: offline.memory)
        #expect(try await offline.facts().count == 2)
    }

    @Test func closeButDifferentSubjectsBothStay() async throws {
        let fixture = try LearningFixture()
        for (index, text) in [
            "The Delta review is on Wednesday.", "The Orion review is on Monday.", "The Delta launch is on Friday.",
            "My dentist appointment is on the 14th.", "My doctor appointment is on the 21st.", "My accountant is Rahul.",
            "My manager is Priya.", "I'm allergic to penicillin.", "I'm allergic to peanuts.", "I use Emacs.", "I use Git.",
            "My sister Inès collects old vinyl.", "My sister Inès lives in Paris.",
        ].enumerated() {
            #expect(try await fixture.learn(text, turn: "t\(index)").count == 1, "\(text)")
        }
        #expect(try await fixture.facts().count == 13)
        #expect(try await fixture.facts(all: true).count == 13)
    }

    @Test func aShorterValueRestatesTheFact() async throws {
        let fixture = try LearningFixture()
        let full = try #require(try await fixture.learn("My manager is Priya Sharma.", turn: "t1").first)
        #expect(try await fixture.learn("My manager is Priya.", turn: "t2") == [])
        #expect(try await fixture.facts().map(\.id) == [full.id])
    }

    @Test func learnedFactsCarryTheirKind() async throws {
        let fixture = try LearningFixture()
        let learned = try await fixture.learn(
            "Hi, I'm Noor. I prefer metric units. My sister Inès collects old vinyl.", turn: "t1", context: nil)
        #expect(learned.map(\.kind) == [.profile, .standing, .other])
        let json = String(decoding: FileManager.default.contents(atPath: fixture.memory.path(for: fixture.ana)) ?? Data(), as: UTF8.self)
        #expect(json.contains("\"kind\" : \"profile\"") && json.contains("\"kind\" : \"standing\""))
    }

    @Test func aKindTheUserChoseIsKeptByTheReplacement() async throws {
        let fixture = try LearningFixture()
        let rahul = try #require(try await fixture.learn("My accountant is Rahul.", turn: "t1").first)
        _ = try await fixture.memory.setKind(user: fixture.ana, idOrText: rahul.id, kind: .standing)
        let priya = try #require(try await fixture.learn("My accountant is now Priya.", turn: "t2").first)
        #expect(priya.kind == .standing)
        // A kind the rules gave is not carried over as a choice.
        let tea = try #require(try await fixture.learn("I prefer tea over coffee.", turn: "t3").first)
        #expect(tea.kind == .standing)
        let coffee = try #require(try await fixture.learn("I prefer coffee to tea.", turn: "t4").first)
        #expect(coffee.kind == .standing)
    }
}
