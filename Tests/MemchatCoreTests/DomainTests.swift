import Foundation
import Testing
@testable import MemchatCore

@Suite("Session.title(fromQuestion:)")
struct SessionTitleTests {
    @Test func usesTheFirstNonEmptyLineWithCollapsedWhitespace() {
        #expect(Session.title(fromQuestion: "How do I sort a list?") == "How do I sort a list?")
        #expect(Session.title(fromQuestion: "\n  \n\t How   do\tI  sort?  \nmore detail here") == "How do I sort?")
        #expect(Session.title(fromQuestion: "first\r\nsecond") == "first")
    }

    @Test func emptyForBlankQuestions() {
        #expect(Session.title(fromQuestion: "") == "")
        #expect(Session.title(fromQuestion: "   \n\t\n  ") == "")
    }

    @Test func shortTitlesAreNotCut() {
        let sixty = String(repeating: "abcde ", count: 10).trimmingCharacters(in: .whitespaces)  // 59 chars
        #expect(Session.title(fromQuestion: sixty) == sixty)
        let exactly60 = String(repeating: "x", count: 60)
        #expect(Session.title(fromQuestion: exactly60) == exactly60)
    }

    @Test func longTitlesAreCutAtAWordBoundaryWithEllipsis() {
        let question = "Please explain the difference between optimistic and pessimistic locking in databases today"
        let title = Session.title(fromQuestion: question)
        #expect(title.hasSuffix("…"))
        #expect(title.count <= 61)
        #expect(title.count >= 40, "cut near 60, not far before: \(title)")
        let body = String(title.dropLast())
        #expect(question.hasPrefix(body))
        // Cut between words: the next character of the question is a space.
        #expect(question.dropFirst(body.count).first == " ")
        #expect(title == "Please explain the difference between optimistic and…")
    }

    @Test func aSingleHugeWordIsCutToTheLimit() {
        let title = Session.title(fromQuestion: String(repeating: "z", count: 200))
        #expect(title == String(repeating: "z", count: 59) + "…")
        #expect(title.count == 60)
    }

    @Test func honoursACustomLimit() {
        #expect(Session.title(fromQuestion: "one two three four", limit: 9) == "one two…")
        #expect(Session.title(fromQuestion: "one two three four", limit: 100) == "one two three four")
    }

    @Test func countsCharactersNotBytes() {
        let question = String(repeating: "漢字 ", count: 19)  // 19 words of 2 characters: 56 characters
        #expect(Session.title(fromQuestion: question) == String(question.dropLast()))
    }

    @Test func displayTitleHasAPlaceholder() throws {
        var session = Session(id: try SessionID("s"), userID: try UserName("u"), createdAt: Date(timeIntervalSince1970: 0))
        #expect(session.displayTitle == "(untitled)")
        session.title = "Named"
        #expect(session.displayTitle == "Named")
    }
}

@Suite("Session state rule")
struct SessionStateRuleTests {
    private let now = Date(timeIntervalSince1970: 1_790_935_320)

    private func state(ended: Date? = nil, expired: Date? = nil, idleHours: Double, limit: Int = 168) -> SessionState {
        Session.state(
            endedAt: ended, expiredAt: expired, lastActivity: now.addingTimeInterval(-idleHours * 3600), now: now,
            expirationHours: limit)
    }

    @Test func activeWithinTheExpiration() {
        #expect(state(idleHours: 0) == .active)
        #expect(state(idleHours: 167.99) == .active)
        #expect(state(idleHours: 168) == .active, "exactly the limit is not yet expired")
        #expect(state(idleHours: 1, limit: 2) == .active)
    }

    @Test func expiredWhenIdleLongerThanTheSetting() {
        #expect(state(idleHours: 168.001) == .expired)
        #expect(state(idleHours: 3, limit: 2) == .expired)
        #expect(state(idleHours: 1000) == .expired)
    }

    @Test func explicitlyExpiredStaysExpired() {
        #expect(state(expired: now, idleHours: 0) == .expired)
    }

    @Test func endedBeatsExpired() {
        #expect(state(ended: now, idleHours: 0) == .ended)
        #expect(state(ended: now, expired: now, idleHours: 0) == .ended)
        #expect(state(ended: now, idleHours: 5000) == .ended)
    }
}

@Suite("Context")
struct ContextTests {
    @Test func builtIns() {
        #expect(Context.builtIn.map(\.name) == ["work", "personal", "creative", "general"])
        #expect(Context.builtIn.allSatisfy { $0.isBuiltIn })
        #expect(Context.general.description == "general")
    }

    @Test func namesAreLowercasedSoBuiltInsMatch() throws {
        #expect(try Context("Work") == .work)
        #expect(try Context("WORK").isBuiltIn)
        #expect(try Context("general") == .general)
    }

    @Test("custom names", arguments: ["research", "Side-Project_2", "a", String(repeating: "q", count: 32), "0"])
    func customNames(_ name: String) throws {
        let context = try Context(name)
        #expect(context.name == name.lowercased())
        #expect(!context.isBuiltIn)
    }

    @Test("rejected names", arguments: [
        "", "has space", " work", "work ", String(repeating: "q", count: 33), "a/b", "a.b", "café", "日本", "a\u{1B}b",
    ])
    func rejected(_ name: String) {
        #expect(throws: DomainError.invalidContext(name)) { try Context(name) }
    }

    @Test func errorMessageNamesTheValueAndTheChoices() {
        let message = DomainError.invalidContext("has space").description
        #expect(message.contains("'has space'"))
        #expect(message.contains("work, personal, creative, general"))
        #expect(message.contains("1-32"))
    }

    @Test func codableValidates() throws {
        let data = try JSONEncoder().encode([try Context("Research"), .work])
        #expect(String(decoding: data, as: UTF8.self) == #"["research","work"]"#)
        #expect(try JSONDecoder().decode([Context].self, from: data) == [try Context("research"), .work])
        #expect(throws: DomainError.invalidContext("bad name")) {
            _ = try JSONDecoder().decode([Context].self, from: Data(#"["bad name"]"#.utf8))
        }
    }
}

@Suite("Mode, Role and SessionState parsing")
struct ModeRoleStateTests {
    @Test func modes() throws {
        #expect(try Mode(parsing: "assistant") == .assistant)
        #expect(try Mode(parsing: "Friend") == .friend)
        #expect(throws: DomainError.invalidMode("buddy")) { try Mode(parsing: "buddy") }
        #expect(throws: DomainError.invalidMode("")) { try Mode(parsing: "") }
        #expect(DomainError.invalidMode("buddy").description == "'buddy' is not a mode; use assistant or friend")
    }

    @Test func roles() throws {
        for role in Role.allCases {
            #expect(try Role(parsing: role.rawValue.uppercased()) == role)
        }
        #expect(Role.allCases.map(\.rawValue) == ["system", "user", "assistant", "tool"])
        #expect(throws: DomainError.invalidRole("robot")) { try Role(parsing: "robot") }
        #expect(throws: DomainError.invalidRole(" user")) { try Role(parsing: " user") }
        let message = DomainError.invalidRole("robot").description
        #expect(message.contains("'robot'"))
        #expect(message.contains("system, user, assistant or tool"))
    }

    @Test func states() throws {
        #expect(try SessionState(parsing: "ACTIVE") == .active)
        #expect(try SessionState(parsing: "expired") == .expired)
        #expect(try SessionState(parsing: "Ended") == .ended)
        #expect(throws: DomainError.invalidState("paused")) { try SessionState(parsing: "paused") }
        let message = DomainError.invalidState("paused").description
        #expect(message.contains("'paused'"))
        #expect(message.contains("active, expired or ended"))
    }
}
