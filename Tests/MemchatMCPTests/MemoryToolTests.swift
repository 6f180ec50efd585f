import Foundation
import MCP
import MemchatCore
import MemchatStore
import Testing

@Suite("MCP memory tools and resource")
struct MemoryToolTests {
    @Test func rememberRecallAndForgetRoundTrip() async throws {
        let harness = try await MCPHarness()
        let added = try await harness.output("remember", ["text": "my dog is called Pixel"])
        #expect(added["is_new"] == true)
        #expect(added["fact"]?["kind"] == "other")
        #expect(added["fact"]?["source"] == "told")
        let again = try await harness.output("remember", ["text": "My dog is called Pixel."])
        #expect(again["is_new"] == false)
        #expect(again["fact"]?["id"] == added["fact"]?["id"])
        let standing = try await harness.output("remember", ["text": "I prefer metric units", "context": "work"])
        #expect(standing["fact"]?["kind"] == "standing")
        #expect(standing["fact"]?["context"] == "work")
        _ = try await harness.output("remember", ["text": "my sister lives in Lyon"])

        let recalled = try await harness.output("recall_memory", ["query": "what is my dog's name?"])
        #expect(recalled["retrieval"] == "hybrid")
        #expect(recalled["facts"]?.items.first?["text"] == "my dog is called Pixel")
        // Another context's facts are not offered in general.
        let general = recalled["facts"]?.items.compactMap { $0["text"]?.stringValue } ?? []
        #expect(!general.contains("I prefer metric units"))
        let atWork = try await harness.output("recall_memory", ["query": "which units do I like?", "context": "work"])
        #expect(atWork["facts"]?.items.contains { $0["text"] == "I prefer metric units" } == true)

        let id = try #require(added["fact"]?["id"]?.stringValue)
        let forgotten = try await harness.output("forget_memory", ["fact": .string(id)])
        #expect(forgotten["forgotten"]?.items.compactMap { $0["id"]?.stringValue } == [id])
        #expect(forgotten["count"] == 1)
        #expect(try await harness.memory.facts(user: harness.user).map(\.text) == ["I prefer metric units", "my sister lives in Lyon"])
        let message = try await harness.failure("forget_memory", ["fact": .string(id)])
        #expect(message.contains("no memory fact has the id or text '\(id)'"))
    }

    @Test func recallQuotesPastExchangesFromOtherSessions() async throws {
        let harness = try await MCPHarness()
        try await harness.session([("how do I check replication lag on postgres?", "Query pg_stat_replication on the primary.")])
        let recalled = try await harness.output("recall_memory", ["query": "postgres replication lag"])
        let exchange = try #require(recalled["exchanges"]?.items.first)
        #expect(exchange["question"]?["content"] == "how do I check replication lag on postgres?")
        #expect(exchange["answer"]?["content"] == "Query pg_stat_replication on the primary.")
    }

    @Test func anotherUsersFactsAreNeverReached() async throws {
        let harness = try await MCPHarness()
        let bos = try await harness.memory.add(user: UserName("bo"), text: "my pin is 4321", context: nil)
        let recalled = try await harness.output("recall_memory", ["query": "what is my pin?"])
        #expect(recalled["facts"]?.items.isEmpty == true)
        _ = try await harness.failure("forget_memory", ["fact": .string(bos.fact.id)])
        #expect(try await harness.memory.facts(user: UserName("bo")).count == 1)
        let resource = try await harness.client.readResource(uri: "memchat://memory/facts")
        #expect(resource.first?.text?.contains("4321") == false)
    }

    @Test func theMemoryFactsResourceListsTheFactsInBoundedPages() async throws {
        let harness = try await MCPHarness()
        for index in 0..<300 {
            _ = try await harness.memory.add(user: harness.user, text: "fact number \(index) " + String(repeating: "m", count: 150), context: nil)
        }
        let (resources, _) = try await harness.client.listResources()
        #expect(resources.count > 1)
        #expect(resources.first?.uri == "memchat://memory/facts")
        var texts: [String] = []
        for resource in resources {
            let contents = try await harness.client.readResource(uri: resource.uri)
            let text = try #require(contents.first?.text)
            #expect(text.count <= 24_000)
            #expect(contents.first?.mimeType == "application/json")
            let page = try JSONDecoder().decode(Value.self, from: Data(text.utf8))
            texts += page["facts"]?.items.compactMap { $0["text"]?.stringValue } ?? []
        }
        #expect(texts == (0..<300).map { "fact number \($0) " + String(repeating: "m", count: 150) })
        await #expect(throws: MCPError.self) { try await harness.client.readResource(uri: "memchat://memory/other") }
    }

    @Test func concurrentCallsLoseNoFact() async throws {
        let harness = try await MCPHarness()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<40 {
                group.addTask {
                    if index % 4 == 0 {
                        _ = try await harness.output("recall_memory", ["query": "fact \(index)"])
                    } else {
                        _ = try await harness.output("remember", ["text": .string("concurrent fact \(index)")])
                    }
                }
            }
            try await group.waitForAll()
        }
        let texts = Set(try await harness.memory.facts(user: harness.user).map(\.text))
        #expect(texts == Set((0..<40).filter { $0 % 4 != 0 }.map { "concurrent fact \($0)" }))
    }
}
