import Testing
@testable import MemchatEngine

@Suite("Name links")
struct NameLinksTests {
    @Test func aNameAfterTheFirstWordTiesTextsStartingWithIt() {
        let links = NameLinks(ranked: ["My team owns the Falcon ingestion pipeline."], people: [:])
        #expect(links.ties("Falcon runs on Kubernetes in the Frankfurt region."))
        #expect(!links.ties("The pipeline was slow on Monday."))
        // And the other way round: the found text starts with the name the other one has inside.
        #expect(NameLinks(ranked: ["Biscuit needs his second vaccination next week."], people: [:])
            .ties("We got a puppy named Biscuit."))
    }

    @Test func aFirstWordIsANameOnlyWhenTheUserIntroducedSomeoneByIt() {
        #expect(NameLinks.names(in: "Maya goes to Lakeside Elementary.", people: [:]) == ["lakeside", "elementary"])
        #expect(NameLinks.names(in: "Maya goes to Lakeside Elementary.", people: ["maya": "daughter"]) == ["maya", "lakeside", "elementary"])
    }

    @Test func daysMonthsAndShortWordsAreNotNames() {
        #expect(NameLinks.names(in: "The review moved to Monday, and I'm off in March. Ask Dr Lee or the GP.", people: [:]) == ["lee"])
        #expect(!NameLinks(ranked: ["The Delta review moved to Monday."], people: [:]).ties("The Sigma review is on Monday."))
    }

    @Test func textsTiedToTheBestRankJustBelowItInTheOrderGiven() {
        let scored: [(key: String, score: Double)] = [("best", 0.5), ("second", 0.4), ("tied", 0.3), ("close", 0.45)]
        // The best is tied to itself and keeps its place; the others tied come right after it.
        let tied = ["best", "tied", "unranked", "close"]
        let ordered = NameLinks.ordered(scored, following: tied, at: 0.5 - NameLinks.followingGap, by: { $0 })
        #expect(ordered == ["best", "tied", "close", "unranked", "second"])
        #expect(NameLinks.ordered(scored, following: [], at: 0.5, by: { $0 }) == ["best", "close", "second", "tied"])
    }
}
