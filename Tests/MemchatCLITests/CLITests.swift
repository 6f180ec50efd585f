import Foundation
import Testing

/// The command line as a new user meets it: the real binary, real files.
@Suite("memchat command line")
struct CLITests {
    @Test func summaryWithoutArguments() async throws {
        let memchat = try MemchatProcess()
        let result = try await memchat.run([])
        #expect(result.status == 0)
        #expect(result.stdout.contains("user:   ana"))
        #expect(result.stdout.contains("0 sessions (0 active), 0 turns for ana"))
        for command in ["import", "export", "sessions", "search", "config"] {
            #expect(result.stdout.contains("memchat \(command)"))
        }
    }

    @Test func importListSearchExportReimport() async throws {
        let memchat = try MemchatProcess()
        let imported = try await memchat.run(["import", MemchatProcess.sampleFile])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("6 new sessions"))
        #expect(imported.stdout.contains("18 turns added"))

        let list = try await memchat.run(["sessions", "list"])
        #expect(list.stdout.contains("Postgres failover plan"))
        #expect(list.stdout.contains("東京の天気について"))
        #expect(list.stdout.split(separator: "\n").count == 7)

        let search = try await memchat.run(["search", "replication", "lag"])
        #expect(search.status == 0)
        #expect(search.stdout.contains("Postgres failover plan"))
        #expect(search.stdout.contains("replication lag"))

        let exported = try await memchat.run(["export"])
        #expect(exported.stdout.split(separator: "\n").count == 6)
        let again = try await memchat.run(["import", "-"], stdin: exported.stdout)
        #expect(again.status == 0)
        #expect(again.stdout.contains("0 new sessions, 0 updated, 0 turns added, 18 already present"))
        #expect(try await memchat.run(["export"]).stdout == exported.stdout)

        let stats = try await memchat.run(["sessions", "stats", "--json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        #expect(json["total_sessions"] as? Int == 6)
        #expect(json["turns"] as? Int == 18)
        #expect(json["storage_type"] as? String == "sqlite")
        #expect((json["file_size_bytes"] as? Int ?? 0) > 0)
    }

    @Test func usersAreSeparate() async throws {
        let memchat = try MemchatProcess()
        _ = try await memchat.run(["import", MemchatProcess.sampleFile])
        let other = try await memchat.run(["sessions", "list"], environment: ["MEMCHAT_USER": "bo"])
        #expect(other.stdout.contains("no sessions yet"))
        let all = try await memchat.run(["sessions", "list", "--all-users", "--user", "bo", "--json"])
        let sessions = try #require(try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as? [[String: Any]])
        #expect(sessions.count == 6)
        #expect(try await memchat.run(["search", "haiku", "--user", "bo"]).stdout.contains("no matches"))
    }

    @Test func sessionCommandsAndExitCodes() async throws {
        let memchat = try MemchatProcess()
        _ = try await memchat.run(["import", MemchatProcess.sampleFile])
        let show = try await memchat.run(["sessions", "show", "01JBSAMPLE2HAIKURAIN"])
        #expect(show.status == 0)
        #expect(show.stdout.contains("Tin roof drums all night"))
        #expect(try await memchat.run(["sessions", "rename", "01JBSAMPLE2HAIKURAIN", "Rain", "poems"]).status == 0)
        #expect(try await memchat.run(["sessions", "end", "01JBSAMPLE2HAIKURAIN"]).status == 0)
        let ended = try await memchat.run(["sessions", "list", "--state", "ended"])
        #expect(ended.stdout.contains("Rain poems"))

        let missing = try await memchat.run(["sessions", "show", "no-such-session"])
        #expect(missing.status == 3)
        #expect(missing.stderr.contains("no session with id no-such-session"))

        let refused = try await memchat.run(["sessions", "delete", "01JBSAMPLE2HAIKURAIN"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--yes"))
        #expect(try await memchat.run(["sessions", "delete", "01JBSAMPLE2HAIKURAIN", "--yes"]).status == 0)
        #expect(try await memchat.run(["search", "tin", "roof"]).stdout.contains("no matches"))

        let merged = try await memchat.run(["sessions", "merge", "01JBSAMPLE0POSTGRESFAILOVER", "01JBSAMPLE1Q3REVIEWPRIYA"])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout.contains("4 turns moved, 8 turns now"))
    }

    @Test func badInputGetsClearMessages() async throws {
        let memchat = try MemchatProcess()
        let storage = try await memchat.run(["sessions", "list"], environment: ["SESSION_STORAGE_TYPE": "mongo"])
        #expect(storage.status == 2)
        #expect(storage.stderr.contains("SESSION_STORAGE_TYPE: 'mongo' is not valid; expected sqlite or file"))

        let hours = try await memchat.run(["sessions", "list"], environment: ["SESSION_EXPIRATION_HOURS": "-3"])
        #expect(hours.status == 2)
        #expect(hours.stderr.contains("SESSION_EXPIRATION_HOURS: '-3'"))

        let configDir = memchat.path("config/memchat")
        try FileManager.default.createDirectory(atPath: configDir, withIntermediateDirectories: true)
        try "[session]\nstorage_type = \"sqlite\nexpiration_hours = 3\n".write(
            toFile: configDir + "/config.toml", atomically: true, encoding: .utf8)
        let toml = try await memchat.run(["sessions", "list"])
        #expect(toml.status == 2)
        #expect(toml.stderr.contains("config.toml:2:"))
        try FileManager.default.removeItem(atPath: configDir + "/config.toml")

        let badUser = try await memchat.run(["sessions", "list", "--user", "../etc"])
        #expect(badUser.status == 2)
        #expect(badUser.stderr.contains("user name '../etc'"))

        let file = memchat.path("bad.jsonl")
        try "{\"id\":\"ok1\",\"created_at\":\"2026-01-01T00:00:00Z\",\"turns\":[]}\n{\"id\":\"x\",\"created_at\":\"2026-01-01T00:00:00Z\",\"turns\":[{\"role\":\"bot\",\"content\":\"hi\"}]}\n{oops\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let partial = try await memchat.run(["import", file])
        #expect(partial.status == 1)
        #expect(partial.stdout.contains("1 new sessions"))
        #expect(partial.stderr.contains("line 2: field \"turns[0].role\": 'bot' is not a role"))
        #expect(partial.stderr.contains("line 3: not a JSON object"))
        #expect(partial.stderr.contains("2 of 3 lines were not imported"))

        let missingFile = try await memchat.run(["import", memchat.path("nope.jsonl")])
        #expect(missingFile.status == 1)
        #expect(missingFile.stderr.contains("cannot read"))

        let empty = try await memchat.run(["search", "++"])
        #expect(empty.status == 2)
        #expect(empty.stderr.contains("nothing to search for"))

        let unknown = try await memchat.run(["frobnicate"])
        #expect(unknown.status == 2)
    }

    @Test func persistenceDisabledWritesNothing() async throws {
        let memchat = try MemchatProcess()
        let result = try await memchat.run(["import", MemchatProcess.sampleFile], environment: ["SESSION_PERSISTENCE_ENABLED": "false"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("persistence is disabled"))
        #expect(!FileManager.default.fileExists(atPath: memchat.dataDirectory + "/memchat.sqlite"))
        #expect(try await memchat.run(["sessions", "stats", "--json"]).stdout.contains("\"total_sessions\" : 0"))
    }

    /// `sessions list`, `sessions stats` and `search` open the store read-only: the
    /// database file is not touched, even by the commit a pool that may write makes.
    @Test func readingCommandsLeaveTheDatabaseAsItWas() async throws {
        let memchat = try MemchatProcess()
        #expect(try await memchat.run(["import", MemchatProcess.sampleFile]).status == 0)
        let database = URL(fileURLWithPath: memchat.dataDirectory + "/memchat.sqlite")
        let before = try Data(contentsOf: database)
        let list = try await memchat.run(["sessions", "list"])
        #expect(list.status == 0 && list.stdout.contains("Postgres failover plan"))
        let stats = try await memchat.run(["sessions", "stats"])
        #expect(stats.status == 0 && stats.stdout.contains("total sessions:   6"))
        let search = try await memchat.run(["search", "standby"])
        #expect(search.status == 0 && search.stdout.contains("Postgres failover plan"))
        #expect(try Data(contentsOf: database) == before)
        // A writing command afterwards still works on the files the readers left.
        #expect(try await memchat.run(["sessions", "rename", "01JBSAMPLE4TOKYOTRIP", "Tokyo weather"]).status == 0)
        #expect(try await memchat.run(["sessions", "list"]).stdout.contains("Tokyo weather"))
    }

    @Test func configShowsSources() async throws {
        let memchat = try MemchatProcess()
        let result = try await memchat.run(["config", "--expiration-hours", "48"], environment: ["SESSION_STORAGE_TYPE": "sqlite"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("flag --expiration-hours"))
        #expect(result.stdout.contains("environment SESSION_STORAGE_TYPE"))
        #expect(result.stdout.contains("environment MEMCHAT_USER"))
    }
}
