import Foundation
import MemchatCore
import MemchatStore
import MemchatTestSupport
import Testing

/// A memory store on a temporary directory, with a clock the test moves.
struct MemoryFixture {
    let directory: TemporaryDirectory
    let clock = ManualClock(StoreFixture.start)
    let store: MemoryStore
    let ana: UserName

    init(lockTimeout: TimeInterval = SQLiteStore.defaultLockTimeout) throws {
        directory = try TemporaryDirectory()
        store = try MemoryStore(directory: directory.path, clock: clock, lockTimeout: lockTimeout)
        ana = try UserName("ana")
    }

    /// Adds a fact a minute after the previous one.
    @discardableResult
    func add(_ text: String, context: Context? = nil, pinned: Bool = false) async throws -> MemoryFact {
        clock.advance(by: 60)
        return try await store.add(user: ana, text: text, context: context, pinned: pinned).fact
    }

    func facts(context: Context? = nil, all: Bool = false) async throws -> [MemoryFact] {
        try await store.facts(user: ana, context: context, includeSuperseded: all)
    }

    var file: String { store.path(for: ana) }

    func contents(_ path: String) -> String {
        String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
    }
}

@Suite("Memory store")
struct MemoryStoreTests {
    @Test func addListAndReopen() async throws {
        let memory = try MemoryFixture()
        let dog = try await memory.add("  My dog is\ncalled   Pixel. ")
        #expect(dog.text == "My dog is called Pixel.")
        #expect(dog.context == nil && dog.source == .explicit && dog.isActive && !dog.pinned)
        #expect(dog.id.count == 8)
        #expect(dog.createdAt == memory.clock.now() && dog.updatedAt == dog.createdAt)
        let manager = try await memory.add("my manager is Tom", context: .work)
        #expect(try await memory.facts() == [dog, manager])
        // Another process (another instance) reads the same file.
        let reopened = try MemoryStore(directory: memory.directory.path, clock: memory.clock)
        #expect(try await reopened.facts(user: memory.ana) == [dog, manager])
        #expect(try await memory.store.facts(user: UserName("bo")) == [])

        let json = memory.contents(memory.file)
        #expect(json.hasPrefix("{\n  \"facts\" : [\n"))
        #expect(json.contains("\"created_at\" : \"2026-09-21T14:14:20.000Z\""))
        #expect(json.contains("\"context\" : null"))
        #expect(json.contains("\"user\" : \"ana\""))
    }

    @Test func sameTextInOneContextIsKeptOnce() async throws {
        let memory = try MemoryFixture()
        let first = try await memory.add("My dog is called Pixel.")
        memory.clock.advance(by: 3600)
        let again = try await memory.store.add(user: memory.ana, text: "my dog  is called pixel!!", context: nil, pinned: true)
        #expect(!again.isNew)
        #expect(again.fact.id == first.id && again.fact.text == first.text)
        #expect(again.fact.updatedAt == memory.clock.now() && again.fact.createdAt == first.createdAt)
        #expect(again.fact.pinned)
        // The same words in a context are a fact of that context.
        let inWork = try await memory.add("my dog is called Pixel", context: .work)
        #expect(inWork.id != first.id)
        #expect(try await memory.facts().count == 2)
    }

    @Test func contextFilterKeepsGlobalFacts() async throws {
        let memory = try MemoryFixture()
        let global = try await memory.add("call me Lou")
        let work = try await memory.add("I work at Acme", context: .work)
        let personal = try await memory.add("I live in Lyon", context: .personal)
        #expect(try await memory.facts(context: .work) == [global, work])
        #expect(try await memory.facts(context: .personal) == [global, personal])
        #expect(try await memory.facts(context: Context("poetry")) == [global])
        #expect(try await memory.facts() == [global, work, personal])
    }

    @Test func textIsCheckedBeforeAnythingIsWritten() async throws {
        let memory = try MemoryFixture()
        await #expect(throws: MemoryError.emptyText) { try await memory.add(" \n\t ") }
        let long = String(repeating: "a", count: MemoryFact.maxTextLength + 1)
        await #expect(throws: MemoryError.textTooLong(length: 1001, limit: 1000)) { try await memory.add(long) }
        #expect(!FileManager.default.fileExists(atPath: memory.file))
        #expect(MemoryError.emptyText.isInvalidRequest)
    }

    @Test func updateSupersedesAndKeepsHistory() async throws {
        let memory = try MemoryFixture()
        let tom = try await memory.add("my manager is Tom", context: .work, pinned: true)
        memory.clock.advance(by: 86400)
        let turn = try TurnID("t9")
        let source = MemoryFact.Source.extracted(session: try SessionID("s1"), turn: turn)
        let priya = try await memory.store.update(user: memory.ana, id: tom.id, text: "my manager is Priya", source: source)
        #expect(priya.id != tom.id)
        #expect(priya.context == .work && priya.pinned && priya.source == source)
        #expect(priya.createdAt == memory.clock.now())
        #expect(try await memory.facts() == [priya])
        let history = try await memory.facts(all: true)
        #expect(history.map(\.text) == ["my manager is Tom", "my manager is Priya"])
        #expect(history[0].supersededAt == memory.clock.now() && history[0].supersededBy == priya.id)
        #expect(history[0].updatedAt == tom.updatedAt && !history[0].isActive)

        await #expect(throws: MemoryError.alreadySuperseded(id: tom.id, by: priya.id)) {
            try await memory.store.update(user: memory.ana, id: tom.id, text: "my manager is Sam")
        }
        await #expect(throws: MemoryError.factNotFound(id: "NOPE1234")) {
            try await memory.store.update(user: memory.ana, id: "NOPE1234", text: "x")
        }
        #expect(MemoryError.factNotFound(id: "x").isNotFound)
    }

    @Test func rewordingCorrectsInPlaceAndAKnownTextIsReused() async throws {
        let memory = try MemoryFixture()
        let dog = try await memory.add("my dog is called pixel")
        memory.clock.advance(by: 60)
        let corrected = try await memory.store.update(user: memory.ana, id: dog.id, text: "My dog is called Pixel.")
        #expect(corrected.id == dog.id && corrected.text == "My dog is called Pixel." && corrected.isActive)
        #expect(try await memory.facts(all: true).count == 1)

        let lyon = try await memory.add("I live in Lyon")
        let paris = try await memory.add("I live in Paris")
        let updated = try await memory.store.update(user: memory.ana, id: lyon.id, text: "i live in paris")
        #expect(updated.id == paris.id)
        let history = try await memory.facts(all: true)
        #expect(history.count == 3)
        #expect(history.first { $0.id == lyon.id }?.supersededBy == paris.id)
    }

    @Test func forgetByIDTakesEarlierVersionsAndLeavesNoCopy() async throws {
        let memory = try MemoryFixture()
        let tom = try await memory.add("my manager is Tom", context: .work)
        let sam = try await memory.store.update(user: memory.ana, id: tom.id, text: "my manager is Sam")
        let priya = try await memory.store.update(user: memory.ana, id: sam.id, text: "my manager is Priya")
        let dog = try await memory.add("my dog is called Pixel")

        let forgotten = try await memory.store.forget(user: memory.ana, idOrText: " \(priya.id) ")
        #expect(forgotten.map(\.id) == [tom.id, sam.id, priya.id])
        #expect(try await memory.facts(all: true) == [dog])
        for path in [memory.file, memory.file + ".bak"] {
            #expect(!memory.contents(path).contains("manager"), "\(path)")
        }
        await #expect(throws: MemoryError.noMatch(priya.id)) {
            try await memory.store.forget(user: memory.ana, idOrText: priya.id)
        }
    }

    @Test func forgetOneVersionKeepsTheNewerOnes() async throws {
        let memory = try MemoryFixture()
        let tom = try await memory.add("my manager is Tom")
        let priya = try await memory.store.update(user: memory.ana, id: tom.id, text: "my manager is Priya")
        #expect(try await memory.store.forget(user: memory.ana, idOrText: tom.id).map(\.id) == [tom.id])
        #expect(try await memory.facts(all: true) == [priya])
    }

    @Test func forgetByTextInEveryContextOrByAUniquePart() async throws {
        let memory = try MemoryFixture()
        try await memory.add("I prefer tea")
        try await memory.add("i prefer TEA.", context: .work)
        let lyon = try await memory.add("I live in Lyon", context: .personal)
        let acme = try await memory.add("I work at Acme", context: .work)

        let tea = try await memory.store.forget(user: memory.ana, idOrText: "I prefer tea!")
        #expect(tea.map(\.text) == ["I prefer tea", "i prefer TEA."])
        #expect(try await memory.store.forget(user: memory.ana, idOrText: "lyon") == [lyon])

        let fridays = try await memory.add("I work from home on Fridays", context: .work)
        let error = await #expect(throws: MemoryError.self) {
            try await memory.store.forget(user: memory.ana, idOrText: "I work")
        }
        #expect(error == .ambiguous("I work", ids: [acme.id, fridays.id]))
        #expect(error?.description == "'I work' is part of 2 facts (\(acme.id), \(fridays.id)); give one of these ids, or a fact's whole text")
        #expect(error?.isInvalidRequest == true)
        await #expect(throws: MemoryError.noMatch("penguins")) {
            try await memory.store.forget(user: memory.ana, idOrText: "penguins")
        }
        await #expect(throws: MemoryError.emptyText) {
            try await memory.store.forget(user: memory.ana, idOrText: "?!")
        }
        #expect(try await memory.facts().count == 2)
    }

    @Test func relevanceRanksRareWordsThenRecencyPinnedFirst() async throws {
        let memory = try MemoryFixture()
        let lou = try await memory.add("call me Lou", pinned: true)
        let dog = try await memory.add("my dog is called Pixel")
        let manager = try await memory.add("my manager is Priya", context: .work)
        let tea = try await memory.add("I prefer tea over coffee")
        let ranked = try await memory.store.relevant(user: memory.ana, query: "What is my DOG's name?", context: .work, limit: 10)
        // "my", "what" and "is" are stop words: only "dog" and "name" count.
        #expect(ranked == [lou, dog])
        _ = manager
        #expect(try await memory.store.relevant(user: memory.ana, query: "what is my dog's name", context: .personal, limit: 10) == [lou, dog])
        #expect(try await memory.store.relevant(user: memory.ana, query: "dog", context: nil, limit: 1) == [lou])
        #expect(try await memory.store.relevant(user: memory.ana, query: "?", context: nil, limit: 5) == [lou])

        // Equal overlap: the fact stated more recently comes first; "i" is a stop word.
        let lyon = try await memory.add("I lived in Lyon")
        let paris = try await memory.add("I lived in Paris")
        #expect(try await memory.store.relevant(user: memory.ana, query: "where have I lived", context: nil, limit: 10) == [lou, paris, lyon])
        _ = tea
        memory.clock.advance(by: 60)
        let restated = try await memory.store.add(user: memory.ana, text: "I lived in Lyon", context: nil).fact
        #expect(try await memory.store.relevant(user: memory.ana, query: "where have I lived", context: nil, limit: 10) == [lou, restated, paris])
        #expect(restated.id == lyon.id)
    }

    @Test func relevanceSkipsSupersededFactsAndFindsCJKWords() async throws {
        let memory = try MemoryFixture()
        let tom = try await memory.add("my manager is Tom")
        let priya = try await memory.store.update(user: memory.ana, id: tom.id, text: "my manager is Priya")
        #expect(try await memory.store.relevant(user: memory.ana, query: "manager", context: nil, limit: 5) == [priya])
        let tokyo = try await memory.add("私は東京に住んでいます")
        #expect(try await memory.store.relevant(user: memory.ana, query: "東京の天気", context: nil, limit: 5) == [tokyo])
    }

    @Test func idsAreShortAndUnique() async throws {
        let memory = try MemoryFixture()
        for index in 0..<200 { try await memory.add("fact number \(index)") }
        let ids = try await memory.facts().map(\.id)
        #expect(Set(ids).count == 200)
        #expect(ids.allSatisfy { $0.count == 8 && $0.allSatisfy { $0.isLetter || $0.isNumber } })
    }

    @Test func filesArePrivateWhateverTheUmask() async throws {
        let memory = try MemoryFixture()
        let dataDir = memory.directory.file("data")
        let old = umask(0o022)
        defer { umask(old) }
        let store = try MemoryStore(directory: dataDir, clock: memory.clock)
        for text in ["one", "two"] { _ = try await store.add(user: memory.ana, text: text, context: nil) }
        let file = store.path(for: memory.ana)
        for path in [file, file + ".bak", dataDir + "/.lock"] {
            #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600, "\(path)")
        }
        #expect(try FileManager.default.attributesOfItem(atPath: dataDir)[.posixPermissions] as? Int == 0o700)
    }

    @Test func twoStoresAddingAtOnceLoseNothing() async throws {
        let memory = try MemoryFixture()
        let other = try MemoryStore(directory: memory.directory.path, clock: memory.clock)
        let user = memory.ana
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (writer, store) in [memory.store, other, memory.store, other].enumerated() {
                group.addTask {
                    for index in 0..<15 {
                        _ = try await store.add(user: user, text: "writer \(writer) fact \(index)", context: nil)
                    }
                }
            }
            try await group.waitForAll()
        }
        let facts = try await other.facts(user: user)
        #expect(facts.count == 60)
        #expect(Set(facts.map(\.id)).count == 60)
        #expect(await memory.store.recoveryReports().isEmpty)
    }

    @Test func aHeldLockIsStoreBusy() async throws {
        let memory = try MemoryFixture(lockTimeout: 0.2)
        let lockPath = memory.directory.file(".lock")
        let fd = open(lockPath, O_RDWR | O_CREAT, 0o600)
        #expect(fd >= 0)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX) == 0)
        await #expect(throws: StoreError.busy(path: lockPath)) { try await memory.add("hello") }
        flock(fd, LOCK_UN)
        try await memory.add("hello")
    }

    @Test func anotherUsersFileIsRefusedAndLeftAlone() async throws {
        let memory = try MemoryFixture()
        let bo = try UserName("bo")
        _ = try await memory.store.add(user: bo, text: "I am Bo", context: nil)
        try FileManager.default.copyItem(atPath: memory.store.path(for: bo), toPath: memory.file)
        let expected = MemoryError.foreignFile(path: memory.file, owner: bo, expected: memory.ana)
        await #expect(throws: expected) { try await memory.facts() }
        await #expect(throws: expected) { try await memory.add("I am Ana") }
        #expect(memory.contents(memory.file).contains("I am Bo"))
        #expect(expected.description.contains("rename it to memory_bo.json"))
    }

    @Test func normalisedTextIgnoresCaseSpacingAndFinalPunctuation() {
        #expect(MemoryFact.normalized("  My Dog\tis  PIXEL?! ") == "my dog is pixel")
        #expect(MemoryFact.normalized("I like C++") == "i like c++")
        #expect(MemoryFact.normalized("...") == "")
    }
}
