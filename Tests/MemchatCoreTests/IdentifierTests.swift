import Foundation
import Testing
@testable import MemchatCore

/// Runs `make` and returns the `IdentifierError` it threw (records an issue otherwise).
private func identifierError(_ make: () throws -> Void) -> IdentifierError? {
    do {
        try make()
        Issue.record("expected an IdentifierError, nothing was thrown")
        return nil
    } catch let error as IdentifierError {
        return error
    } catch {
        Issue.record("expected an IdentifierError, got \(error)")
        return nil
    }
}

@Suite("UserName")
struct UserNameTests {
    @Test("accepts ordinary login names", arguments: [
        "louis", "Louis_2", "a", "first.last", "me@example.com", "x-y_z.1", String(repeating: "u", count: 64),
    ])
    func acceptsNormalNames(_ name: String) throws {
        let user = try UserName(name)
        #expect(user.rawValue == name)
        #expect(user.description == name)
    }

    @Test func rejectsEmpty() {
        let error = identifierError { _ = try UserName("") }
        #expect(error == .empty(kind: "user name"))
        #expect(error?.description.contains("empty") == true)
    }

    @Test func rejectsSlash() {
        let error = identifierError { _ = try UserName("a/b") }
        #expect(error == .forbiddenCharacter(kind: "user name", value: "a/b", character: "'/'"))
        #expect(error?.description.contains("'/'") == true)
    }

    @Test func rejectsPathTraversal() {
        let error = identifierError { _ = try UserName("../etc") }
        // The '/' is the first forbidden thing met.
        #expect(error?.description.contains("'/'") == true)
    }

    @Test func rejectsBackslash() {
        let error = identifierError { _ = try UserName("a\\b") }
        #expect(error == .forbiddenCharacter(kind: "user name", value: "a\\b", character: "'\\'"))
        #expect(error?.description.contains("'\\'") == true)
    }

    @Test func rejectsDotAndDotDot() {
        let dot = identifierError { _ = try UserName(".") }
        #expect(dot == .dotOnly(kind: "user name", value: "."))
        #expect(dot?.description.contains("directory") == true)
        let dotDot = identifierError { _ = try UserName("..") }
        #expect(dotDot == .dotOnly(kind: "user name", value: ".."))
        #expect(dotDot?.description.contains("'..'") == true)
    }

    @Test func rejectsEmbeddedDotDot() {
        let error = identifierError { _ = try UserName("a..b") }
        #expect(error == .forbiddenCharacter(kind: "user name", value: "a..b", character: "'..'"))
        #expect(error?.description.contains("'..'") == true)
    }

    @Test func rejectsNUL() {
        let error = identifierError { _ = try UserName("ab\u{0}cd") }
        #expect(error?.description.contains("NUL") == true)
        // The raw NUL never reaches the message.
        #expect(error?.description.contains("\u{0}") == false)
    }

    @Test func rejectsEscapeSequencesWithoutEchoingThem() throws {
        let error = try #require(identifierError { _ = try UserName("\u{1B}[31m") })
        #expect(error.description.contains("U+001B"))
        #expect(error.description.contains("control character"))
        #expect(!error.description.unicodeScalars.contains { $0.value < 0x20 })
    }

    @Test("rejects other control characters", arguments: ["a\tb", "a\nb", "a\rb", "a\u{7F}b", "a\u{85}b"])
    func rejectsControlCharacters(_ name: String) throws {
        let error = try #require(identifierError { _ = try UserName(name) })
        #expect(error.description.contains("control character"))
        #expect(!error.description.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    }

    @Test("rejects other punctuation and non-ASCII", arguments: ["a b", "a:b", "a*b", "ä", "名前", "a\u{200B}b"])
    func rejectsOtherCharacters(_ name: String) {
        let error = identifierError { _ = try UserName(name) }
        guard case .forbiddenCharacter = error else {
            Issue.record("expected forbiddenCharacter, got \(String(describing: error))")
            return
        }
    }

    @Test func rejectsOverLongNames() throws {
        let name = String(repeating: "a", count: 65)
        let error = try #require(identifierError { _ = try UserName(name) })
        #expect(error == .tooLong(kind: "user name", value: name, limit: 64))
        #expect(error.description.contains("longer than 64"))
        #expect(error.description.contains("user name"))
        // The message quotes only a prefix of the value.
        #expect(!error.description.contains(name))
    }
}

@Suite("SessionID and TurnID")
struct SessionAndTurnIDTests {
    @Test("accept the id alphabet", arguments: ["01JABCDEFGHJKMNPQRSTVWXYZ0", "abc", "a-b_c", "X", String(repeating: "9", count: 64)])
    func acceptNormalIDs(_ value: String) throws {
        #expect(try SessionID(value).rawValue == value)
        #expect(try TurnID(value).rawValue == value)
    }

    @Test("refuse dots and '@', unlike user names", arguments: [".", "..", "a.b", "a@b"])
    func refuseDotsAndAt(_ value: String) throws {
        let sessionError = try #require(identifierError { _ = try SessionID(value) })
        guard case .forbiddenCharacter(let kind, _, _) = sessionError else {
            Issue.record("expected forbiddenCharacter, got \(sessionError)")
            return
        }
        #expect(kind == "session id")
        #expect(sessionError.description.contains("session id"))
        let turnError = try #require(identifierError { _ = try TurnID(value) })
        #expect(turnError.description.contains("turn id"))
    }

    @Test func refuseSlashesBackslashesAndControlCharacters() {
        #expect(identifierError { _ = try SessionID("a/b") }?.description.contains("'/'") == true)
        #expect(identifierError { _ = try SessionID("a\\b") }?.description.contains("'\\'") == true)
        #expect(identifierError { _ = try SessionID("a\u{0}") }?.description.contains("NUL") == true)
        #expect(identifierError { _ = try TurnID("\u{1B}[31m") }?.description.contains("U+001B") == true)
        #expect(identifierError { _ = try TurnID("a/b") }?.description.contains("'/'") == true)
    }

    @Test func refuseEmptyAndOverLong() {
        #expect(identifierError { _ = try SessionID("") } == .empty(kind: "session id"))
        #expect(identifierError { _ = try TurnID("") } == .empty(kind: "turn id"))
        let long = String(repeating: "A", count: 65)
        #expect(identifierError { _ = try SessionID(long) }?.description.contains("longer than 64") == true)
        #expect(identifierError { _ = try TurnID(long) }?.description.contains("longer than 64") == true)
    }

    @Test func compareByRawValue() throws {
        #expect(try SessionID("A") < SessionID("B"))
        #expect(try SessionID("01") < SessionID("02"))
        #expect(try SessionID("abc") == SessionID("abc"))
        #expect(try TurnID("x") != TurnID("y"))
    }
}

@Suite("Identifier Codable")
struct IdentifierCodableTests {
    private struct Wrapper: Codable, Equatable {
        var user: UserName
        var session: SessionID
        var turn: TurnID
    }

    @Test func roundTripsAsPlainStrings() throws {
        let value = Wrapper(user: try UserName("me@example.com"), session: try SessionID("01J0000000"), turn: try TurnID("t-1"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(value)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text == #"{"session":"01J0000000","turn":"t-1","user":"me@example.com"}"#)
        #expect(try JSONDecoder().decode(Wrapper.self, from: data) == value)
    }

    @Test("decoding an invalid id fails", arguments: [
        #"{"session":"a/b","turn":"t","user":"u"}"#,
        #"{"session":"s","turn":"..","user":"u"}"#,
        #"{"session":"s","turn":"t","user":".."}"#,
        #"{"session":"s","turn":"t","user":""}"#,
        #"{"session":"s","turn":"t","user":"a\u001bb"}"#,
        #"{"session":"s","turn":"t","user":42}"#,
    ])
    func decodingInvalidIDFails(_ json: String) {
        #expect(throws: (any Error).self) {
            _ = try JSONDecoder().decode(Wrapper.self, from: Data(json.utf8))
        }
    }

    @Test func decodingInvalidIDThrowsTheIdentifierError() {
        #expect(throws: IdentifierError.forbiddenCharacter(kind: "session id", value: "a/b", character: "'/'")) {
            _ = try JSONDecoder().decode([SessionID].self, from: Data(#"["a/b"]"#.utf8))
        }
    }
}
