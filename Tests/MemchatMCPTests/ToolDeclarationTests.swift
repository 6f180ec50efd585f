import MCP
import Testing

@Suite("MCP tool declarations")
struct ToolDeclarationTests {
    @Test func everyToolDeclaresSchemasAnnotationsAndItsBound() async throws {
        let harness = try await MCPHarness()
        let tools = try await harness.client.listTools().tools
        #expect(tools.map(\.name) == [
            "list_sessions", "resume_session", "export_session", "merge_sessions", "cleanup_sessions",
            "search_sessions", "remember", "recall_memory", "forget_memory",
        ])
        for tool in tools {
            #expect(tool.inputSchema["type"] == "object", "\(tool.name)")
            #expect(tool.inputSchema["additionalProperties"] == false, "\(tool.name)")
            #expect(tool.outputSchema?["type"] == "object", "\(tool.name)")
            #expect(tool.annotations.readOnlyHint != nil, "\(tool.name)")
            #expect(tool.annotations.openWorldHint == false, "\(tool.name)")
        }
        let readOnly = Set(tools.filter { $0.annotations.readOnlyHint == true }.map(\.name))
        #expect(readOnly == ["list_sessions", "export_session", "search_sessions", "recall_memory"])
        let destructive = Set(tools.filter { $0.annotations.destructiveHint == true }.map(\.name))
        #expect(destructive == ["merge_sessions", "cleanup_sessions", "forget_memory"])
        // Every tool states its bound.
        for tool in tools {
            #expect(tool.description?.contains("24000 characters") == true, "\(tool.name)")
        }
    }

    @Test func anUnknownToolIsAnErrorNamingTheToolsThereAre() async throws {
        let harness = try await MCPHarness()
        let message = try await harness.failure("delete_everything")
        #expect(message.contains("there is no tool named 'delete_everything'"))
        #expect(message.contains("list_sessions"))
    }
}
