import Foundation
import MemchatCore
import MemchatStore
import Testing

/// Damaged `memory_<user>.json` files from `Tests/Fixtures/memory/`: each is reported with
/// its path, restored from a valid `.bak` or moved aside, never lost and never a crash.
@Suite("Memory file recovery")
struct MemoryRecoveryTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/memory").path

    static func fixture(_ name: String) throws -> Data {
        try #require(FileManager.default.contents(atPath: "\(fixtures)/\(name).json"), "missing fixture \(name).json")
    }

    /// Each damaged fixture and the problem a user is told about.
    static let damaged: [(name: String, problem: String)] = [
        ("truncated", "not valid JSON (truncated or damaged, 300 bytes)"),
        ("bit-flipped", "not valid JSON (truncated or damaged, 954 bytes)"),
        ("empty", "the file is empty"),
        ("wrong-types", "unexpected value at \"facts.[0].pinned\""),
    ]

    @Test func aHandEditedFileReadsWithDefaults() async throws {
        let memory = try MemoryFixture()
        try Self.fixture("hand-edited").write(to: URL(fileURLWithPath: memory.file))
        let all = try await memory.facts(all: true)
        #expect(all.map(\.id) == ["PIXEL001", "ACME0002", "TOM00003", "PRIYA004", "TOKYO005"])
        let pixel = all[0]
        #expect(pixel.context == nil && !pixel.pinned && pixel.source == .explicit)
        #expect(pixel.updatedAt == pixel.createdAt && pixel.createdAt == Timestamp.parse("2026-10-02T10:02:00Z"))
        #expect(all[1].pinned && all[1].context == .work && all[1].text == "I work at Acme   on the payments team")
        #expect(all[2].supersededBy == "PRIYA004" && !all[2].isActive)
        #expect(all[2].createdAt == Timestamp.parse("2026-10-01T06:00:00Z"))
        #expect(all[2].source == .extracted(session: try SessionID("01JBSAMPLE0POSTGRESFAILOVER"), turn: try TurnID("t1")))
        #expect(all[3].updatedAt == Timestamp.parse("2026-10-06T09:30:00.250Z"))
        #expect(try await memory.facts().map(\.id) == ["PIXEL001", "ACME0002", "PRIYA004", "TOKYO005"])
        #expect(await memory.store.recoveryReports().isEmpty)

        // The next write keeps every fact, in the canonical layout.
        try await memory.add("I prefer tea")
        let reread = try MemoryStore(directory: memory.directory.path)
        #expect(try await reread.facts(user: memory.ana, includeSuperseded: true).prefix(5) == all[...])
        #expect(memory.contents(memory.file).contains("\"superseded_by\" : \"PRIYA004\""))
    }

    @Test(arguments: damaged.map(\.name))
    func aDamagedFileWithoutBackupIsMovedAside(_ name: String) async throws {
        let memory = try MemoryFixture()
        let original = try Self.fixture(name)
        try original.write(to: URL(fileURLWithPath: memory.file))

        #expect(try await memory.facts() == [])
        let reports = await memory.store.recoveryReports()
        let aside = try #require(Self.quarantined(in: memory.directory.path))
        let problem = try #require(Self.damaged.first { $0.name == name }?.problem)
        #expect(reports.map(\.description) == [
            "\(memory.file): \(problem); no usable backup, moved it aside to \(aside) (nothing deleted)",
        ])
        #expect(FileManager.default.contents(atPath: memory.directory.file(aside)) == original)
        #expect(!FileManager.default.fileExists(atPath: memory.file))

        // Memory works again, and the report is given once.
        let fact = try await memory.add("my dog is called Pixel")
        #expect(try await memory.facts() == [fact])
        #expect(await memory.store.recoveryReports().isEmpty)
    }

    @Test(arguments: damaged.map(\.name))
    func aDamagedFileIsRestoredFromAValidBackup(_ name: String) async throws {
        let memory = try MemoryFixture()
        try Self.fixture(name).write(to: URL(fileURLWithPath: memory.file))
        let backup = try Self.fixture("hand-edited")
        try backup.write(to: URL(fileURLWithPath: memory.file + ".bak"))

        // A write finds the damage too, under the same lock it writes with.
        let added = try await memory.add("I prefer tea")
        let problem = try #require(Self.damaged.first { $0.name == name }?.problem)
        #expect(await memory.store.recoveryReports().map(\.description) == [
            "\(memory.file): \(problem); restored the previous version from memory_ana.json.bak",
        ])
        #expect(try await memory.facts().map(\.id) == ["PIXEL001", "ACME0002", "PRIYA004", "TOKYO005", added.id])
        #expect(Self.quarantined(in: memory.directory.path) == nil)
    }

    @Test func readersRepairOnceAndReportOnce() async throws {
        let memory = try MemoryFixture()
        try Self.fixture("truncated").write(to: URL(fileURLWithPath: memory.file))
        try Self.fixture("hand-edited").write(to: URL(fileURLWithPath: memory.file + ".bak"))
        let other = try MemoryStore(directory: memory.directory.path)
        let user = memory.ana
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for store in [memory.store, other, memory.store, other] {
                group.addTask { try await store.facts(user: user).count }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(counts == [4, 4, 4, 4])
        let reports = await memory.store.recoveryReports() + other.recoveryReports()
        #expect(reports.count == 1)
        #expect(reports.first?.action == .restoredFromBackup)
    }

    @Test func aFactOfAnotherUserOrATakenIDDamagesTheFile() async throws {
        let memory = try MemoryFixture()
        let fact = #"{"id": "A1", "user": "%@", "text": "t", "created_at": "2026-10-02"}"#
        let cases = [
            ([String(format: fact, "bo")], "unexpected value at \"facts.[0].user\""),
            ([String(format: fact, "ana"), String(format: fact, "ana")], "unexpected value at \"facts.[1].id\""),
            ([#"{"id": "A 1", "user": "ana", "text": "t", "created_at": "2026-10-02"}"#], "unexpected value at \"facts.[0].id\""),
            ([#"{"id": "A1", "user": "ana", "text": "t", "created_at": "last week"}"#], "unexpected value at \"facts.[0].created_at\""),
        ]
        for (facts, problem) in cases {
            try Data(#"{"user": "ana", "facts": [\#(facts.joined(separator: ","))]}"#.utf8)
                .write(to: URL(fileURLWithPath: memory.file))
            #expect(try await memory.facts() == [])
            #expect(await memory.store.recoveryReports().first?.description.hasPrefix("\(memory.file): \(problem); ") == true)
        }
    }

    /// The name of the file moved aside in `directory`, if any.
    static func quarantined(in directory: String) -> String? {
        (try? FileManager.default.contentsOfDirectory(atPath: directory))?
            .first { $0.hasPrefix("memory_ana.json.corrupt-") }
    }
}
