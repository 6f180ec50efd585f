import Testing
@testable import MemchatEngine

@Suite("Clauses")
struct ClausesTests {
    @Test func aMessageSplitsAtSentenceAndClausePunctuation() {
        #expect(Clauses.of("Any gift ideas? My sister Inès collects old vinyl.") == ["Any gift ideas?", "My sister Inès collects old vinyl."])
        #expect(Clauses.of("Give me a packing list, my partner Jonas and I are camping - in Jasper\nnext month")
            == ["Give me a packing list,", "my partner Jonas and I are camping -", "in Jasper", "next month"])
    }

    @Test func punctuationInsideAWordDoesNotSplit() {
        #expect(Clauses.of("The meeting moved to 3:30pm on 12/05.") == ["The meeting moved to 3:30pm on 12/05."])
        #expect(Clauses.of("a zero-cost abstraction") == ["a zero-cost abstraction"])
        #expect(Clauses.of("  ") == [])
    }

    @Test func questionsAndRequestsAreTold() {
        #expect(Clauses.isRequest("What's a good name for a puppy?"))
        #expect(Clauses.isRequest("Write a haiku about autumn rain."))
        #expect(!Clauses.isRequest("I write in British English spelling."))
        #expect(!Clauses.isRequest("My half marathon is on April 12."))
    }
}
