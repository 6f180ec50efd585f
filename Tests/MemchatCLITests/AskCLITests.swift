import Foundation
import Testing

/// `memchat ask` as a new user without any API key meets it.
@Suite("memchat ask")
struct AskCLITests {
    @Test func recallAnswersFromMemoryAcrossProcesses() throws {
        let memchat = try MemchatProcess()
        let told = try memchat.run(["ask", "remember that my dog is called Pixel"])
        #expect(told.status == 0, "\(told.stderr)")
        #expect(told.stderr.contains("remembered:"))
        #expect(told.stderr.contains("offline recall responder"))

        let context = try memchat.run(["ask", "--show-context", "what is my dog's name?"])
        #expect(context.status == 0)
        #expect(context.stdout.contains("── system ──"))
        #expect(context.stdout.contains("Pixel"))

        let asked = try memchat.run(["ask", "--new", "what is my dog's name?"])
        #expect(asked.status == 0)
        #expect(asked.stdout.hasPrefix("[recalled from your own history, not generated]"))
        #expect(asked.stdout.contains("Pixel"))

        // Two questions were stored, each in its own session; --show-context stored nothing.
        let list = try memchat.run(["sessions", "list", "--json"])
        let sessions = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(sessions.count == 2)
    }

    @Test func questionsFromArgumentsStdinAndAttachedMaterial() throws {
        let memchat = try MemchatProcess()
        let echo = ["--provider", "echo", "--new"]
        #expect(try memchat.run(["ask"] + echo + ["hello", "world"]).stdout == "hello world\n")
        #expect(try memchat.run(["ask"] + echo, stdin: "from stdin\n").stdout == "from stdin\n")
        #expect(try memchat.run(["ask"] + echo + ["-"], stdin: "dash too").stdout == "dash too\n")
        let review = try memchat.run(["ask"] + echo + ["review", "this"], stdin: "+ let x = 1\n")
        #expect(review.stdout == "review this\n\n```\n+ let x = 1\n```\n")

        let continued = try memchat.run(["ask", "--continue", "--json", "--provider", "echo", "and", "again"])
        let record = try #require(try JSONSerialization.jsonObject(with: Data(continued.stdout.utf8)) as? [String: Any])
        #expect(record["answer"] as? String == "and again")
        #expect(record["provider"] as? String == "echo")
        let list = try memchat.run(["sessions", "list", "--json"])
        let sessions = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(sessions.count == 4)
        #expect(sessions.first?["turns"] as? Int == 4)
    }

    @Test func incognitoStoresNothing() throws {
        let memchat = try MemchatProcess()
        let answer = try memchat.run(["ask", "--incognito", "remember that my password hint is blue"])
        #expect(answer.status == 0)
        #expect(!answer.stderr.contains("remembered:"))
        #expect(try memchat.run(["sessions", "list"]).stdout.contains("no sessions yet"))
        #expect(try memchat.run(["memory", "list"]).stdout.contains("no facts") || !(try memchat.run(["memory", "list"]).stdout.contains("blue")))
    }

    @Test func badRequestsAreUsageErrors() throws {
        let memchat = try MemchatProcess()
        let provider = try memchat.run(["ask", "--provider", "gpt9", "hi"])
        #expect(provider.status == 2)
        #expect(provider.stderr.contains("--provider: 'gpt9' is not valid; expected openai, ollama, anthropic, recall, echo"))
        let both = try memchat.run(["ask", "--new", "--continue", "hi"])
        #expect(both.status == 2)
        let empty = try memchat.run(["ask"], stdin: "")
        #expect(empty.status == 2)
        #expect(empty.stderr.contains("stdin held no question"))
        let missing = try memchat.run(["ask", "--session", "nope", "hi"])
        #expect(missing.status == 3)
    }
}
