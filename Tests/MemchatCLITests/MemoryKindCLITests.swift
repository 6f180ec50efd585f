import Foundation
import Testing

/// Fact kinds through the real binary: shown by `memory list`, chosen with `--kind` or
/// `memory kind`, and standing facts sent with every question across processes.
@Suite("memchat memory kinds")
struct MemoryKindCLITests {
    @Test func addClassifiesListShowsAndKindChanges() async throws {
        let memchat = try MemchatProcess()
        let metric = try await memchat.run(["memory", "add", "I prefer metric units"])
        #expect(metric.status == 0, "\(metric.stderr)")
        let dog = try await memchat.run(["memory", "add", "my dog is called Pixel"])
        let nick = try await memchat.run(["memory", "add", "--kind", "profile", "friends know me as Lou"])
        let (metricID, dogID, nickID) = (MemoryCLITests.id(in: metric.stdout), MemoryCLITests.id(in: dog.stdout), MemoryCLITests.id(in: nick.stdout))

        let list = try await memchat.run(["memory", "list"])
        let lines = list.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0].contains(" kind "))
        #expect(lines.first { $0.hasPrefix(metricID) }?.contains(" standing ") == true)
        #expect(lines.first { $0.hasPrefix(dogID) }?.contains(" other ") == true)
        #expect(lines.first { $0.hasPrefix(nickID) }?.contains(" profile ") == true)

        let changed = try await memchat.run(["memory", "kind", dogID, "standing"])
        #expect(changed.status == 0, "\(changed.stderr)")
        #expect(changed.stdout == "\(dogID) is standing now: my dog is called Pixel\n")
        let json = try await memchat.run(["memory", "list", "--json"])
        let facts = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(facts.map { $0["kind"] as? String } == ["standing", "standing", "profile"])

        // Said again with --kind: the kind changes; without, it stays.
        #expect(try await memchat.run(["memory", "add", "--kind", "other", "I prefer metric units"]).stdout.hasPrefix("already remembered"))
        _ = try await memchat.run(["memory", "add", "my dog is called Pixel"])
        let again = try await memchat.run(["memory", "list", "--json"])
        let kinds = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [[String: Any]]).map { $0["kind"] as? String }
        #expect(kinds == ["other", "standing", "profile"])

        let bad = try await memchat.run(["memory", "kind", dogID, "sometimes"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("profile") && bad.stderr.contains("standing") && bad.stderr.contains("other"))
        let unknown = try await memchat.run(["memory", "kind", "NOPE1234", "other"])
        #expect(unknown.status == 3)
        #expect(unknown.stderr.contains("no memory fact has the id or text 'NOPE1234'"))
    }

    @Test func standingFactsReachEveryQuestionAcrossProcesses() async throws {
        let memchat = try MemchatProcess()
        let told = try await memchat.run(["ask", "Hi, I'm Noor. Any gift ideas? My sister Inès collects old vinyl."])
        #expect(told.status == 0, "\(told.stderr)")
        #expect(try await memchat.run(["ask", "--new", "/remember I prefer metric units"]).status == 0)

        let shown = try await memchat.run(["ask", "--new", "--show-context", "how far is Lyon from Paris?"])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("About the user (always applies):\n- I prefer metric units\n- I'm Noor."))
        #expect(!shown.stdout.contains("What you know about the user:"), "nothing else bears on it")
        let json = try #require(shown.stdout.components(separatedBy: "── contextUsed ──\n").last)
        let used = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect((used["standingFacts"] as? [String])?.count == 2)
        #expect((used["facts"] as? [String]) == [])

        let sister = try await memchat.run(["ask", "--new", "--show-context", "what does my sister Inès collect?"])
        #expect(sister.stdout.contains("What you know about the user:\n- My sister Inès collects old vinyl."))
    }
}
