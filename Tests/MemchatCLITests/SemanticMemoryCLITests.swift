import Foundation
import Testing

/// What a user tells memchat in one process is found in a later one, asked in other
/// words, with no model configured (the recall responder answers).
@Suite("Semantic memory through memchat ask")
struct SemanticMemoryCLITests {
    @Test func aFactToldOnceIsFoundInALaterProcessInOtherWords() async throws {
        let memchat = try MemchatProcess()
        for statement in [
            "I'm allergic to penicillin.", "My neighbour is allergic to peanuts.",
            "Can you recommend a podcast? My sister Inès collects old vinyl.", "How do I center a div with CSS grid?",
        ] {
            let told = try await memchat.run(["ask", "--new", statement])
            #expect(told.status == 0, "\(told.stderr)")
        }

        let medicines = try await memchat.run(["ask", "--new", "Are there medicines I shouldn't take?"])
        #expect(medicines.status == 0, "\(medicines.stderr)")
        #expect(medicines.stdout.contains("penicillin"))
        #expect(!medicines.stdout.contains("peanuts"))

        let sister = try await memchat.run(["ask", "--new", "What does my sister collect?"])
        #expect(sister.stdout.contains("collects old vinyl"))

        // Nothing was said about it: the responder says so instead of quoting something unrelated.
        let blood = try await memchat.run(["ask", "--new", "What is my blood type?"])
        #expect(blood.stdout.contains("I found nothing in your memory or earlier conversations"))

        // The old ranking, on request, misses the paraphrase.
        let lexical = try await memchat.run(["ask", "--new", "--retrieval", "lexical", "Are there medicines I shouldn't take?"])
        #expect(!lexical.stdout.contains("penicillin"))
    }

    @Test func aCompoundRequestAndAnotherNameForARelationFindWhatWasTold() async throws {
        let memchat = try MemchatProcess()
        for statement in ["remember that my dog is called Pixel", "My accountant is Rahul", "How do I center a div with CSS grid?"] {
            let told = try await memchat.run(["ask", "--new", statement])
            #expect(told.status == 0, "\(told.stderr)")
        }
        // Asked inside a longer request, in a new session and a new process.
        let dog = try await memchat.run(["ask", "--new", "say hello, and tell me what my dog is called"])
        #expect(dog.stdout.contains("Pixel"), "\(dog.stdout)")
        // The relation by what it does, not by its name.
        let taxes = try await memchat.run(["ask", "--new", "Who does my taxes?"])
        #expect(taxes.stdout.contains("Rahul"), "\(taxes.stdout)")
        #expect(!taxes.stdout.contains("Pixel"))
    }

    @Test func aReaskedQuestionQuotesItsExchangeAndNothingUnrelated() async throws {
        let memchat = try MemchatProcess()
        let imported = try await memchat.run(["import", MemchatProcess.sampleFile])
        #expect(imported.status == 0, "\(imported.stderr)")

        let lag = try await memchat.run(["ask", "--new", "how do I check replication lag?"])
        #expect(lag.status == 0, "\(lag.stderr)")
        #expect(lag.stdout.contains("pg_stat_replication"))
        // The sample's answer about Swift actors shares only "check" with the question.
        #expect(!lag.stdout.contains("actor"))
        let lexical = try await memchat.run(["ask", "--new", "--retrieval", "lexical", "how do I check replication lag?"])
        #expect(lexical.stdout.contains("actor"), "the old ranking quoted it")
    }
}
