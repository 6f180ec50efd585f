import Testing
@testable import MemchatEngine

/// The ranking with the real embedding table (`data/embeddings`).
@Suite("Hybrid ranking")
struct HybridRankingTests {
    let embedder: StaticEmbedder

    init() throws {
        embedder = try StaticEmbedder.shared()
    }

    private func ranked(_ question: String, _ texts: [String]) -> [String] {
        let ranking = HybridRanking(question: question, aboutness: Aboutness(learningFrom: texts), embedder: embedder)
        return ranking.rank(texts.map { (key: $0, text: $0) })
    }

    @Test func aParaphraseFindsTheStatementWithoutASharedWord() {
        let texts = [
            "I'm allergic to penicillin.", "How do I reverse a linked list in Python?", "My brother lives in Toronto.",
            "Write a haiku about autumn rain.", "I ride a Vespa to work.",
        ]
        #expect(ranked("Are there medicines I shouldn't take?", texts).first == "I'm allergic to penicillin.")
    }

    @Test func aFactMentionedInPassingIsFoundByItsClause() {
        let texts = [
            "Any gift ideas? My sister Inès collects old vinyl.", "My friend Alex is learning Japanese.",
            "What's the difference between a process and a thread?",
        ]
        #expect(ranked("What does my sister collect?", texts) == ["Any gift ideas? My sister Inès collects old vinyl."])
    }

    @Test func theRelevanceFloorLeavesUnrelatedTextsOut() {
        let texts = ["How do I reverse a linked list in Python?", "Write a haiku about autumn rain.", "My brother lives in Toronto."]
        #expect(ranked("What's my shoe size?", texts).isEmpty)
        #expect(ranked("What's my blood type?", ["My colleague's blood type is O negative."]).isEmpty)
    }

    @Test func aQuestionAboutSomeoneHasALowerFloorForWhatWasSaidAboutThem() {
        let texts = [
            "My partner is vegan.", "Write a haiku about autumn rain.", "My brother's band plays jazz.",
            "How do I reverse a linked list in Python?",
        ]
        #expect(ranked("Can I cook a steak dinner for my partner?", texts) == ["My partner is vegan."])
        // Sharing the relation word is no evidence: every admitted clause shares it.
        #expect(ranked("What's my brother's phone number?", texts).isEmpty)
    }

    @Test func anEarlierQuestionIsQuotedOnlyWhenAskedAgain() {
        let texts = ["How do I check replication lag in Postgres?", "How do I write a unit test in Swift?"]
        #expect(ranked("how do I check replication lag?", texts) == ["How do I check replication lag in Postgres?"])
    }

    @Test func withoutAnEmbedderSharedWordsRank() {
        let texts = ["My dentist is Dr. Okafor.", "I ride a Vespa to work."]
        let ranking = HybridRanking(question: "who is my dentist", aboutness: Aboutness(learningFrom: texts), embedder: nil)
        #expect(ranking.rank(texts.map { (key: $0, text: $0) }) == ["My dentist is Dr. Okafor."])
    }

    // With the sentence encoder, as `hybrid` retrieval ships.

    private func byEncoder(_ question: String, _ texts: [String]) throws -> [String] {
        let ranking = HybridRanking(
            question: question, aboutness: Aboutness(learningFrom: texts), embedder: try SentenceEncoder.shared(), calibration: .encoder)
        return ranking.rank(texts.map { (key: $0, text: $0) })
    }

    @Test func aMeaningMatchOutranksATextSharingOneCommonWord() throws {
        let fodmap = "Could you suggest a few easy breakfasts? My dietitian has me on low-FODMAP for the next six weeks."
        // Fused by rank, "plan" put the thanks first: second by cosine, first by words.
        let found = try byEncoder("What eating plan have I been put on?", ["Thanks, this gives me a plan for Wednesday.", fodmap])
        #expect(found.first == fodmap)
    }

    @Test func textsSayingTheSameAreSentOnce() throws {
        let texts = [
            "Thanks, this gives me a plan for Wednesday.", "thanks this gives me a plan for wednesday",
            "Could you suggest a few easy breakfasts? My dietitian has me on low-FODMAP for the next six weeks.",
        ]
        let found = try byEncoder("What eating plan have I been put on?", texts)
        #expect(found.count { $0.hasPrefix("Thanks") } == 1)
        #expect(found.contains(texts[2]))
    }
}
