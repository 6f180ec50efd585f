import Foundation
import MemchatCore
import MemchatStore
import MemchatTestSupport
import Testing

/// Damaged files of the JSON file backend, from Tests/Fixtures/file-store: each is
/// detected, reported with its path, and restored from `.bak` or moved aside, never
/// silently deleted and never a crash.
@Suite("File store recovery")
struct FileStoreRecoveryTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/file-store").path

    /// A store directory holding the two fixture sessions, with `replacements` (file name
    /// in the store -> fixture name) copied over them.
    func storeDirectory(_ replacements: [String: String] = [:]) throws -> (TemporaryDirectory, String) {
        let temporary = try TemporaryDirectory()
        let directory = temporary.file("sessions")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var files = ["sessions.json": "sessions.json", "session_s1.json": "session_s1.json", "session_s2.json": "session_s2.json"]
        files.merge(replacements) { _, new in new }
        for (target, fixture) in files {
            try FileManager.default.copyItem(atPath: "\(Self.fixtures)/\(fixture)", toPath: "\(directory)/\(target)")
        }
        return (temporary, directory)
    }

    func open(_ directory: String) throws -> JSONFileStore {
        try JSONFileStore(directory: directory, expirationHours: 168, clock: ManualClock(Date(timeIntervalSince1970: 1_791_100_000)))
    }

    static let damaged = [
        ("session_s1.truncated.json", "not valid JSON"),
        ("session_s1.bitflipped.json", "not valid JSON"),
        ("session_s1.empty.json", "the file is empty"),
        ("session_s1.wrongtypes.json", "unexpected value at \"history\""),
        ("session_s1.badvalue.json", "invalid content: field \"history[0].role\": 'robot' is not a role"),
    ]

    @Test(arguments: damaged)
    func damagedSessionFileWithoutBackupIsMovedAside(fixture: String, problem: String) async throws {
        let (temporary, directory) = try storeDirectory(["session_s1.json": fixture])
        _ = temporary
        let store = try open(directory)
        let reports = await store.recoveryReports()
        let messages = reports.map(\.description)
        #expect(messages.count == 2, "\(messages)")
        #expect(messages.first?.contains("\(directory)/session_s1.json: \(problem)") == true, "\(messages)")
        #expect(messages.first?.contains("no usable backup, moved it aside to session_s1.json.corrupt-") == true)
        #expect(messages.last?.contains("sessions.json: listed 1 session(s) with no readable file (s1); rebuilt it") == true)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory)
        #expect(files.contains { $0.hasPrefix("session_s1.json.corrupt-") })
        // The other session is untouched and the store works.
        let ana = try UserName("ana")
        #expect(try await store.listSessions(SessionQuery(scope: .user(ana))).map(\.id.rawValue) == ["s2"])
        _ = try await store.appendTurn(TurnDraft(role: .user, content: "more"), to: try SessionID("s2"))
        // Nothing is reported again on the next open.
        #expect(await (try open(directory)).recoveryReports().isEmpty)
    }

    @Test(arguments: damaged)
    func damagedSessionFileIsRestoredFromBackup(fixture: String, problem: String) async throws {
        let (temporary, directory) = try storeDirectory(["session_s1.json": fixture, "session_s1.json.bak": "session_s1.json"])
        _ = temporary
        let store = try open(directory)
        let messages = await store.recoveryReports().map(\.description)
        #expect(messages.count == 1, "\(messages)")
        #expect(messages.first?.hasPrefix("\(directory)/session_s1.json: \(problem)") == true)
        #expect(messages.first?.hasSuffix("restored the previous version from session_s1.json.bak") == true)
        let turns = try await store.turns(of: try SessionID("s1"), page: .all)
        #expect(turns.map(\.content) == ["How do I promote a replica?", "Run pg_promote() on the standby."])
    }

    @Test func damagedIndexIsRebuiltFromSessionFiles() async throws {
        let (temporary, directory) = try storeDirectory(["sessions.json": "sessions.truncated.json"])
        _ = temporary
        let store = try open(directory)
        let messages = await store.recoveryReports().map(\.description)
        #expect(messages.count == 2, "\(messages)")
        #expect(messages[0].contains("sessions.json: not valid JSON"))
        #expect(messages[0].contains("moved it aside to sessions.json.corrupt-"))
        #expect(messages[1].contains("did not list 2 session file(s) (s1, s2); rebuilt it from the session files"))
        let sessions = try await store.listSessions(SessionQuery(scope: .allUsers))
        #expect(Set(sessions.map(\.id.rawValue)) == ["s1", "s2"])
        #expect(sessions.first { $0.id.rawValue == "s1" }?.title == "How do I promote a replica?")
        #expect(try await store.stats().turns == 4)
    }

    @Test func handEditedButValidFilesAreRead() async throws {
        let (temporary, directory) = try storeDirectory(["session_s1.json": "session_s1.handedited.json"])
        _ = temporary
        let store = try open(directory)
        #expect(await store.recoveryReports().isEmpty)
        let turns = try await store.turns(of: try SessionID("s1"), page: .all)
        #expect(turns.last?.content == "Run pg_promote() on the standby, then repoint the app.")
        #expect(turns.last?.replyTo?.rawValue == "t1")
    }

    @Test func seedFormatSessionFilesTakeTheirMetadataFromTheIndex() async throws {
        let (temporary, directory) = try storeDirectory(["session_s2.json": "session_s2.seed.json"])
        _ = temporary
        let store = try open(directory)
        #expect(await store.recoveryReports().isEmpty)
        let session = try await store.session(try SessionID("s2"))
        #expect(session.title == "Best hikes near Lyon?" && session.mode == .friend && session.context == .personal)
        let turns = try await store.turns(of: session.id, page: .all)
        #expect(turns.map(\.content) == ["Best hikes near Lyon?", "Mont Verdun loop."])
        // Appending rewrites the file in the full format; ids stay stable.
        _ = try await store.appendTurn(TurnDraft(role: .user, content: "And in winter?"), to: session.id)
        #expect(try await open(directory).turns(of: session.id, page: .all).prefix(2).map(\.id) == turns.map(\.id))
    }

    @Test func aLostIndexIsRebuiltWithoutLosingMetadata() async throws {
        let (temporary, directory) = try storeDirectory()
        _ = temporary
        let store = try open(directory)
        _ = try await store.renameSession(try SessionID("s1"), to: "Failover notes")
        _ = try await store.endSession(try SessionID("s1"))
        let before = try await store.session(try SessionID("s1"))
        for file in ["sessions.json", "sessions.json.bak"] { try? FileManager.default.removeItem(atPath: "\(directory)/\(file)") }
        let reopened = try open(directory)
        let messages = await reopened.recoveryReports().map(\.description)
        #expect(messages.count == 1 && messages[0].contains("did not list 2 session file(s) (s1, s2)"), "\(messages)")
        #expect(try await reopened.session(try SessionID("s1")) == before)
    }

    @Test func orphanAndMissingSessionFilesRebuildTheIndex() async throws {
        let (temporary, directory) = try storeDirectory()
        _ = temporary
        try FileManager.default.removeItem(atPath: directory + "/session_s2.json")
        try FileManager.default.copyItem(atPath: "\(Self.fixtures)/session_s2.json", toPath: "\(directory)/session_s3.json")
        // The copy still says s2 inside: a file whose content disagrees with its name is damaged.
        let store = try open(directory)
        let messages = await store.recoveryReports().map(\.description)
        #expect(messages.count == 2, "\(messages)")
        #expect(messages.first?.contains("session_s3.json: invalid content: it holds session \"s2\", not \"s3\"") == true)
        #expect(messages.last?.contains("listed 1 session(s) with no readable file (s2)") == true)
        #expect(try await store.listSessions(SessionQuery(scope: .allUsers)).map(\.id.rawValue) == ["s1"])

        // A session file the index does not list is added to it.
        try FileManager.default.copyItem(atPath: "\(Self.fixtures)/session_s2.json", toPath: "\(directory)/session_s2.json")
        let reopened = try open(directory)
        let more = await reopened.recoveryReports().map(\.description)
        #expect(more.count == 1 && more[0].contains("did not list 1 session file(s) (s2); rebuilt it from the session files"), "\(more)")
        #expect(try await reopened.listSessions(SessionQuery(scope: .allUsers)).map(\.id.rawValue) == ["s2", "s1"])
    }

    @Test func filesArePrivateWhateverTheUmask() async throws {
        let temporary = try TemporaryDirectory()
        let old = umask(0o022)
        defer { umask(old) }
        let directory = temporary.file("sessions")
        let store = try JSONFileStore(directory: directory, expirationHours: 168)
        let session = try await store.createSession(SessionDraft(userID: try UserName("ana")))
        _ = try await store.appendTurn(TurnDraft(role: .user, content: "one"), to: session.id)
        _ = try await store.appendTurn(TurnDraft(role: .user, content: "two"), to: session.id)
        #expect(try FileManager.default.attributesOfItem(atPath: directory)[.posixPermissions] as? Int == 0o700)
        for file in try FileManager.default.contentsOfDirectory(atPath: directory) {
            let mode = try FileManager.default.attributesOfItem(atPath: "\(directory)/\(file)")[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(file)")
        }
        #expect(FileManager.default.fileExists(atPath: "\(directory)/session_\(session.id).json.bak"))
    }

    @Test func twoStoresOnOneDirectoryLoseNothing() async throws {
        let temporary = try TemporaryDirectory()
        let directory = temporary.file("sessions")
        let first = try JSONFileStore(directory: directory, expirationHours: 168)
        let second = try JSONFileStore(directory: directory, expirationHours: 168)
        let session = try await first.createSession(SessionDraft(userID: try UserName("ana")))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, store) in [first, second, first, second].enumerated() {
                group.addTask {
                    for turn in 0..<15 {
                        _ = try await store.appendTurn(TurnDraft(role: .user, content: "writer \(index) turn \(turn)"), to: session.id)
                    }
                }
            }
            try await group.waitForAll()
        }
        let turns = try await second.turns(of: session.id, page: .all)
        #expect(turns.count == 60)
        #expect(Set(turns.map(\.content)).count == 60)
        #expect(try await first.session(session.id).turnCount == 60)
    }
}

@Suite("File store locking")
struct FileStoreLockingTests {
    @Test func aHeldLockIsStoreBusyNotAHang() async throws {
        let temporary = try TemporaryDirectory()
        let directory = temporary.file("sessions")
        let store = try JSONFileStore(directory: directory, expirationHours: 168, lockTimeout: 0.2)
        let session = try await store.createSession(SessionDraft(userID: try UserName("ana")))
        // Another process holds the directory lock.
        let fd = open(directory + "/.lock", O_RDWR)
        #expect(fd >= 0)
        #expect(flock(fd, LOCK_EX) == 0)
        await #expect(throws: StoreError.busy(path: directory + "/.lock")) {
            try await store.appendTurn(TurnDraft(role: .user, content: "hello"), to: session.id)
        }
        flock(fd, LOCK_UN)
        close(fd)
        _ = try await store.appendTurn(TurnDraft(role: .user, content: "hello"), to: session.id)
        #expect(try await store.session(session.id).turnCount == 1)
    }
}
