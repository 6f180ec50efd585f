import MCP

/// A tool as clients see it (`Tool`: name, description, schemas, annotations) with the
/// function that answers a call. The argument names a call may use are the input
/// schema's properties.
struct MCPTool: Sendable {
    let declaration: Tool
    let arguments: [String]
    private let body: @Sendable (ToolArguments, MCPWorkspace) async throws -> CallTool.Result

    init(
        name: String, title: String, description: String, input: Value, output: Value, annotations: Tool.Annotations,
        run body: @escaping @Sendable (ToolArguments, MCPWorkspace) async throws -> CallTool.Result
    ) {
        declaration = Tool(
            name: name, title: title, description: description, inputSchema: input, annotations: annotations, outputSchema: output)
        arguments = input.objectValue?["properties"]?.objectValue.map { Array($0.keys) } ?? []
        self.body = body
    }

    var name: String { declaration.name }

    /// Runs the call; a failure becomes a result with `isError` that says what to change.
    func call(_ values: [String: Value]?, in workspace: MCPWorkspace) async -> CallTool.Result {
        do {
            let arguments = try ToolArguments(tool: name, values: values, declared: arguments)
            return try await body(arguments, workspace)
        } catch {
            return ToolOutput.failure(ToolError.from(error, user: workspace.user))
        }
    }
}

extension Tool.Annotations {
    static func reading(_ title: String) -> Self {
        .init(title: title, readOnlyHint: true, openWorldHint: false)
    }

    static func writing(_ title: String, destructive: Bool, idempotent: Bool) -> Self {
        .init(title: title, readOnlyHint: false, destructiveHint: destructive, idempotentHint: idempotent, openWorldHint: false)
    }
}
