import Foundation
import Testing

/// `memchat ask --incognito`: answered, and nothing in the data directory changes.
@Suite("memchat ask --incognito")
struct IncognitoCLITests {
    @Test func incognitoAsksTouchNoFile() async throws {
        let memchat = try MemchatProcess()
        #expect(try await memchat.run(["ask", "--provider", "echo", "an ordinary stored question"]).status == 0)
        #expect(try await memchat.run(["memory", "add", "my dog is called Pixel"]).status == 0)
        let before = DataDirectorySnapshot(memchat.dataDirectory)

        let asked = try await memchat.run(["ask", "--incognito", "--provider", "echo", "remember that my PIN is 8812 zebra"])
        #expect(asked.status == 0, "\(asked.stderr)")
        #expect(asked.stdout == "remember that my PIN is 8812 zebra\n")
        #expect(!asked.stderr.contains("remembered"), "nothing is learned")
        let recalled = try await memchat.run(["ask", "--incognito", "what is my dog's name?"])
        #expect(recalled.status == 0, "\(recalled.stderr)")
        #expect(recalled.stdout.contains("[recalled"))

        let remember = try await memchat.run(["ask", "--incognito", "/remember my PIN is 8812"])
        #expect(remember.status == 2)
        #expect(remember.stderr.contains("incognito keeps no memory: /remember and /forget work once incognito is off"))
        let continued = try await memchat.run(["ask", "--incognito", "--continue", "and then?"])
        #expect(continued.status == 2)
        #expect(continued.stderr.contains("--incognito starts a conversation that is not stored"))

        #expect(DataDirectorySnapshot(memchat.dataDirectory) == before)
        #expect(!DataDirectorySnapshot(memchat.dataDirectory).contains("8812"))
        #expect(try await memchat.run(["search", "zebra"]).stdout.contains("no matches"))
        #expect(!(try await memchat.run(["memory", "list"]).stdout.contains("8812")))
    }

    @Test func incognitoOnAFreshMachineCreatesNoDataDirectory() async throws {
        let memchat = try MemchatProcess()
        let asked = try await memchat.run(["ask", "--incognito", "hello"])
        #expect(asked.status == 0, "\(asked.stderr)")
        #expect(!FileManager.default.fileExists(atPath: memchat.dataDirectory), "\(DataDirectorySnapshot(memchat.dataDirectory))")
    }
}
