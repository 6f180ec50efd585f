import Foundation
import MCP
import Testing

/// `memchat mcp` as a client meets it: the real binary over stdio, the SDK's client.
@Suite("memchat mcp over stdio")
struct MCPServerTests {
    @Test func theSDKClientInitializesListsAndCallsEveryTool() async throws {
        let memchat = try MemchatProcess()
        #expect(try await memchat.run(["import", Self.sample]).status == 0)
        #expect(try await memchat.run(["memory", "add", "my dog is called Pixel"]).status == 0)
        let bos = try await memchat.run(["ask", "--new", "what is a haiku?"], environment: ["MEMCHAT_USER": "bo"])
        #expect(bos.status == 0)
        let bosSession = try #require(try await memchat.run(["sessions", "list", "--json"], environment: ["MEMCHAT_USER": "bo"])
            .stdout.firstMatch(of: /"id" ?: ?"([0-9A-Z]+)"/)?.1).description

        let server = try await MCPServerProcess(memchat)
        var transcript = "initialize: server \(server.initialized.serverInfo.name) \(server.initialized.serverInfo.version), "
            + "protocol \(server.initialized.protocolVersion)\n"
        #expect(server.initialized.serverInfo.name == "memchat")
        let tools = try await server.client.listTools().tools
        transcript += "tools/list: \(tools.map(\.name).joined(separator: ", "))\n"
        #expect(tools.count == 9)

        func call(_ name: String, _ arguments: [String: Value], failing: Bool = false) async throws -> Value {
            let result = try await server.call(name, arguments)
            let text = MCPServerProcess.text(result)
            let shown = text.count > 700 ? String(text.prefix(700)) + "…" : text
            transcript += "\n→ \(name) \(String(decoding: try JSONEncoder().encode(arguments), as: UTF8.self))\n← \(result.isError == true ? "isError: " : "")\(shown)\n"
            #expect((result.isError == true) == failing, "\(name): \(text)")
            return result.structuredContent ?? .null
        }

        let listed = try await call("list_sessions", ["limit": 3])
        #expect(listed["sessions"]?.arrayValue?.count == 3)
        #expect(listed["next_cursor"]?.stringValue != nil)
        let searched = try await call("search_sessions", ["query": "standby", "limit": 2])
        #expect(searched["results"]?.arrayValue?.first?["session_id"] == "01JBSAMPLE0POSTGRESFAILOVER")
        let recalled = try await call("recall_memory", ["query": "what's my dog's name?"])
        #expect(recalled["facts"]?.arrayValue?.first?["text"] == "my dog is called Pixel")
        let resumed = try await call("resume_session", ["session_id": "01JBSAMPLE3HIKESLYON", "limit": 2])
        #expect(resumed["turns"]?.arrayValue?.count == 2)
        let exported = try await call("export_session", ["session_id": "01JBSAMPLE2HAIKURAIN"])
        #expect(exported["record"]?["turns"]?.arrayValue?.count == 4)
        let remembered = try await call("remember", ["text": "I live in Lyon", "kind": "profile"])
        #expect(remembered["fact"]?["kind"] == "profile")
        let forgotten = try await call("forget_memory", ["fact": "I live in Lyon"])
        #expect(forgotten["forgotten"]?.arrayValue?.count == 1)
        let merged = try await call("merge_sessions", ["primary_id": "01JBSAMPLE3HIKESLYON", "secondary_ids": ["01JBSAMPLE4TOKYOTRIP"]])
        #expect(merged["moved_turns"] == 2)
        let cleanup = try await call("cleanup_sessions", ["older_than_days": 0])
        #expect(cleanup["deleted"] == false)
        #expect(cleanup["sessions"]?.arrayValue?.contains { $0["id"] == "01JBSAMPLE4TOKYOTRIP" } == true)

        _ = try await call("list_sessions", ["limit": "ten"], failing: true)
        _ = try await call("resume_session", ["session_id": "01JNOSUCHSESSION"], failing: true)
        _ = try await call("export_session", ["session_id": .string(bosSession)], failing: true)
        #expect(transcript.contains("user ana has no session with id \(bosSession)"))

        let status = await server.close()
        #expect(status == 0)
        print(transcript)
        // Nothing the dry run listed was deleted; the merge and the fact stayed.
        let sessions = try await memchat.run(["sessions", "list", "--json"])
        #expect(sessions.stdout.contains("01JBSAMPLE4TOKYOTRIP"))
        #expect(try await memchat.run(["memory", "list"]).stdout.contains("my dog is called Pixel"))
    }

    @Test func twoServersAndAnAskLoopWritingAtOnceLoseNothing() async throws {
        let memchat = try MemchatProcess()
        #expect(try await memchat.run(["import", Self.sample]).status == 0)
        let servers = [try await MCPServerProcess(memchat), try await MCPServerProcess(memchat)]
        let rounds = 25, asks = 10
        let acknowledged = try await withThrowingTaskGroup(of: [String].self) { group in
            for (index, server) in servers.enumerated() {
                group.addTask {
                    var facts: [String] = []
                    for round in 0..<rounds {
                        let text = "server \(index) fact \(round)"
                        let result = try await server.call("remember", ["text": .string(text)])
                        if result.isError != true { facts.append(text) }
                        // Reads between the writes, as a client's model would interleave them.
                        _ = try await server.call(round % 2 == 0 ? "search_sessions" : "recall_memory", ["query": "standby lag"])
                        _ = try await server.call("list_sessions", ["limit": 5])
                    }
                    return facts
                }
            }
            group.addTask {
                var questions: [String] = []
                for round in 0..<asks {
                    let question = "ask loop question \(round) about the standby"
                    if try await memchat.run(["ask", "--new", question]).status == 0 { questions.append(question) }
                }
                return questions
            }
            var all: [String] = []
            for try await done in group { all += done }
            return all
        }
        for server in servers { #expect(await server.close() == 0) }

        let facts = acknowledged.filter { $0.hasPrefix("server ") }
        let questions = acknowledged.filter { $0.hasPrefix("ask loop ") }
        #expect(facts.count == 2 * rounds)
        #expect(questions.count == asks)
        let memory = try await memchat.run(["memory", "list", "--json"]).stdout
        for fact in facts { #expect(memory.contains("\"\(fact)\""), "lost fact: \(fact)") }
        let found = try await memchat.run(["search", "ask", "loop", "question", "--limit", "50", "--json"]).stdout
        for question in questions { #expect(found.contains(question), "lost turn: \(question)") }
        // Every session of the ask loop holds its question and the answer.
        let sessions = try await memchat.run(["sessions", "list", "--json", "--limit", "100"]).stdout
        #expect(sessions.components(separatedBy: "ask loop question").count - 1 == asks)
    }

    /// `memchat mcp` runs the memchat-mcp program from memchat's own directory, found
    /// through a symbolic link too; its options are checked before, and without the
    /// program the error says where it looked and what to install.
    @Test func memchatStartsTheProgramBesideItself() async throws {
        let memchat = try MemchatProcess()
        let built = try MemchatProcess.executable("memchat")
        let symlink = memchat.path("memchat-link")
        try FileManager.default.createSymbolicLink(atPath: symlink, withDestinationPath: built)
        let served = try await memchat.run(["mcp"], stdin: "", executable: symlink)
        #expect(served.status == 0, "the client closed its input at once: \(served.stderr)")

        let badFlag = try await memchat.run(["mcp", "--limit", "3"], executable: symlink)
        #expect(badFlag.status == 2)
        #expect(badFlag.stderr.contains("Unknown option '--limit'"))
        let badValue = try await memchat.run(["mcp", "--retrieval", "psychic"], executable: symlink)
        #expect(badValue.status == 2)
        #expect(badValue.stderr.contains("psychic"))

        let alone = memchat.path("alone")
        try FileManager.default.createDirectory(atPath: alone, withIntermediateDirectories: true)
        let copy = (alone as NSString).appendingPathComponent("memchat")
        // A hard link, not a copy: a file still open for writing while another test forks
        // a child cannot be run ("text file busy"). A copy only across file systems.
        if link(built, copy) != 0 { try FileManager.default.copyItem(atPath: built, toPath: copy) }
        let missing = try await memchat.run(["mcp"], stdin: "", executable: copy)
        #expect(missing.status == 1)
        #expect(missing.stderr == """
            memchat: error: memchat mcp runs the program memchat-mcp, which is not in \(alone). Build it as memchat was built \
            (`swift build --product memchat-mcp`, adding `-c release --static-swift-stdlib` for a release) and put it in that \
            directory (README, Install)

            """)
        #expect(try await memchat.run(["sessions", "list"], executable: copy).status == 0, "every other command works without it")
    }

    static var sample: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("data/sample.jsonl").path
    }
}

extension Value {
    subscript(key: String) -> Value? { objectValue?[key] }
}
