import Testing
@testable import MemchatEngine

@Suite("Aboutness")
struct AboutnessTests {
    let people = Aboutness(learningFrom: [
        "My wife is Clara.", "Any gift ideas? My sister Inès collects old vinyl.", "Jonas is my partner.",
        "I have a cat called Miso.",
    ])

    @Test func introducedPeopleAreKnownByName() {
        #expect(people.people == ["clara": "wife", "inès": "sister", "jonas": "partner", "miso": "cat"])
        // A capitalised word after a possessive names the relation's thing, not the relation.
        #expect(Aboutness(learningFrom: ["My colleague's Falcon pipeline runs on bare metal."]).people.isEmpty)
    }

    @Test func theSubjectOfAClause() {
        #expect(people.subject(of: "I'm allergic to penicillin.") == .user)
        #expect(people.subject(of: "My car is a 2015 Honda Civic.") == .user)
        #expect(people.subject(of: "My colleague's blood type is O negative.") == .person("colleague"))
        #expect(people.subject(of: "My old roommate works at Shopify.") == .person("flatmate"))
        #expect(people.subject(of: "My landlord's brother is a plumber.") == .person("landlord brother"))
        #expect(people.subject(of: "Clara's birthday is June 12.") == .person("wife"))
        #expect(people.subject(of: "The vet put Miso on a renal diet.") == .person("cat"))
        #expect(people.subject(of: "The Delta review moved to Monday.") == .unknown)
    }

    @Test func aQuestionAboutTheUserIsNotAnsweredBySomeoneElse() {
        let question = Aboutness.question("What is my blood type?")
        #expect(question.isFirstPerson && question.wantsStatements && question.relations.isEmpty)
        #expect(!people.admits("My colleague's blood type is O negative.", for: question))
        #expect(!people.admits("What's your blood type?", for: question))
        #expect(people.admits("My blood type is A positive.", for: question))
        #expect(people.admits("The clinic said it was A positive.", for: question))
    }

    @Test func whoQuestionsAreAnsweredByTheUsersOwnPeople() {
        let question = Aboutness.question("Who does my taxes?")
        #expect(people.admits("My accountant is Rahul.", for: question))
        #expect(!people.admits("My colleague's accountant is Priya.", for: question))
    }

    @Test func aQuestionAboutARelationIsAnsweredAboutThatRelation() {
        let question = Aboutness.question("What car does my brother drive?")
        #expect(question.relations == ["brother"])
        #expect(people.admits("My brother drives a Tesla.", for: question))
        #expect(!people.admits("My brother-in-law drives a Tesla.", for: question))
        #expect(!people.admits("My landlord's brother is a plumber.", for: question))
        #expect(!people.admits("I drive a Civic.", for: question))
        #expect(people.admits("I lent my brother my Civic.", for: question))

        #expect(Aboutness.question("When is the report due for my boss?").relations == ["manager"])
        #expect(Aboutness.question("How old is my gran going to be?").relations == ["grandmother"])

        let cat = Aboutness.question("What food should I buy for my cat?")
        #expect(people.admits("I have a cat called Miso.", for: cat))
        #expect(people.admits("The vet put Miso on a renal diet.", for: cat))
    }

    @Test func generalQuestionsAdmitAnything() {
        let question = Aboutness.question("What's the capital of Australia?")
        #expect(!question.isFirstPerson)
        #expect(people.admits("My colleague's blood type is O negative.", for: question))
        #expect(people.admits("What's the capital of Austria?", for: question))
    }

    @Test func theTopicLeavesOutWhoItIsAbout() {
        #expect(people.topic(of: "My sister Inès collects old vinyl.") == "collects old vinyl")
        #expect(people.topic(of: "My wife is Clara.") == "")
    }
}
