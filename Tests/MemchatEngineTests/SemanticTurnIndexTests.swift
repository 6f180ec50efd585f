import Foundation
import MemchatCore
import MemchatStore
import Testing

@testable import MemchatEngine

/// The semantic turn index on real files beside real stores of both backends.
@Suite("Semantic turn index")
struct SemanticTurnIndexTests {
    enum Backend: String, CaseIterable, Sendable {
        case sqlite, file
    }

    /// A store and an index in one temporary data directory.
    final class Fixture: @unchecked Sendable {
        let directory: String
        let backend: Backend
        let store: any SessionStore
        let index: SemanticTurnIndex
        let user: UserName

        init(_ backend: Backend) throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("memchat-turn-index-\(UUID().uuidString)").path
            self.backend = backend
            store = try Self.open(backend, directory)
            index = SemanticTurnIndex(directory: directory)
            user = try UserName("ana")
        }

        static func open(_ backend: Backend, _ directory: String) throws -> any SessionStore {
            switch backend {
            case .sqlite: return try SQLiteStore.open(path: directory + "/memchat.sqlite", expirationHours: 168)
            case .file: return try JSONFileStore(directory: directory + "/sessions", expirationHours: 168)
            }
        }

        deinit { try? FileManager.default.removeItem(atPath: directory) }

        /// A session holding `questions`, each followed by a short answer.
        @discardableResult
        func session(_ questions: [String], user: String = "ana") async throws -> Session {
            let session = try await store.createSession(SessionDraft(userID: try UserName(user)))
            for question in questions {
                let asked = try await store.appendTurn(TurnDraft(role: .user, content: question), to: session.id)
                _ = try await store.appendTurn(TurnDraft(role: .assistant, content: "Noted: \(question)", replyTo: asked.id), to: session.id)
            }
            return session
        }

        func nearest(_ text: String, limit: Int = 3) throws -> [String] {
            try index.nearest(to: text, user: user, limit: limit).map(\.rawValue)
        }

        func contents(_ text: String, limit: Int = 3) async throws -> [String] {
            try await store.located(index.nearest(to: text, user: user, limit: limit)).map(\.turn.content)
        }
    }

    static let statements = [
        "My sister Clara lives in Lisbon with her two cats.",
        "The deploy pipeline fails when the staging database is full.",
        "I'm allergic to penicillin, so antibiotics need care.",
        "We are planning a hiking trip to the Dolomites in July.",
        "The quarterly budget review moved to Thursday afternoon.",
        "Our espresso machine needs descaling every month.",
    ]

    @Test(arguments: Backend.allCases)
    func catchUpIndexesTheUsersTurnsAndFindsThemByMeaning(backend: Backend) async throws {
        let fixture = try Fixture(backend)
        try await fixture.session(Array(Self.statements[0..<3]))
        try await fixture.session(Array(Self.statements[3...]))
        try await fixture.session(["Bo's own note about penicillin allergies"], user: "bo")

        let report = try await fixture.index.catchUp(store: fixture.store, user: fixture.user)
        #expect(report.isComplete && report.turnsRead == 6 && report.recordsAdded == 6)
        #expect(try fixture.index.recordCount(user: fixture.user) == 6, "answers and other users' turns are not indexed")

        #expect(try await fixture.contents("which medicines should I avoid?", limit: 1) == [Self.statements[2]])
        #expect(try await fixture.contents("when is the trip to the mountains?", limit: 1) == [Self.statements[3]])
        #expect(try await fixture.contents("where does my sibling live?", limit: 1) == [Self.statements[0]])
        #expect(try fixture.nearest("anything", limit: 10).count == 6)

        // Files are private to the user, and a second catch-up finds nothing to do.
        for path in [fixture.index.paths(for: fixture.user).codes, fixture.index.paths(for: fixture.user).entries] {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        }
        let again = try await fixture.index.catchUp(store: fixture.store, user: fixture.user)
        #expect(again.isComplete && again.turnsRead == 0 && again.recordsAdded == 0)
    }

    @Test(arguments: Backend.allCases)
    func addIndexesTheTurnJustAppendedAndNothingTwice(backend: Backend) async throws {
        let fixture = try Fixture(backend)
        let session = try await fixture.session([Self.statements[0]])
        try await fixture.index.catchUp(store: fixture.store, user: fixture.user)
        let asked = try await fixture.store.appendTurn(TurnDraft(role: .user, content: Self.statements[1]), to: session.id)
        let added = try await fixture.index.add(asked, user: fixture.user, store: fixture.store)
        #expect(added.turnsRead == 1 && added.isComplete)
        let answer = try await fixture.store.appendTurn(TurnDraft(role: .assistant, content: "ok", replyTo: asked.id), to: session.id)
        #expect(try await fixture.index.add(answer, user: fixture.user, store: fixture.store).turnsRead == 0)

        // A second process's index on the same directory sees the same records.
        let other = SemanticTurnIndex(directory: fixture.directory)
        #expect(try other.recordCount(user: fixture.user) == 2)
        #expect(try await other.catchUp(store: fixture.store, user: fixture.user).recordsAdded == 0)
        #expect(try await fixture.contents("why does the deploy break?", limit: 1) == [Self.statements[1]])
    }

    @Test func writersOnTheSameFilesAtOnceIndexEveryTurnOnce() async throws {
        let fixture = try Fixture(.sqlite)
        let session = try await fixture.session((0..<300).map { "question \($0) about \(Self.statements[$0 % 6])" })
        // Independent instances, as separate processes would have, plus new questions
        // being added while they catch up.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<3 {
                group.addTask {
                    let index = SemanticTurnIndex(directory: fixture.directory)
                    try await index.catchUp(store: fixture.store, user: fixture.user, limit: .init(turnsPerStep: 16))
                }
            }
            group.addTask {
                let index = SemanticTurnIndex(directory: fixture.directory)
                for number in 0..<20 {
                    let asked = try await fixture.store.appendTurn(TurnDraft(role: .user, content: "late question \(number)"), to: session.id)
                    try await index.add(asked, user: fixture.user, store: fixture.store)
                }
            }
            try await group.waitForAll()
        }
        try await fixture.index.catchUp(store: fixture.store, user: fixture.user)
        #expect(try fixture.index.recordCount(user: fixture.user) == 320)
        let all = try fixture.index.nearest(to: "question", user: fixture.user, limit: 1000)
        #expect(all.count == 320 && Set(all).count == 320)
    }

    @Test func aTornTailIsIgnoredAndCutOffByTheNextWrite() async throws {
        let fixture = try Fixture(.sqlite)
        let session = try await fixture.session(Array(Self.statements[0..<2]))
        try await fixture.index.catchUp(store: fixture.store, user: fixture.user)
        let paths = fixture.index.paths(for: fixture.user)
        // A crash mid-write: part of a code, and a code whose entry never came.
        try Self.append([UInt8](repeating: 0xAB, count: 23), to: paths.codes)
        try Self.append([UInt8](repeating: 0x11, count: 100), to: paths.entries)
        #expect(try fixture.index.recordCount(user: fixture.user) == 2)
        #expect(try fixture.nearest("anything", limit: 10).count == 2)

        let asked = try await fixture.store.appendTurn(TurnDraft(role: .user, content: Self.statements[2]), to: session.id)
        try await fixture.index.add(asked, user: fixture.user, store: fixture.store)
        #expect(try fixture.index.recordCount(user: fixture.user) == 3)
        #expect(try Self.size(paths.codes) == TurnIndexFiles.headerSize + 3 * TurnIndexRecord.codeSize)
        #expect(try Self.size(paths.entries) == TurnIndexFiles.headerSize + 3 * TurnIndexRecord.entrySize(dimensions: 128))
        #expect(try await fixture.contents("medicine allergy", limit: 1) == [Self.statements[2]])
        #expect(fixture.index.recoveryReports().isEmpty, "a torn tail is expected after a crash, not damage")
    }

    @Test(arguments: ["codes", "entries"])
    func aDamagedHeaderIsReportedAndRebuiltFromTheStore(file: String) async throws {
        let fixture = try Fixture(.sqlite)
        try await fixture.session(Self.statements)
        try await fixture.index.catchUp(store: fixture.store, user: fixture.user)
        let paths = fixture.index.paths(for: fixture.user)
        let path = file == "codes" ? paths.codes : paths.entries
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.write(contentsOf: Data("garbage!".utf8))
        try handle.close()

        let reader = SemanticTurnIndex(directory: fixture.directory)
        #expect(try reader.nearest(to: "penicillin", user: fixture.user, limit: 3).isEmpty)
        #expect(reader.recoveryReports().map(\.problem).contains { $0.contains("bad magic") })

        let report = try await reader.catchUp(store: fixture.store, user: fixture.user)
        #expect(report.recordsAdded == 6 && report.isComplete)
        let rebuilt = reader.recoveryReports()
        #expect(rebuilt.count == 1 && rebuilt[0].action.contains("rebuilt"), "\(rebuilt)")
        #expect(try await fixture.contents("which medicines should I avoid?", limit: 1) == [Self.statements[2]])
    }

    @Test(arguments: Backend.allCases)
    func deletingTheNewestTurnsOrSwitchingStoresWalksAgainWithoutDuplicates(backend: Backend) async throws {
        let fixture = try Fixture(backend)
        try await fixture.session(Array(Self.statements[0..<3]))
        let newest = try await fixture.session(Array(Self.statements[3..<5]))
        try await fixture.index.catchUp(store: fixture.store, user: fixture.user)
        #expect(try fixture.index.recordCount(user: fixture.user) == 5)

        // The walk's cursor turn is gone, and (SQLite) its row id is given to a new turn.
        try await fixture.store.deleteSession(newest.id)
        try await fixture.session([Self.statements[5]])
        let report = try await fixture.index.catchUp(store: fixture.store, user: fixture.user)
        #expect(report.isComplete && report.recordsAdded == 1)
        #expect(try fixture.index.recordCount(user: fixture.user) == 6)
        #expect(try await fixture.contents("descaling the coffee machine", limit: 1) == [Self.statements[5]])
        // The deleted turns' records remain until a rebuild; `located` skips them.
        #expect(try await fixture.contents("anything", limit: 10).count == 4)

        // The same turns in another store (a migration): nothing is indexed twice.
        let other = try Fixture.open(backend == .sqlite ? .file : .sqlite, fixture.directory + "/migrated")
        _ = try await StoreMigration(source: fixture.store, target: other).run(merge: false)
        let migrated = try await fixture.index.catchUp(store: other, user: fixture.user)
        #expect(migrated.isComplete && migrated.recordsAdded == 0 && migrated.turnsRead == 0)
        #expect(try fixture.index.recordCount(user: fixture.user) == 6)
    }

    @Test func aBoundedCatchUpStopsAndTheNextOneGoesOn() async throws {
        let fixture = try Fixture(.sqlite)
        try await fixture.session((0..<40).map { "note number \($0)" })
        let first = try await fixture.index.catchUp(
            store: fixture.store, user: fixture.user, limit: .init(seconds: 10, turnsPerStep: 8, steps: 2))
        #expect(!first.isComplete && first.turnsRead == 16)
        let rest = try await fixture.index.catchUp(store: fixture.store, user: fixture.user)
        #expect(rest.isComplete && rest.turnsRead == 24)
        #expect(try fixture.index.recordCount(user: fixture.user) == 40)
    }

    @Test func longTurnsAlsoGetARecordPerClause() async throws {
        let fixture = try Fixture(.sqlite)
        let long = "Today was long: the standup ran over, the build broke twice and I rewrote the release notes. "
            + "By the way, my landlord Ines raised the rent by ten percent; I need to answer her by Friday. "
            + "Anyway, tomorrow I will finish the migration script and review the open pull requests."
        #expect(TurnClauses.split(long).count >= 3)
        #expect(TurnClauses.split("A short question? With two sentences.").isEmpty)
        try await fixture.session([long] + Array(Self.statements[0..<3]))
        try await fixture.index.catchUp(store: fixture.store, user: fixture.user)
        #expect(try fixture.index.recordCount(user: fixture.user) == 3 + 1 + TurnClauses.split(long).count)
        let found = try fixture.index.candidates(near: StaticEmbedder.shared().embed("how much did my rent go up?"), user: fixture.user, limit: 1)
        #expect(found.first.map { $0.clause > 0 } == true, "the landlord clause matches best: \(found)")
        #expect(try fixture.nearest("anything", limit: 10).count == 4, "a turn is named once, whatever its clauses")
    }

    static func append(_ bytes: [UInt8], to path: String) throws {
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(bytes))
        try handle.close()
    }

    static func size(_ path: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? -1
    }
}
