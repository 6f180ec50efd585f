import Foundation
import Testing

/// `memchat sessions show ID --format text|markdown` through the real binary.
@Suite("memchat sessions show --format")
struct SessionsShowFormatCLITests {
    static let haiku = "01JBSAMPLE2HAIKURAIN"

    @Test func markdownIsADocumentWithEveryTurnVerbatim() async throws {
        let memchat = try MemchatProcess()
        _ = try await memchat.run(["import", MemchatProcess.sampleFile])
        let shown = try await memchat.run(["sessions", "show", Self.haiku, "--format", "markdown"])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout == """
            # Write a haiku about rain

            creative · friend · expired · 4 turns · started 2026-11-18 21:00 · last 2026-11-18 21:01 · session `01JBSAMPLE2HAIKURAIN`

            ## you · 2026-11-18 21:00

            Write a haiku about rain on a tin roof.

            ## assistant · 2026-11-18 21:00

            Tin roof drums all night —
            the sky practising its scales,
            never the same song.

            ## you · 2026-11-18 21:01

            Lovely. One more, about autumn fog?

            ## assistant · 2026-11-18 21:01

            Fog over the field;
            the old oak keeps its secrets
            half a step away.

            """)
        let last = try await memchat.run(["sessions", "show", Self.haiku, "--format", "markdown", "--last", "1"])
        #expect(last.stdout.components(separatedBy: "\n## ").count == 2)
        #expect(last.stdout.contains("## assistant · 2026-11-18 21:01\n\nFog over the field;"))
    }

    @Test func textIsTheDefaultAndMarkdownKeepsTabsButNotEscapes() async throws {
        let memchat = try MemchatProcess()
        let line = #"{"id":"TABS1","title":"Tabs","context":"work","created_at":"2026-11-01T10:00:00Z","turns":["#
            + #"{"role":"user","content":"make\tfile\u001b[31m red","created_at":"2026-11-01T10:00:00Z"},"#
            + #"{"role":"assistant","content":"```make\nall:\n\techo hi\n```\n","created_at":"2026-11-01T10:00:05Z"}]}"#
        #expect(try await memchat.run(["import", "-"], stdin: line + "\n").status == 0)

        let plain = try await memchat.run(["sessions", "show", "TABS1"])
        #expect(plain.status == 0)
        #expect(try await memchat.run(["sessions", "show", "TABS1", "--format", "text"]).stdout == plain.stdout)
        #expect(plain.stdout.hasPrefix("Tabs  [TABS1]\nwork · assistant · "))
        #expect(plain.stdout.contains("user  2026-11-01 10:00\nmake    file\u{FFFD}[31m red\n"))
        #expect(plain.stdout.contains("all:\n    echo hi"))

        let markdown = try await memchat.run(["sessions", "show", "TABS1", "--format", "markdown"])
        #expect(markdown.stdout.contains("## you · 2026-11-01 10:00\n\nmake\tfile\u{FFFD}[31m red\n\n## assistant"))
        #expect(markdown.stdout.hasSuffix("```make\nall:\n\techo hi\n```\n"))
        #expect(!markdown.stdout.contains("\u{1B}"))
    }

    @Test func turnsFromBeforeAContextSwitchSayWhere() async throws {
        let memchat = try MemchatProcess()
        let echo = ["--provider", "echo"]
        let first = try await memchat.run(["ask", "--new", "--context", "work"] + echo + ["first question"])
        #expect(first.status == 0, "\(first.stderr)")
        _ = try await memchat.run(["ask", "--continue", "--context", "personal", "--mode", "friend"] + echo + ["second question"])
        let list = try await memchat.run(["sessions", "list", "--json"])
        let sessions = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        let id = try #require(sessions.first?["id"] as? String)

        let markdown = try await memchat.run(["sessions", "show", id, "--format", "markdown"])
        let headings = markdown.stdout.split(separator: "\n").filter { $0.hasPrefix("## ") }
        #expect(headings.first?.hasPrefix("## you · ") == true)
        #expect(headings.first?.hasSuffix(" · work/assistant") == true)
        #expect(headings.last?.hasSuffix(" · work/assistant") == false)
        #expect(markdown.stdout.contains("\npersonal · friend · active · "))
    }

    @Test func refusals() async throws {
        let memchat = try MemchatProcess()
        _ = try await memchat.run(["import", MemchatProcess.sampleFile])
        let before = try await StoredData.read(memchat)

        let both = try await memchat.run(["sessions", "show", Self.haiku, "--format", "markdown", "--json"])
        #expect(both.status == 2)
        #expect(both.stdout.isEmpty)
        #expect(both.stderr.contains("--format markdown and --json cannot be combined"))

        let unknownFormat = try await memchat.run(["sessions", "show", Self.haiku, "--format", "html"])
        #expect(unknownFormat.status == 2)
        #expect(unknownFormat.stderr.contains("The value 'html' is invalid for '--format <format>'. Please provide one of 'text' and 'markdown'."))

        let missing = try await memchat.run(["sessions", "show", "NOSUCHSESSION", "--format", "markdown"])
        #expect(missing.status == 3)
        #expect(missing.stdout.isEmpty)
        #expect(missing.stderr.contains("no session with id NOSUCHSESSION"))

        let otherUser = try await memchat.run(["sessions", "show", Self.haiku, "--format", "markdown", "--user", "bo"])
        #expect(otherUser.status == 3)
        #expect(otherUser.stdout.isEmpty)
        #expect(otherUser.stderr.contains("session \(Self.haiku) belongs to user ana, not bo"))
        #expect(try await StoredData.read(memchat) == before)
    }
}
