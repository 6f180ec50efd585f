import Foundation
import MemchatCore
import MemchatStore
import Testing

@Suite("Search")
struct SearchTests {
    @Test(arguments: Backend.allCases)
    func findsTurnsOfTheUserOnly(backend: Backend) async throws {
        let fixture = try StoreFixture(backend)
        let failover = try await fixture.conversation(context: .work, [("How do I promote a streaming replica?", "Use pg_promote on the standby.")])
        _ = try await fixture.conversation(context: .personal, [("Best hikes near Lyon?", "Mont Verdun loop.")])
        _ = try await fixture.conversation(user: "bo", [("replica question from bo", "answer")])
        let ana = try UserName("ana")

        let hits = try await fixture.store.search(SearchQuery(text: "replica", scope: .user(ana)))
        #expect(hits.map(\.turn.sessionID) == [failover.id])
        #expect(hits.first?.sessionTitle == "How do I promote a streaming replica?")
        #expect(hits.first?.snippet.contains("replica") == true)
        #expect(try await fixture.store.search(SearchQuery(text: "replica", scope: .allUsers)).count == 2)
        #expect(try await fixture.store.search(SearchQuery(text: "replica", scope: .user(ana), context: .personal)).isEmpty)
        // Every word must match, in any order and case.
        #expect(try await fixture.store.search(SearchQuery(text: "STANDBY pg_promote", scope: .user(ana))).count == 1)
        #expect(try await fixture.store.search(SearchQuery(text: "standby lyon", scope: .user(ana))).isEmpty)
    }

    @Test(arguments: Backend.allCases)
    func anyWordMatchingRanksTurnsWithMoreOfTheWordsFirst(backend: Backend) async throws {
        let fixture = try StoreFixture(backend)
        _ = try await fixture.conversation([("How do I promote a streaming replica?", "Use pg_promote on the standby.")])
        _ = try await fixture.conversation([("Which replica lags behind?", "Check pg_stat_replication.")])
        _ = try await fixture.conversation([("Best hikes near Lyon?", "Mont Verdun loop.")])
        _ = try await fixture.conversation([("東京の天気は？", "晴れです。")])
        let ana = try UserName("ana")
        func any(_ text: String) async throws -> [String] {
            try await fixture.store.search(SearchQuery(text: text, scope: .user(ana), matching: .anyWord)).map(\.turn.content)
        }
        // All words: nothing holds "promote", "replica" and "hikes" together.
        #expect(try await fixture.store.search(SearchQuery(text: "promote replica hikes", scope: .user(ana))).isEmpty)
        let found = try await any("promote replica hikes")
        #expect(found.first == "How do I promote a streaming replica?", "two of the words beat one")
        #expect(Set(found) == [
            "How do I promote a streaming replica?", "Use pg_promote on the standby.", "Which replica lags behind?",
            "Best hikes near Lyon?",
        ])
        #expect(Set(try await any("東京 lyon")) == ["東京の天気は？", "Best hikes near Lyon?"])
        #expect(try await any("nothing matches").isEmpty)
    }

    @Test(arguments: Backend.allCases)
    func punctuationIsNeverQuerySyntax(backend: Backend) async throws {
        let fixture = try StoreFixture(backend)
        _ = try await fixture.conversation([("Is c++ faster than C for this?", "It depends on \"zero-cost\" abstractions.")])
        let ana = try UserName("ana")
        for text in ["c++", "\"zero-cost", "zero-cost\"", "-abstractions", "abstractions*", "NEAR(c", "c AND", "OR", "col:c", "^c", "(c)"] {
            _ = try await fixture.store.search(SearchQuery(text: text, scope: .user(ana)))
        }
        #expect(try await fixture.store.search(SearchQuery(text: "c++", scope: .user(ana))).count == 1)
        #expect(try await fixture.store.search(SearchQuery(text: "zero-cost", scope: .user(ana))).count == 1)
        // The words of a hyphenated or quoted chunk must stand together, in order.
        #expect(try await fixture.store.search(SearchQuery(text: "cost-zero", scope: .user(ana))).isEmpty)
        #expect(try await fixture.store.search(SearchQuery(text: "\"abstractions\"", scope: .user(ana))).count == 1)
        await #expect(throws: StoreError.emptySearch("++ -- **")) {
            try await fixture.store.search(SearchQuery(text: "++ -- **", scope: .user(ana)))
        }
    }

    @Test(arguments: Backend.allCases)
    func cjkWordsInsideSentences(backend: Backend) async throws {
        let fixture = try StoreFixture(backend)
        let tokyo = try await fixture.conversation([("来週の東京の天気はどうですか？", "水曜日は雨の可能性があります。")])
        _ = try await fixture.conversation([("我喜欢北京的冬天", "北京冬天很冷")])
        let ana = try UserName("ana")
        let search = { (text: String) in try await fixture.store.search(SearchQuery(text: text, scope: .user(ana))) }
        #expect(try await search("東京").map(\.turn.sessionID) == [tokyo.id])
        #expect(try await search("天気").count == 1)
        #expect(try await search("東京の天気").count == 1)
        #expect(try await search("北京").count == 2)
        #expect(try await search("冬天 喜欢").count == 1)
        #expect(try await search("京都").isEmpty)
    }

    @Test(arguments: Backend.allCases)
    func caseAndAccentsDoNotMatter(backend: Backend) async throws {
        let fixture = try StoreFixture(backend)
        _ = try await fixture.conversation([("Recipe for Crème Brûlée?", "Bake at 150°C.")])
        let ana = try UserName("ana")
        #expect(try await fixture.store.search(SearchQuery(text: "creme brulee", scope: .user(ana))).count == 1)
        #expect(try await fixture.store.search(SearchQuery(text: "CRÈME", scope: .user(ana))).count == 1)
    }

    /// Only SQLite is held to a ranking order (BM25).
    @Test func sqliteRanksByRelevance() async throws {
        let fixture = try StoreFixture(.sqlite)
        // Filler rows so bm25's document frequencies are meaningful.
        for index in 0..<30 {
            _ = try await fixture.conversation([("filler question \(index) about gardens", "filler answer about soil and water")])
        }
        let weak = try await fixture.conversation([("a long note that mentions kubernetes once among many other words about planning travel food and weather", "ok")])
        let strong = try await fixture.conversation([("kubernetes kubernetes cluster upgrade", "drain the kubernetes nodes first")])
        let hits = try await fixture.store.search(SearchQuery(text: "kubernetes", scope: .user(try UserName("ana"))))
        #expect(hits.count == 3)
        #expect(hits.first?.turn.sessionID == strong.id)
        #expect(hits.last?.turn.sessionID == weak.id)
        #expect(zip(hits, hits.dropFirst()).allSatisfy { $0.score >= $1.score })
    }

    @Test func rankingWindowBoundsTheWork() async throws {
        let fixture = try StoreFixture(.sqlite)
        for index in 0..<10 {
            _ = try await fixture.conversation([("common word \(index)", "reply")])
        }
        let ana = try UserName("ana")
        let hits = try await fixture.store.search(SearchQuery(text: "common", scope: .user(ana), limit: 10, rankingWindow: 3))
        // Only the three newest matches are considered.
        #expect(Set(hits.map(\.turn.content)) == ["common word 9", "common word 8", "common word 7"])
    }

    @Test func matchExpressionQuotesEveryChunk() {
        #expect(SearchText.matchExpression(for: "c++ \"x\" NEAR zero-cost x") == "\"c\" \"x\" \"near\" \"zero\" \"cost\"")
        #expect(SearchText.phrases(of: "Zero-Cost  東京の天気 Crème") == [["zero", "cost"], ["東京", "京の", "の天", "天気"], ["creme"]])
        #expect(SearchText.matchExpression(for: "  ** -- ") == nil)
        #expect(SearchText.indexForm("東京の天気") == " 東京 京の の天 天気 ")
        #expect(SearchText.indexForm("plain text") == "plain text")
    }
}
