import Foundation
import MemchatCore
@testable import MemchatEngine
import Testing

/// The labelled pairs `SameSubject.threshold` was chosen from: statements whose rules give
/// different keys, about the same thing (a later value replaces the earlier) or about
/// different things (both stay). Wrongly merging loses a fact from the context, so every
/// different pair must stay below the threshold, while same pairs may fall short.
@Suite("Same subject by embedding")
struct SameSubjectTests {
    static let same: [(String, String)] = [
        ("The Delta review is on Wednesday.", "The Delta design review moved to Monday."),
        ("My dentist appointment is on the 14th.", "My dental appointment got pushed to the 21st."),
        ("My GP is Dr. Patel.", "My family doctor is Dr. Okafor."),
        ("My favorite band is Radiohead.", "My favourite group is Muse."),
        ("My flight to Lisbon is on March 3rd.", "The Lisbon flight moved to March 5th."),
        ("The quarterly review is on Friday.", "The quarterly business review moved to Monday."),
        ("My husband is Tom.", "My spouse is Mark."),
        ("My hairdresser is Lea.", "My hair stylist is Marco."),
        ("My physio is Anna.", "My physiotherapist is Ben."),
        ("The team offsite is on May 3.", "The team off-site moved to May 10."),
        ("My favorite movie is Alien.", "My favourite film is Heat."),
    ]

    static let different: [(String, String)] = [
        ("My accountant is Rahul.", "My manager is Priya."),
        ("My dentist appointment is on the 14th.", "My doctor appointment is on the 21st."),
        ("The Delta review is on Wednesday.", "The Orion review is on Monday."),
        ("The Delta review is on Wednesday.", "The Delta launch is on Friday."),
        ("My sister is Inès.", "My brother is Leo."),
        ("My wife is Clara.", "My daughter is Maya."),
        ("My name is Ana.", "Call me Lou."),
        ("My dog is called Pixel.", "My cat is called Miso."),
        ("My favorite color is blue.", "My favorite band is Radiohead."),
        ("My manager is Tom.", "My team lead is Sara."),
        ("My birthday is May 3.", "My anniversary is June 1."),
        ("The board meeting is on Tuesday.", "The team meeting is on Thursday."),
        ("I live in Lyon.", "I grew up in Porto."),
        ("I drive a Tesla.", "I ride a Vespa to work."),
        ("My half marathon is on April 12.", "My marathon is on October 5."),
        ("My mother is Rosa.", "My mother-in-law is Carmen."),
        ("My dentist is Dr. Lee.", "My doctor is Dr. Patel."),
        ("The flight to Lisbon is on March 3rd.", "The flight to Porto is on March 9th."),
        ("My sister is Inès.", "My sister-in-law is Maria."),
        ("My landlord is Mr. Haddad.", "My lawyer is Ms. Chen."),
        ("The design review is on Monday.", "The code review is on Tuesday."),
        ("The sprint review is on Friday.", "The sprint planning is on Monday."),
        ("My yoga class is on Monday.", "My pilates class moved to Tuesday."),
        ("The staff meeting is on Monday.", "The staff party is on Friday."),
        ("My brother is Leo.", "My brother-in-law is Sam."),
        ("My flight is on Monday.", "My train is on Tuesday."),
        ("My favorite movie is Alien.", "My favorite book is Dune."),
        ("The kickoff is on Monday.", "The retro got moved to Friday."),
        ("My accountant is Rahul.", "My colleague's accountant is Priya."),
        ("My manager is Tom.", "My manager's manager is Robert."),
        ("My half marathon is on April 12.", "My friend's half marathon is in May."),
    ]

    static func statement(_ text: String) throws -> ExtractedFact {
        let found = MemoryExtractor().candidates(in: text)
        try #require(found.count == 1, "\(text) states \(found)")
        return found[0]
    }

    @Test func theThresholdKeepsEveryDifferentPairApart() throws {
        let subjects = SameSubject(embedder: try StaticEmbedder.shared())
        var merged = 0
        for (first, second) in Self.same {
            let (old, new) = (try Self.statement(first), try Self.statement(second))
            #expect(old.key != new.key, "\(first) / \(second) share a key: no embedding needed")
            let similarity = subjects.similarity(old, new) ?? 0
            print("same \(similarity) \(first) / \(second)")
            if subjects.match(new, among: [(fact: 0, statement: old)]) != nil { merged += 1 }
        }
        for (first, second) in Self.different {
            let (old, new) = (try Self.statement(first), try Self.statement(second))
            let similarity = subjects.similarity(old, new) ?? 0
            print("different \(similarity) \(first) / \(second)")
            #expect(subjects.match(new, among: [(fact: 0, statement: old)]) == nil, "\(first) / \(second): \(similarity)")
        }
        // Conservative: a miss leaves two facts where one would do, a merge can hide one.
        #expect(merged >= 4, "only \(merged) of \(Self.same.count) same-subject pairs are found")
    }

    @Test func withoutTheEmbedderNothingMatches() throws {
        let subjects = SameSubject(embedder: nil)
        let (old, new) = (try Self.statement(Self.same[0].0), try Self.statement(Self.same[0].1))
        #expect(subjects.match(new, among: [(fact: 0, statement: old)]) == nil)
        #expect(subjects.similarity(old, new) == nil)
    }

    @Test func subjectsAreStatementsWithoutTheirValue() throws {
        #expect(SameSubject.subject(of: try Self.statement("The Delta review is on Wednesday.")) == "The Delta review is on")
        #expect(SameSubject.subject(of: try Self.statement("My accountant is now Priya.")) == "My accountant is now")
        // A note is all value: no subject to compare.
        #expect(SameSubject.subject(of: try Self.statement("Remember that the door code is 4521")) == nil)
    }
}
