import MCP
import Testing

@Suite("MCP tool arguments")
struct ToolArgumentTests {
    @Test(arguments: [
        ("list_sessions", ["limit": "ten"] as [String: Value], "'limit' is the string 'ten'. give an integer."),
        ("list_sessions", ["limit": 0], "'limit' is 0. give a number from 1 to 100."),
        ("list_sessions", ["limt": 5], "list_sessions has no argument 'limt'. use only: context, cursor, limit, state."),
        ("list_sessions", ["state": "open"], "'state' is 'open'. use one of: active, expired, ended."),
        ("list_sessions", ["context": "two words"], "'context' is not a context"),
        ("resume_session", [:], "resume_session needs the argument 'session_id'"),
        ("resume_session", ["session_id": "bad id!"], "'session_id' is not a session id"),
        ("search_sessions", ["query": "   "], "'query' is empty. give some text."),
        ("merge_sessions", ["primary_id": "01JAAAAAAAAAAA", "secondary_ids": "01JBBBBBBBBBBB"], "'secondary_ids' is the string '01JBBBBBBBBBBB'. give an array of strings."),
        ("remember", ["text": "x", "kind": "trivia"], "'kind' is 'trivia'. use one of: profile, standing, other."),
        ("remember", ["text": .string(String(repeating: "y", count: 1_200))], "memory keeps short statements of at most 1000 characters"),
        ("cleanup_sessions", ["confirm": "yes"], "'confirm' is the string 'yes'. give true or false."),
    ])
    func aBadArgumentIsAnErrorNamingItAndTheFix(tool: String, arguments: [String: Value], expected: String) async throws {
        let harness = try await MCPHarness()
        let message = try await harness.failure(tool, arguments)
        #expect(message.contains(expected), "\(message)")
    }

    @Test func aCursorIsRefusedByAnotherToolOrWithOtherArguments() async throws {
        let harness = try await MCPHarness()
        for index in 0..<3 { try await harness.session(context: .work, [("q\(index)", "a")]) }
        let page = try await harness.output("list_sessions", ["limit": 1, "context": "work"])
        let cursor = try #require(page["next_cursor"])
        let other = try await harness.failure("list_sessions", ["limit": 1, "context": "personal", "cursor": cursor])
        #expect(other.contains("the cursor is not one list_sessions returned for these arguments"))
        _ = try await harness.failure("search_sessions", ["query": "q0", "cursor": cursor])
        _ = try await harness.failure("list_sessions", ["cursor": "not-a-cursor"])
        let next = try await harness.output("list_sessions", ["limit": 1, "context": "work", "cursor": cursor])
        #expect(next["sessions"]?.items.count == 1)
    }
}
