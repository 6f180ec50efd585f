import Foundation
import MemchatTestSupport
import Testing

/// `memchat ask` against a local OpenAI-compatible server, as a user with LM Studio or
/// llama.cpp would run it: streamed answer, stored metadata, errors, sessions.
@Suite("memchat ask with a model server")
struct AskProviderCLITests {
    static func chunk(_ delta: String) -> String {
        "data: {\"choices\":[{\"index\":0,\"delta\":\(delta),\"finish_reason\":null}]}\n\n"
    }

    static let answer = ScriptedHTTPServer.stream([
        chunk(#"{"reasoning_content":"The user wants a name."}"#), chunk(#"{"content":"Call"}"#), chunk(#"{"content":" it Pixel."}"#),
        "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n",
        "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":30,\"completion_tokens\":4}}\n\ndata: [DONE]\n\n",
    ])

    static func turns(_ memchat: MemchatProcess, session: String) async throws -> [[String: Any]] {
        let shown = try await memchat.run(["sessions", "show", session, "--json"])
        let record = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        return try #require(record["turns"] as? [[String: Any]])
    }

    @Test func streamedAnswerIsPrintedAndStoredWithMetadata() async throws {
        let server = try ScriptedHTTPServer(replies: [Self.answer])
        let memchat = try MemchatProcess()
        let environment = ["OPENAI_BASE_URL": server.baseURL + "/v1", "OPENAI_API_KEY": "sk-local-secret"]
        let asked = try await memchat.run(["ask", "--json", "--verbose", "what should I call my dog?"], environment: environment)
        #expect(asked.status == 0, "\(asked.stderr)")
        let record = try #require(try JSONSerialization.jsonObject(with: Data(asked.stdout.utf8)) as? [String: Any])
        #expect(record["answer"] as? String == "Call it Pixel.")
        #expect(record["provider"] as? String == "openai")
        #expect(record["model"] as? String == "gpt-4o-mini")
        #expect(asked.stderr.contains("[verbose] provider openai, model gpt-4o-mini (OPENAI_API_KEY is set)"))
        #expect(asked.stderr.contains("OPENAI_API_KEY set"))
        #expect(!asked.stderr.contains("sk-local-secret"))
        #expect(!asked.stderr.contains("offline recall responder"))

        let turns = try await Self.turns(memchat, session: try #require(record["session"] as? String))
        let metadata = try #require(turns.last?["metadata"] as? [String: Any])
        #expect(metadata["completionTokens"] as? Int == 4)
        #expect(metadata["promptTokens"] as? Int == 30)
        #expect(metadata["reasoning"] as? String == "The user wants a name.")
        #expect(metadata["finishReason"] as? String == "stop")
        #expect(metadata["latencyMs"] != nil)
        #expect(server.requests.first?.headers["authorization"] == "Bearer sk-local-secret")
    }

    @Test func plainOutputLeavesReasoningOut() async throws {
        let server = try ScriptedHTTPServer(replies: [Self.answer])
        let memchat = try MemchatProcess()
        let asked = try await memchat.run(["ask", "name my dog"], environment: ["OPENAI_BASE_URL": server.baseURL + "/v1"])
        #expect(asked.stdout == "Call it Pixel.\n")
    }

    @Test func refusedKeyFailsClearlyAndKeepsTheQuestion() async throws {
        let server = try ScriptedHTTPServer(replies: [ScriptedHTTPServer.reply(
            status: 401, body: #"{"error":{"message":"Incorrect API key provided: sk-bad***"}}"#)])
        let memchat = try MemchatProcess()
        let asked = try await memchat.run(
            ["ask", "--provider", "openai", "hello?"],
            environment: ["OPENAI_BASE_URL": server.baseURL + "/v1", "OPENAI_API_KEY": "sk-bad-secret-key"])
        #expect(asked.status == 1)
        #expect(asked.stderr.contains("openai refused the request (401 Unauthorized): Incorrect API key provided"))
        #expect(asked.stderr.contains("check OPENAI_API_KEY"))
        #expect(asked.stderr.contains("the question is stored; ask again with --continue to retry"))
        #expect(!asked.stderr.contains("sk-bad-secret-key"))

        let list = try await memchat.run(["sessions", "list", "--json"])
        let sessions = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        let turns = try await Self.turns(memchat, session: try #require(sessions.first?["id"] as? String))
        #expect(turns.first?["content"] as? String == "hello?")
        #expect((turns.last?["metadata"] as? [String: Any])?["finishReason"] as? String == "error")
    }

    @Test func aRefusedConnectionReadsAsNoAnswerWhereverTheTurnIsShown() async throws {
        let memchat = try MemchatProcess()
        // Port 9 (discard) has no listener here: the connection is refused at once.
        let asked = try await memchat.run(["ask", "--new", "is the cluster up?"], environment: ["OPENAI_BASE_URL": "http://127.0.0.1:9/v1"])
        #expect(asked.status == 1)
        let list = try await memchat.run(["sessions", "list", "--json"])
        let sessions = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        let id = try #require(sessions.first?["id"] as? String)

        let text = try await memchat.run(["sessions", "show", id])
        let note = "(no answer: cannot reach openai at http://127.0.0.1:9/v1"
        #expect(text.stdout.contains(note), "\(text.stdout)")
        #expect(text.stdout.contains("— the request can be asked again)"))
        let markdown = try await memchat.run(["sessions", "show", id, "--format", "markdown"])
        #expect(markdown.stdout.contains(note), "\(markdown.stdout)")
        // Exports and --json keep what is stored: an empty answer with its error.
        let exported = try await memchat.run(["export"])
        #expect(!exported.stdout.contains("no answer:"))
        #expect(try await Self.turns(memchat, session: id).last?["content"] as? String == "")
    }

    @Test func ctrlCStopsTheStreamAndKeepsThePartialAnswer() async throws {
        var steps = ScriptedHTTPServer.stream([Self.chunk(#"{"content":"Call it"}"#)])
        steps.removeLast()  // the end of the body never comes: the answer hangs after "Call it"
        let server = try ScriptedHTTPServer(replies: [steps + [.waitForRelease]])
        let memchat = try MemchatProcess()
        let running = try memchat.start(["ask", "name my dog"], environment: ["OPENAI_BASE_URL": server.baseURL + "/v1"])
        #expect(await running.waitForOutput(containing: "Call it"))
        running.signal(SIGINT)
        #expect(await running.exitStatus() == 0)
        server.release()

        let list = try await memchat.run(["sessions", "list", "--json"])
        let sessions = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        let turns = try await Self.turns(memchat, session: try #require(sessions.first?["id"] as? String))
        #expect(turns.last?["content"] as? String == "Call it")
        let metadata = try #require(turns.last?["metadata"] as? [String: Any])
        #expect(metadata["interrupted"] as? Bool == true)
        #expect(metadata["finishReason"] as? String == "interrupted")
    }

    @Test func recentSessionIsResumedAndAContextSwitchRecorded() async throws {
        let memchat = try MemchatProcess()
        let echo = ["--provider", "echo", "--json"]
        let first = try await memchat.run(["ask", "--context", "work"] + echo + ["first"])
        let second = try await memchat.run(["ask", "--context", "personal"] + echo + ["second"])
        func session(_ result: MemchatProcess.Result) throws -> String? {
            (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["session"] as? String
        }
        let id = try #require(try session(first))
        #expect(try session(second) == id, "a session active in the last 24 hours is resumed")
        let turns = try await Self.turns(memchat, session: id)
        #expect(turns.map { $0["role"] as? String } == ["user", "assistant", "system", "user", "assistant"])
        let event = try #require(turns[2]["metadata"] as? [String: Any])
        #expect(event["event"] as? String == "context_switch")
        #expect(event["from"] as? String == "work/assistant")
        #expect(event["to"] as? String == "personal/assistant")
        // Each turn says where it was written: the first question stays in work.
        #expect(turns.map { $0["context"] as? String } == ["work", "work", "personal", "personal", "personal"])
        #expect(turns.allSatisfy { $0["mode"] as? String == "assistant" })
        let shown = try await memchat.run(["sessions", "show", id])
        #expect(shown.stdout.contains("personal · assistant"))
        #expect(shown.stdout.split(separator: "\n").filter { $0.hasSuffix("(work/assistant)") }.count == 2, "\(shown.stdout)")
        let exported = try await memchat.run(["export"])
        #expect(exported.stdout.contains(#""context":"work","created_at""#), "\(exported.stdout)")

        let fresh = try await memchat.run(["ask", "--new"] + echo + ["third"])
        #expect(try session(fresh) != id)

        // With session.on_start = "new", each ask starts a session of its own.
        let config = memchat.path("config/memchat/config.toml")
        try FileManager.default.createDirectory(atPath: (config as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try "[session]\non_start = \"new\"\n".write(toFile: config, atomically: true, encoding: .utf8)
        let fourth = try await memchat.run(["ask"] + echo + ["fourth"])
        let fifth = try await memchat.run(["ask"] + echo + ["fifth"])
        #expect(try session(fourth) != session(fifth))
    }

    @Test func firstRunHintIsShownOnce() async throws {
        let memchat = try MemchatProcess()
        let first = try await memchat.run(["ask", "hello"])
        #expect(first.stderr.contains("no model provider is configured, so the offline recall responder answers"))
        let second = try await memchat.run(["ask", "hello again"])
        #expect(!second.stderr.contains("no model provider is configured"))
        let verbose = try await memchat.run(["ask", "--verbose", "and again"])
        #expect(verbose.stderr.contains("no model provider is configured"))
        #expect(verbose.stderr.contains("[verbose] provider recall, model recall (no provider is configured)"))
    }
}
