import Foundation
import MemchatCore
import MemchatStore
import Testing

/// A fact's kind in `memory_<user>.json`: written when known, absent (or unknown) read as
/// not set, kept through restatements and handed to the fact that replaces it.
@Suite("Memory fact kinds")
struct MemoryKindTests {
    @Test func aKindIsStoredAndReadBack() async throws {
        let memory = try MemoryFixture()
        let metric = try await memory.store.add(user: memory.ana, text: "I prefer metric units", context: nil, kind: .standing).fact
        let plain = try await memory.add("The door code is 4521")
        #expect(metric.kind == .standing && plain.kind == nil)
        let json = memory.contents(memory.file)
        #expect(json.contains("\"kind\" : \"standing\""))
        // One "kind" for the fact; the other is the source's.
        #expect(json.components(separatedBy: "\"kind\" : \"explicit\"").count == 3)
        let reopened = try MemoryStore(directory: memory.directory.path, clock: memory.clock)
        #expect(try await reopened.facts(user: memory.ana).map(\.kind) == [.standing, nil])
    }

    @Test func anOlderFileWithoutKindsAndAnUnknownKindReadAsNotSet() async throws {
        let memory = try MemoryFixture()
        let file = """
            {"user": "ana", "facts": [
              {"id": "F1", "user": "ana", "context": null, "text": "My name is Noor.", "created_at": "2026-01-01T00:00:00Z"},
              {"id": "F2", "user": "ana", "context": null, "text": "I use Emacs.", "created_at": "2026-01-01T00:00:00Z",
               "kind": "sometimes"},
              {"id": "F3", "user": "ana", "context": null, "text": "Call me Sam.", "created_at": "2026-01-01T00:00:00Z",
               "kind": "profile"}
            ]}
            """
        try file.write(toFile: memory.file, atomically: true, encoding: .utf8)
        #expect(try await memory.facts().map(\.kind) == [nil, nil, .profile])
        #expect(await memory.store.recoveryReports().isEmpty, "not counted as damage")
    }

    @Test func setKindChangesOnlyTheKind() async throws {
        let memory = try MemoryFixture()
        let fact = try await memory.add("My accountant is Rahul")
        memory.clock.advance(by: 60)
        let changed = try await memory.store.setKind(user: memory.ana, idOrText: " \(fact.id) ", kind: .standing)
        var expected = fact
        expected.kind = .standing
        #expect(changed == expected)
        #expect(try await memory.facts() == [expected])
        await #expect(throws: MemoryError.noMatch("NOPE")) {
            try await memory.store.setKind(user: memory.ana, idOrText: "NOPE", kind: .other)
        }
    }

    @Test func setKindFindsAFactByItsTextOrWordsAsForgetDoes() async throws {
        let memory = try MemoryFixture()
        let rahul = try await memory.add("My accountant is Rahul")
        _ = try await memory.add("My dentist is Dr Okafor")
        #expect(try await memory.store.setKind(user: memory.ana, idOrText: "my accountant is rahul", kind: .standing).id == rahul.id)
        #expect(try await memory.store.setKind(user: memory.ana, idOrText: "Okafor", kind: .profile).kind == .profile)
        await #expect(throws: MemoryError.ambiguous("My", ids: try await memory.facts().map(\.id))) {
            try await memory.store.setKind(user: memory.ana, idOrText: "My", kind: .other)
        }
    }

    @Test func sayingAgainKeepsTheKindAndAReplacementInheritsIt() async throws {
        let memory = try MemoryFixture()
        let first = try await memory.store.add(user: memory.ana, text: "I prefer tea", context: nil, kind: .other).fact
        let again = try await memory.store.add(user: memory.ana, text: "i prefer tea", context: nil, kind: .standing)
        #expect(!again.isNew && again.fact.kind == .other)
        let inherited = try await memory.store.update(user: memory.ana, id: first.id, text: "I prefer coffee")
        #expect(inherited.kind == .other)
        let given = try await memory.store.update(user: memory.ana, id: inherited.id, text: "I prefer water", kind: .standing)
        #expect(given.kind == .standing)
    }
}
