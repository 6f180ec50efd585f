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
}
