import Foundation
import Testing

/// `memchat memory ...` through the real binary, on real files.
@Suite("memchat memory")
struct MemoryCLITests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/memory").path

    /// The first word of the output: the fact id in "remembered ID (...): ...".
    static func id(in output: String) -> String {
        String(output.split(separator: " ").dropFirst().first ?? "")
    }

    @Test func addListAndJSON() async throws {
        let memchat = try MemchatProcess()
        let dog = try await memchat.run(["memory", "add", "My", "dog", "is", "called", "Pixel."])
        #expect(dog.status == 0, "\(dog.stderr)")
        #expect(dog.stdout.hasPrefix("remembered ") && dog.stdout.hasSuffix(" (global): My dog is called Pixel.\n"))
        let again = try await memchat.run(["memory", "add", "my dog is called pixel"])
        #expect(again.stdout == "already " + dog.stdout)
        let work = try await memchat.run(["memory", "add", "--context", "Work", "--pin", "I work at Acme"])
        #expect(work.stdout.hasSuffix(" (work): I work at Acme\n"))

        let list = try await memchat.run(["memory", "list"])
        #expect(list.status == 0)
        let lines = list.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("id ") && lines[0].hasSuffix("fact"))
        #expect(lines[1].hasPrefix(Self.id(in: dog.stdout)) && lines[1].contains("global") && lines[1].hasSuffix("My dog is called Pixel."))
        #expect(lines[2].contains("work") && lines[2].hasSuffix("[pinned] I work at Acme"))
        #expect(try await memchat.run(["memory", "list", "--context", "personal"]).stdout.split(separator: "\n").count == 2)
        #expect(try await memchat.run(["memory"]).stdout == list.stdout)

        let json = try await memchat.run(["memory", "list", "--json", "--context", "work"])
        let facts = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(facts.count == 2)
        #expect(facts[0]["id"] as? String == Self.id(in: dog.stdout))
        #expect(facts[0]["context"] is NSNull)
        #expect(facts[1]["context"] as? String == "work" && facts[1]["pinned"] as? Bool == true)
        #expect(facts[1]["user"] as? String == "ana")
        #expect((facts[1]["source"] as? [String: String])?["kind"] == "explicit")

        let file = memchat.dataDirectory + "/memory_ana.json"
        #expect(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int == 0o600)
        #expect(try await memchat.run(["memory", "list"], environment: ["MEMCHAT_USER": "bo"]).stdout.hasPrefix("no memory facts"))
    }

    @Test func forgetByIDAndByText() async throws {
        let memchat = try MemchatProcess()
        let dog = try await memchat.run(["memory", "add", "my dog is called Pixel"])
        _ = try await memchat.run(["memory", "add", "--context", "work", "my dog is called Pixel"])
        let tea = try await memchat.run(["memory", "add", "I prefer tea"])

        let byID = try await memchat.run(["memory", "forget", Self.id(in: tea.stdout)])
        #expect(byID.status == 0, "\(byID.stderr)")
        #expect(byID.stdout == "forgot \(Self.id(in: tea.stdout)) (global): I prefer tea\n")

        let byText = try await memchat.run(["memory", "forget", "My", "dog", "is", "called", "Pixel!"])
        #expect(byText.status == 0)
        let forgotten = byText.stdout.split(separator: "\n")
        #expect(forgotten.count == 2)
        #expect(forgotten[0] == "forgot \(Self.id(in: dog.stdout)) (global): my dog is called Pixel")
        #expect(forgotten[1].hasSuffix(" (work): my dog is called Pixel"))
        #expect(try await memchat.run(["memory", "list"]).stdout.hasPrefix("no memory facts"))
        let backup = try String(contentsOfFile: memchat.dataDirectory + "/memory_ana.json.bak", encoding: .utf8)
        #expect(!backup.contains("Pixel") && !backup.contains("tea"))
    }

    @Test func exitCodes() async throws {
        let memchat = try MemchatProcess()
        _ = try await memchat.run(["memory", "add", "I work at Acme"])
        _ = try await memchat.run(["memory", "add", "I work from home"])

        let unknown = try await memchat.run(["memory", "forget", "NOPE1234"])
        #expect(unknown.status == 3)
        #expect(unknown.stderr == "memchat: error: no memory fact has the id or text 'NOPE1234'; `memchat memory list` shows ids and texts\n")

        let ambiguous = try await memchat.run(["memory", "forget", "I", "work"])
        #expect(ambiguous.status == 2)
        #expect(ambiguous.stderr.contains("'I work' is part of 2 facts"))

        for arguments in [["memory", "add", "--context", "no/such", "x"], ["memory", "list", "--context", "Bad Name"]] {
            let badContext = try await memchat.run(arguments)
            #expect(badContext.status == 2, "\(arguments)")
            #expect(badContext.stderr.contains("is invalid for '--context <name>'"))
            #expect(badContext.stderr.contains("Contexts: work, personal, creative, general or a name of your own"))
        }

        let empty = try await memchat.run(["memory", "add", " "])
        #expect(empty.status == 2)
        #expect(empty.stderr.contains("give the fact to remember"))
        let long = try await memchat.run(["memory", "add", String(repeating: "x", count: 1001)])
        #expect(long.status == 2)
        #expect(long.stderr.contains("at most 1000 characters"))
        #expect(try await memchat.run(["memory", "list"]).stdout.split(separator: "\n").count == 3)
    }

    @Test func handEditedHistoryAndDamagedFiles() async throws {
        let memchat = try MemchatProcess()
        try FileManager.default.createDirectory(atPath: memchat.dataDirectory, withIntermediateDirectories: true)
        let file = memchat.dataDirectory + "/memory_ana.json"
        try FileManager.default.copyItem(atPath: Self.fixtures + "/hand-edited.json", toPath: file)

        let current = try await memchat.run(["memory", "list", "--context", "work"])
        #expect(current.stdout.contains("my manager is Priya") && !current.stdout.contains("Tom"))
        let all = try await memchat.run(["memory", "list", "--context", "work", "--all"])
        #expect(all.stdout.contains("TOM00003  work     other  2026-10-01 06:00  [replaced by PRIYA004] my manager is Tom"))

        try FileManager.default.removeItem(atPath: file)
        try FileManager.default.copyItem(atPath: Self.fixtures + "/truncated.json", toPath: file)
        let damaged = try await memchat.run(["memory", "list"])
        #expect(damaged.status == 0)
        #expect(damaged.stdout.hasPrefix("no memory facts"))
        let aside = try #require(try FileManager.default.contentsOfDirectory(atPath: memchat.dataDirectory)
            .first { $0.hasPrefix("memory_ana.json.corrupt-") })
        #expect(damaged.stderr == "memchat: recovered: \(file): not valid JSON (truncated or damaged, 300 bytes); "
            + "no usable backup, moved it aside to \(aside) (nothing deleted)\n")
    }

    @Test func persistenceDisabledKeepsNothing() async throws {
        let memchat = try MemchatProcess()
        let temporary = memchat.path("tmp")
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        let added = try await memchat.run(
            ["memory", "add", "my dog is called Pixel"],
            environment: ["SESSION_PERSISTENCE_ENABLED": "false", "TMPDIR": temporary])
        #expect(added.status == 0)
        #expect(added.stdout.hasPrefix("remembered "))
        #expect(added.stderr.contains("memory is kept in a temporary directory removed when this command ends"))
        #expect(!FileManager.default.fileExists(atPath: memchat.dataDirectory + "/memory_ana.json"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary) == [])
        #expect(try await memchat.run(["memory", "list"]).stdout.hasPrefix("no memory facts"))
    }
}
