import Foundation
import MemchatCore
import MemchatEngine
import MemchatStore
import Testing

@Suite("Chat engine")
struct ChatEngineTests {
    @Test func storesQuestionThenAnswerWithMetadata() async throws {
        let fixture = try EngineFixture()
        let session = try await fixture.session()
        let events = try await fixture.ask("how do I promote a replica", in: session)

        guard case .asked(let question)? = events.first else { Issue.record("first event is not the stored question"); return }
        #expect(events.streamedText == "how do I promote a replica")
        let answer = try #require(events.answer)
        #expect(answer.replyTo == question.id)
        let metadata = answer.answerMetadata
        #expect(metadata.provider == "echo")
        #expect(metadata.finishReason == "stop")
        #expect(metadata.latencyMs != nil)
        #expect(metadata.contextUsed != nil)
        let stored = try await fixture.store.turns(of: session.id, page: .all)
        #expect(stored.map(\.role) == [.user, .assistant])
        #expect(stored.last == answer)
        #expect(try await fixture.store.session(session.id).title == "how do I promote a replica")
    }

    @Test func recallAnswersFromMemoryInAnotherSession() async throws {
        let fixture = try EngineFixture()
        let first = try await fixture.session(context: .personal)
        let told = try await fixture.ask("remember that my dog is called Pixel", in: first, provider: RecallProvider())
        #expect(told.contains { if case .learned(let facts) = $0 { return facts.contains { $0.text.contains("Pixel") } } else { return false } })

        let second = try await fixture.session()
        let events = try await fixture.ask("what is my dog's name?", in: second, provider: RecallProvider())
        let answer = try #require(events.answer)
        #expect(answer.content.hasPrefix("[recalled from your own history, not generated]"))
        #expect(answer.content.contains("Pixel"))
        #expect(answer.answerMetadata.contextUsed?.facts.isEmpty == false)
    }

    @Test func recallQuotesEarlierExchanges() async throws {
        let fixture = try EngineFixture()
        let earlier = try await fixture.session(context: .work)
        _ = try await fixture.ask("postgres replica promotion steps", in: earlier)
        let now = try await fixture.session()
        let answer = try #require(try await fixture.ask("how did I promote the postgres replica?", in: now, provider: RecallProvider()).answer)
        #expect(answer.content.contains("(work) you said: \"postgres replica promotion steps\""))
        #expect(answer.content.contains("The answer then was"))
    }

    /// A code block quoted from an earlier answer keeps its lines and fences, both in the
    /// recall answer and in the prompt a model would get.
    @Test func quotedCodeKeepsItsShape() async throws {
        let fixture = try EngineFixture()
        let code = "Use this:\n```swift\nfunc lag() -> Int {\n    return 42\n}\n```\nThen watch it."
        let earlier = try await fixture.session(context: .work)
        _ = try await fixture.ask("replication lag function", in: earlier, provider: CannedProvider(answer: code))
        let now = try await fixture.session()
        let recalled = try #require(try await fixture.ask("the replication lag function?", in: now, provider: RecallProvider()).answer)
        #expect(recalled.content.contains("The answer then was:\n> Use this:\n> ```swift\n> func lag() -> Int {\n>     return 42\n> }\n> ```\n> Then watch it."))

        let engine = ChatEngine(store: fixture.store, memory: fixture.memory, provider: EchoProvider())
        let system = try #require(try await engine.preview("replication lag function again", in: now).request.messages.first)
        #expect(system.content.contains("> ```swift\n> func lag() -> Int {\n>     return 42\n> }\n> ```"))
    }

    /// Told with no model configured, a statement is still found later: the recall
    /// responder's own answer is dropped, the user's words are kept.
    @Test func aStatementToldWithNoModelIsRecalledInALaterSession() async throws {
        let fixture = try EngineFixture()
        let first = try await fixture.session()
        _ = try await fixture.ask("my locker code at the gym is 4417", in: first, provider: RecallProvider(), memory: false)
        let later = try await fixture.session()
        let answer = try #require(try await fixture.ask("what is my gym locker code?", in: later, provider: RecallProvider()).answer)
        #expect(answer.content.contains("you said: \"my locker code at the gym is 4417\""))
        #expect(!answer.content.contains("The answer then was"), "the recalled answer is not quoted again")
    }

    @Test func recallSaysSoWhenNothingMatches() async throws {
        let fixture = try EngineFixture()
        let session = try await fixture.session()
        let answer = try #require(try await fixture.ask("zanzibar quetzal?", in: session, provider: RecallProvider()).answer)
        #expect(answer.content.hasPrefix("[recalled, not generated] I found nothing"))
    }

    @Test func aFailedRequestKeepsTheQuestionAndRecordsTheError() async throws {
        let fixture = try EngineFixture()
        let session = try await fixture.session()
        let answer = try #require(try await fixture.ask("hello?", in: session, provider: FailingProvider()).answer)
        #expect(answer.content == "Partial ")
        #expect(answer.answerMetadata.finishReason == "error")
        #expect(answer.answerMetadata.error == "connection reset by peer")
        #expect(try await fixture.store.turns(of: session.id, page: .all).count == 2)
    }

    @Test func cancellingKeepsThePartialAnswerMarkedInterrupted() async throws {
        let fixture = try EngineFixture()
        let session = try await fixture.session()
        let engine = ChatEngine(store: fixture.store, memory: fixture.memory, provider: SlowProvider())
        let consumer = Task {
            var words = 0
            for try await event in engine.ask("tell me a long story", in: session) {
                if case .text = event { words += 1 }
                if words == 3 { return }
            }
        }
        try await consumer.value
        var turns: [Turn] = []
        for _ in 0..<200 where turns.count < 2 {
            try await Task.sleep(for: .milliseconds(10))
            turns = try await fixture.store.turns(of: session.id, page: .all)
        }
        let answer = try #require(turns.last)
        #expect(turns.count == 2)
        #expect(answer.role == .assistant)
        #expect(answer.answerMetadata.interrupted)
        #expect(answer.content.hasPrefix("word0 word1 word2"))
    }

    @Test func stopEndsTheAnswerAndStillDeliversTheStoredPartial() async throws {
        let fixture = try EngineFixture()
        let session = try await fixture.session()
        let engine = ChatEngine(store: fixture.store, memory: fixture.memory, provider: SlowProvider())
        let control = AnswerControl()
        var words = 0
        var answered: Turn?
        for try await event in engine.ask("tell me a long story", in: session, control: control) {
            if case .text = event {
                words += 1
                if words == 3 { control.stop() }
            }
            if case .answered(let turn) = event { answered = turn }
        }
        let answer = try #require(answered, "the stream went on to deliver the stored answer")
        #expect(answer.answerMetadata.interrupted)
        #expect(answer.answerMetadata.finishReason == "interrupted")
        #expect(answer.content.hasPrefix("word0 word1 word2"))
        #expect(try await fixture.store.turns(of: session.id, page: .all).last == answer)
    }

    @Test func previewStoresNothingAndShowsTheFacts() async throws {
        let fixture = try EngineFixture()
        _ = try await fixture.memory.add(user: fixture.user, text: "My dog is called Pixel", context: nil)
        let session = try await fixture.session()
        let engine = ChatEngine(store: fixture.store, memory: fixture.memory, provider: RecallProvider())
        let preview = try await engine.preview("what is my dog's name?", in: session)
        let system = try #require(preview.request.messages.first)
        #expect(system.role == .system)
        #expect(system.content.contains("What you know about the user:\n- My dog is called Pixel"))
        #expect(preview.request.messages.last == ChatMessage(role: .user, content: "what is my dog's name?"))
        #expect(try await fixture.store.turns(of: session.id, page: .all).isEmpty)
    }

    @Test func withoutMemoryNothingIsLearned() async throws {
        let fixture = try EngineFixture()
        let session = try await fixture.session()
        let events = try await fixture.ask("remember that my cat is called Tom", in: session, memory: false)
        #expect(!events.contains { if case .learned = $0 { return true } else { return false } })
        #expect(try await fixture.memory.facts(user: fixture.user).isEmpty)
    }
}
