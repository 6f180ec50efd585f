import Foundation
import Testing

@Suite("memchat migrate")
struct MigrateCLITests {
    @Test func fileStoreToSQLiteAndStatsAgree() async throws {
        let memchat = try MemchatProcess()
        let file = ["SESSION_STORAGE_TYPE": "file"]
        #expect(try await memchat.run(["import", MemchatProcess.sampleFile], environment: file).status == 0)
        let sessionFiles = try FileManager.default.contentsOfDirectory(atPath: memchat.dataDirectory + "/sessions")
        #expect(sessionFiles.contains("sessions.json"))
        #expect(sessionFiles.contains("session_01JBSAMPLE2HAIKURAIN.json"))

        let migrated = try await memchat.run(["migrate", "--to", "sqlite"], environment: file)
        #expect(migrated.status == 0, "\(migrated.stderr)")
        #expect(migrated.stdout.contains("copied 6 sessions and 18 turns from file at"))
        #expect(migrated.stdout.contains("counts verified"))

        let fromFile = try await memchat.run(["sessions", "stats", "--json"], environment: file)
        let fromSQLite = try await memchat.run(["sessions", "stats", "--json"])
        let fileStats = try #require(try JSONSerialization.jsonObject(with: Data(fromFile.stdout.utf8)) as? [String: Any])
        let sqliteStats = try #require(try JSONSerialization.jsonObject(with: Data(fromSQLite.stdout.utf8)) as? [String: Any])
        for key in ["total_sessions", "active_sessions", "turns"] {
            #expect(fileStats[key] as? Int == sqliteStats[key] as? Int, "\(key)")
        }
        #expect(try await memchat.run(["search", "haiku"]).stdout.contains("Write a haiku about rain"))

        let again = try await memchat.run(["migrate", "--to", "sqlite"], environment: file)
        #expect(again.status == 2)
        #expect(again.stderr.contains("already holds 6 sessions; pass --merge"))
        let merged = try await memchat.run(["migrate", "--to", "sqlite", "--merge"], environment: file)
        #expect(merged.status == 0)
        #expect(merged.stdout.contains("0 turns added, 18 already there"))

        let bad = try await memchat.run(["migrate", "--to", "mongo"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("The value 'mongo' is invalid for '--to <type>'. Please provide one of 'sqlite' and 'file'."))
    }
}
