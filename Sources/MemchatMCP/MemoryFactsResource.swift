import Foundation
import MCP
import MemchatCore
import MemchatStore

/// The user's current memory facts as a resource, for clients that show or attach
/// resources. Bounded like the tools: one resource per page of at most
/// `ResultSize.characterLimit` characters, `memchat://memory/facts` being the first.
enum MemoryFactsResource {
    static let uri = "memchat://memory/facts"

    struct Page: Encodable {
        var user: String
        var page: Int
        var pages: Int
        var facts: [FactOutput]
    }

    static func uri(page: Int) -> String {
        page == 1 ? uri : "\(uri)?page=\(page)"
    }

    static func list(_ workspace: MCPWorkspace) async throws -> [Resource] {
        let pages = try await pages(workspace)
        return pages.indices.map { index in
            let number = index + 1
            return Resource(
                name: pages.count == 1 ? "memory facts" : "memory facts, page \(number) of \(pages.count)",
                uri: uri(page: number), title: "\(workspace.user)'s memory facts" + (pages.count == 1 ? "" : " (\(number)/\(pages.count))"),
                description: "The facts memchat remembers about \(workspace.user), oldest first, with their context and kind.",
                mimeType: "application/json")
        }
    }

    static func read(_ requested: String, in workspace: MCPWorkspace) async throws -> ReadResource.Result {
        let pages = try await pages(workspace)
        guard let number = pageNumber(of: requested), (1...max(pages.count, 1)).contains(number) else {
            throw MCPError.invalidParams(
                "no resource \(requested); this server has \(uri(page: 1))" + (pages.count > 1 ? " to \(uri(page: pages.count))" : ""))
        }
        let page = Page(user: workspace.user.rawValue, page: number, pages: max(pages.count, 1), facts: pages.isEmpty ? [] : pages[number - 1])
        let text = String(decoding: try ToolOutput.encoder.encode(page), as: UTF8.self)
        return .init(contents: [.text(text, uri: requested, mimeType: "application/json")])
    }

    /// The current facts, split into pages that fit.
    private static func pages(_ workspace: MCPWorkspace) async throws -> [[FactOutput]] {
        var pages: [[FactOutput]] = []
        var page = ResultSize.Page<FactOutput>()
        for fact in try await workspace.memory.facts(user: workspace.user) {
            let output = FactOutput(fact)
            if !page.add(output) {
                pages.append(page.items)
                page = ResultSize.Page<FactOutput>()
                _ = page.add(output)
            }
        }
        if !page.items.isEmpty { pages.append(page.items) }
        return pages
    }

    private static func pageNumber(of requested: String) -> Int? {
        if requested == uri { return 1 }
        guard requested.hasPrefix(uri + "?page=") else { return nil }
        return Int(requested.dropFirst(uri.count + "?page=".count))
    }
}
