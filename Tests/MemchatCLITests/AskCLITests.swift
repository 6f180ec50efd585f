import Foundation
import Testing

/// `memchat ask` as a new user without any API key meets it.
@Suite("memchat ask")
struct AskCLITests {
    @Test func recallAnswersFromMemoryAcrossProcesses() async throws {
        let memchat = try MemchatProcess()
        let told = try await memchat.run(["ask", "remember that my dog is called Pixel"])
        #expect(told.status == 0, "\(told.stderr)")
        #expect(told.stderr.contains("remembered:"))
        #expect(told.stderr.contains("the offline recall responder answers"))

        let context = try await memchat.run(["ask", "--show-context", "what is my dog's name?"])
        #expect(context.status == 0)
        #expect(context.stdout.contains("── system ──"))
        #expect(context.stdout.contains("Pixel"))

        let asked = try await memchat.run(["ask", "--new", "what is my dog's name?"])
        #expect(asked.status == 0)
        #expect(asked.stdout.hasPrefix("[recalled from your own history, not generated]"))
        #expect(asked.stdout.contains("Pixel"))

        // Two questions were stored, each in its own session; --show-context stored nothing.
        let list = try await memchat.run(["sessions", "list", "--json"])
        let sessions = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(sessions.count == 2)
    }

    @Test func questionsFromArgumentsStdinAndAttachedMaterial() async throws {
        let memchat = try MemchatProcess()
        let echo = ["--provider", "echo", "--new"]
        #expect(try await memchat.run(["ask"] + echo + ["hello", "world"]).stdout == "hello world\n")
        #expect(try await memchat.run(["ask"] + echo, stdin: "from stdin\n").stdout == "from stdin\n")
        #expect(try await memchat.run(["ask"] + echo + ["-"], stdin: "dash too").stdout == "dash too\n")
        let review = try await memchat.run(["ask"] + echo + ["review", "this"], stdin: "+ let x = 1\n")
        #expect(review.stdout == "review this\n\n```\n+ let x = 1\n```\n")

        let continued = try await memchat.run(["ask", "--continue", "--json", "--provider", "echo", "and", "again"])
        let record = try #require(try JSONSerialization.jsonObject(with: Data(continued.stdout.utf8)) as? [String: Any])
        #expect(record["answer"] as? String == "and again")
        #expect(record["provider"] as? String == "echo")
        let list = try await memchat.run(["sessions", "list", "--json"])
        let sessions = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(sessions.count == 4)
        #expect(sessions.first?["turns"] as? Int == 4)
    }

    @Test func slashCommandsRememberAndForget() async throws {
        let memchat = try MemchatProcess()
        let told = try await memchat.run(["ask", "/remember my dog is called Pixel"])
        #expect(told.status == 0, "\(told.stderr)")
        #expect(told.stdout.hasPrefix("remembered "))
        #expect(told.stdout.hasSuffix("(global): my dog is called Pixel\n"))
        #expect(try await memchat.run(["sessions", "list"]).stdout.contains("no sessions yet"), "a command is not a question")

        let context = try await memchat.run(["ask", "--show-context", "what is my dog's name?"])
        #expect(context.stdout.contains("- my dog is called Pixel"))

        let forgot = try await memchat.run(["ask", "/forget my dog is called Pixel"])
        #expect(forgot.stdout.hasPrefix("forgot "))
        let unknown = try await memchat.run(["ask", "/remmeber x"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("/remmeber is not a command; the commands are /remember TEXT, /forget ID|TEXT"))
    }

    @Test func incognitoStoresNothing() async throws {
        let memchat = try MemchatProcess()
        let answer = try await memchat.run(["ask", "--incognito", "remember that my password hint is blue"])
        #expect(answer.status == 0)
        #expect(!answer.stderr.contains("remembered:"))
        #expect(try await memchat.run(["sessions", "list"]).stdout.contains("no sessions yet"))
        let memory = try await memchat.run(["memory", "list"]).stdout
        #expect(!memory.contains("blue"))
    }

    @Test func badRequestsAreUsageErrors() async throws {
        let memchat = try MemchatProcess()
        let provider = try await memchat.run(["ask", "--provider", "gpt9", "hi"])
        #expect(provider.status == 2)
        #expect(provider.stderr.contains("--provider: 'gpt9' is not valid; expected openai, ollama, anthropic, recall, echo"))
        let both = try await memchat.run(["ask", "--new", "--continue", "hi"])
        #expect(both.status == 2)
        let empty = try await memchat.run(["ask"], stdin: "")
        #expect(empty.status == 2)
        #expect(empty.stderr.contains("stdin held no question"))
        let missing = try await memchat.run(["ask", "--session", "nope", "hi"])
        #expect(missing.status == 3)
    }
}
