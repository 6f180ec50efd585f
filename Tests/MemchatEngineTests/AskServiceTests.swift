import Foundation
import MemchatCore
@testable import MemchatEngine
import MemchatStore
import Testing

/// The one ask wiring: start rule, target session, incognito store.
@Suite("Ask service")
struct AskServiceTests {
    struct Unavailable: Error, CustomStringConvertible { var description: String { "out of memory" } }

    func service(_ fixture: EngineFixture, onStart: StartChoice = .resume,
                 incognitoStore: (@Sendable () throws -> any SessionStore)? = nil) throws -> AskService {
        let configuration = Configuration(dataDirectory: fixture.directory, user: fixture.user, onStart: onStart)
        guard let incognitoStore else {
            return AskService(configuration: configuration, store: fixture.store, memory: fixture.memory, transport: AsyncHTTPClientTransport())
        }
        return AskService(
            configuration: configuration, store: fixture.store, memory: fixture.memory, transport: AsyncHTTPClientTransport(),
            makeIncognitoStore: incognitoStore)
    }

    let echo = ProviderSelection(settings: ProviderSettings(kind: .echo), reason: "test")

    @Test func theStartRuleResumesAnActiveRecentSessionOnly() async throws {
        let fixture = try EngineFixture()
        let service = try service(fixture)
        #expect(try await service.startingSession() == nil, "nothing to resume yet")
        let target = try await service.target(.automatic, context: .work, mode: .friend, incognito: false, selection: echo)
        #expect(target.isNew)
        #expect(target.session.context == .work)
        let session = try await service.open(target, with: try service.engine(echo, incognito: false))

        let resumed = try await service.target(.automatic, context: nil, mode: nil, incognito: false, selection: echo)
        #expect(resumed.session.id == session.id)
        #expect(try await service.startingSession(at: Date().addingTimeInterval(StartChoice.resumeWindow + 60)) == nil)
        #expect(try await self.service(fixture, onStart: .new).startingSession() == nil)
        _ = try await fixture.store.endSession(session.id)
        #expect(try await service.startingSession() == nil, "an ended session is not resumed")
        #expect(try await service.target(.mostRecent, context: nil, mode: nil, incognito: false, selection: echo).session.id == session.id)
    }

    @Test func anotherUsersSessionIsRefused() async throws {
        let fixture = try EngineFixture()
        let theirs = try await fixture.store.createSession(SessionDraft(userID: try UserName("bob")))
        await #expect(throws: StoreError.self) {
            try await service(fixture).target(.named(theirs.id), context: nil, mode: nil, incognito: false, selection: echo)
        }
    }

    @Test func openingAnExistingSessionInAnotherContextRecordsTheSwitch() async throws {
        let fixture = try EngineFixture()
        let service = try service(fixture)
        let session = try await fixture.session(context: .work)
        let target = try await service.target(.named(session.id), context: nil, mode: nil, incognito: false, selection: echo)
        let moved = try await service.open(target, with: try service.engine(echo, incognito: false), context: .personal)
        #expect(moved.context == .personal)
        #expect(try await fixture.store.turns(of: session.id, page: .all).map(\.role) == [.system])
    }

    @Test func incognitoFollowUpsShareOneSessionInMemoryAndTouchNothingStored() async throws {
        let fixture = try EngineFixture()
        let service = try service(fixture)
        let engine = try service.engine(echo, incognito: true)
        #expect(engine.memory == nil, "nothing is learned")
        let first = try await service.open(
            try await service.target(.new, context: .personal, mode: nil, incognito: true, selection: echo), with: engine)
        for try await _ in engine.ask("remember that my PIN is 1234", in: first) {}
        let followUp = try await service.target(.automatic, context: nil, mode: nil, incognito: true, selection: echo)
        #expect(followUp.session.id == first.id, "a follow-up continues the incognito conversation")
        for try await _ in engine.ask("and again", in: try await service.open(followUp, with: engine)) {}
        #expect(try await service.engine(echo, incognito: true).store.turns(of: first.id, page: .all).count == 4)

        #expect(try await fixture.store.listSessions(SessionQuery(scope: .allUsers)).isEmpty)
        #expect(try await fixture.memory.facts(user: fixture.user).isEmpty)
    }

    @Test func incognitoIsRefusedWhenTheMemoryStoreCannotBeMade() async throws {
        let fixture = try EngineFixture()
        let service = try service(fixture) { throw Unavailable() }
        #expect(throws: AskServiceError.incognitoUnavailable("out of memory")) { try service.engine(echo, incognito: true) }
        await #expect(throws: AskServiceError.incognitoUnavailable("out of memory")) {
            try await service.target(.new, context: nil, mode: nil, incognito: true, selection: echo)
        }
        #expect(try service.engine(echo, incognito: false).store.location == fixture.store.location, "stored asks still work")
        #expect(try await fixture.store.listSessions(SessionQuery(scope: .allUsers)).isEmpty)
    }

    @Test func aServiceWithoutAStoreRefusesStoredQuestions() throws {
        let fixture = try EngineFixture()
        let service = AskService(
            configuration: Configuration(dataDirectory: fixture.directory, user: fixture.user), store: nil, memory: nil,
            transport: AsyncHTTPClientTransport())
        #expect(throws: AskServiceError.noStoreOpened) { try service.engine(echo, incognito: false) }
        #expect(try service.engine(echo, incognito: true).memory == nil)
    }

    @Test func storedQuestionsAreIndexedByMeaningAndIncognitoOnesAreNot() async throws {
        let fixture = try EngineFixture()
        let index = SemanticTurnIndex(directory: fixture.directory)
        let encoded = try #require(index.encoded)
        let service = AskService(
            configuration: Configuration(dataDirectory: fixture.directory, user: fixture.user), store: fixture.store,
            memory: fixture.memory, turnIndex: index, transport: AsyncHTTPClientTransport())
        let stored = try service.engine(echo, incognito: false)
        let session = try await service.open(
            try await service.target(.new, context: nil, mode: nil, incognito: false, selection: echo), with: stored)
        for try await _ in stored.ask("my sister Clara lives in Lisbon", in: session) {}
        #expect(try encoded.recordCount(user: fixture.user) == 1)

        let incognito = try service.engine(echo, incognito: true)
        #expect(incognito.turnIndex == nil)
        let secret = try await service.open(
            try await service.target(.new, context: nil, mode: nil, incognito: true, selection: echo), with: incognito)
        for try await _ in incognito.ask("a secret about my sister", in: secret) {}
        #expect(try encoded.recordCount(user: fixture.user) == 1)
        let hits = try await fixture.store.located(try encoded.nearest(to: "where does my sibling live?", user: fixture.user, limit: 5))
        #expect(hits.map(\.turn.content) == ["my sister Clara lives in Lisbon"])
    }
}
