import Foundation
import MemchatTestSupport
import Testing

/// The chat screen as a user meets it: the real binary in tmux, keys sent, the screen
/// read back.
@Suite("TUI end to end", .serialized)
struct TUIEndToEndTests {
    @Test func aRefusedProviderSaysWhyOnTheScreenAndF5AsksAgain() async throws {
        let memchat = try MemchatProcess()
        let window = try Tmux(memchat, columns: 120, environment: ["OPENAI_BASE_URL": "http://127.0.0.1:9/v1"])
        defer { window.close() }
        _ = await window.waitFor("Ask anything")
        try window.type("is the cluster up?")
        try window.press("Enter")
        var screen = await window.waitFor("F5 asks it again")
        #expect(screen.contains("(no answer: cannot reach openai at http://127.0.0.1:9/v1"), "\(screen)")
        try window.press("F5")
        screen = await window.waitFor("the request can be asked again)", seconds: 10)
        let asked = screen.components(separatedBy: "is the cluster up?").count - 1
        #expect(asked >= 3, "the question again in the chat (and the recent list):\n\(screen)")
    }

    @Test func everyFileMemchatCreatesIsPrivate() async throws {
        let memchat = try MemchatProcess()
        let sample = ReadmeTryItTests.root.appendingPathComponent("data/sample.jsonl").path
        for arguments in [
            ["import", sample], ["ask", "remember that my dog is called Pixel"], ["memory", "add", "my manager is Priya"],
            ["ask", "what is my dog's name?"], ["export", "-o", memchat.dataDirectory + "/backup.jsonl"],
            ["import", sample, "--storage-type", "file"], ["memory", "forget", "Priya"],
        ] {
            let result = try await memchat.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        let window = try Tmux(memchat)
        _ = await window.waitFor("F1 help")
        try window.type("and my manager?")
        try window.press("Enter")
        _ = await window.waitFor("From your")
        try window.press("C-q")
        _ = await window.waitFor("[memchat exited 0]")
        window.close()

        let data = memchat.dataDirectory
        var seen: [String] = []
        let walker = try #require(FileManager.default.enumerator(atPath: data))
        for case let name as String in walker {
            let attributes = try FileManager.default.attributesOfItem(atPath: data + "/" + name)
            let mode = (attributes[.posixPermissions] as? Int ?? 0) & 0o777
            let directory = attributes[.type] as? FileAttributeType == .typeDirectory
            #expect(mode == (directory ? 0o700 : 0o600), "\(name) is \(String(mode, radix: 8))")
            seen.append(name)
        }
        for expected in ["memchat.sqlite", "memory_ana.json", "memchat.log", ".recall-hint-shown", "sessions/sessions.json", "backup.jsonl"] {
            #expect(seen.contains(expected), "\(expected) among \(seen.sorted())")
        }
        #expect(seen.contains { $0.hasSuffix(".lock") })
    }

    @Test func emptyStoreAskRecallRestart() async throws {
        let memchat = try MemchatProcess()
        let window = try Tmux(memchat)
        defer { window.close() }
        var screen = await window.waitFor("Ask anything")
        #expect(screen.contains("memchat · ana · general · assistant · recall/recall · \"new session\""))
        #expect(screen.contains("Enter send · C-j newline · Tab recent · C-o sessions · C-k context · F1 help"))
        #expect(screen.contains("no questions yet"))

        try window.type("remember that my dog is called Pixel")
        try window.press("Enter")
        screen = await window.waitFor("From your memory")
        #expect(screen.contains("[recalled from your own history, not generated]"))
        #expect(screen.contains("My dog is called Pixel."))
        try window.type("what is my dog's name?")
        try window.press("Enter")
        screen = await window.waitFor("▸ what is my dog's name?")
        #expect(screen.contains("▸ what is my dog's name?"), "the recent list shows the new question")
        #expect(screen.contains("\"remember that my dog is called Pix…\""), "the session is titled by its first question")
        try window.press("C-q")
        screen = await window.waitFor("[memchat exited 0]")
        #expect(screen.contains("[memchat exited 0]"), "quit ends the process cleanly:\n\(screen)")
        window.close()

        // Everything is still there after a restart (the session is resumed).
        let again = try Tmux(memchat)
        defer { again.close() }
        screen = await again.waitFor("F1 help")
        #expect(screen.contains("what is my dog's name?"))
        #expect(screen.contains("remember that my dog is called Pixel"))
        #expect(screen.contains("memory: 1 facts"))
    }

    @Test func aStoredMarkdownAnswerShowsNoMarksAndCodeIsNotWrapped() async throws {
        let memchat = try MemchatProcess()
        let long = "SELECT client_addr, state, pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn) AS lag_bytes FROM pg_stat_replication;"
        let answer = "Check it on the **primary**:\n\n| Column | Meaning |\n|---|---|\n| lag_bytes | WAL not replayed yet |\n\n```sql\n\(long)\n```"
        let session: [String: Any] = [
            "id": "01JBMARKDOWN0000000000000", "context": "general", "mode": "assistant", "title": "lag",
            "created_at": "2026-10-02T08:01:00Z", "updated_at": "2026-10-02T08:02:00Z",
            "turns": [
                ["role": "user", "content": "how do I check replication lag?", "created_at": "2026-10-02T08:01:00Z"],
                ["role": "assistant", "content": answer, "created_at": "2026-10-02T08:02:00Z"],
            ],
        ]
        let line = String(decoding: try JSONSerialization.data(withJSONObject: session), as: UTF8.self)
        let imported = try await memchat.run(["import", "-"], stdin: line + "\n")
        #expect(imported.status == 0, "\(imported.stderr)")

        let window = try Tmux(memchat, columns: 100, rows: 30)
        defer { window.close() }
        try window.press("C-o")
        _ = await window.waitFor("Sessions (1)")
        try window.press("Enter")
        let screen = await window.waitFor("lag_bytes │ WAL not replayed yet")
        #expect(screen.contains("Check it on the primary:"), "\(screen)")
        for raw in ["```", "**", "|---|", "| Column |"] {
            #expect(!screen.contains(raw), "\(raw) shown raw:\n\(screen)")
        }
        // The long code line is cut with a marker, not wrapped onto the next line.
        let rows = screen.components(separatedBy: "\n")
        guard let codeRow = rows.firstIndex(where: { $0.contains("│ SELECT client_addr") }) else {
            Issue.record("no code line:\n\(screen)")
            return
        }
        #expect(rows[codeRow].contains("→"), "\(rows[codeRow])")
        #expect(!rows[codeRow + 1].contains("pg_stat_replication"), "the rest of the line was wrapped:\n\(screen)")
        #expect(rows[codeRow + 1].contains("╰─"))
    }

    @Test func chatOpensTheSessionContextAndModeAsked() async throws {
        let memchat = try MemchatProcess()
        _ = try await memchat.run(["ask", "--new", "--context", "work", "--provider", "echo", "deploy the staging cluster"])
        _ = try await memchat.run(["ask", "--new", "--context", "creative", "--provider", "echo", "write a haiku about rain"])
        let listed = try await memchat.run(["sessions", "list", "--json"])
        let sessions = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        let work = try #require(sessions.first { ($0["context"] as? String) == "work" }?["id"] as? String)

        // --session opens that one, not the most recent.
        let opened = try Tmux(memchat, arguments: ["chat", "--session", work], environment: ["MEMCHAT_PROVIDER": "echo"])
        var screen = await opened.waitFor("Recent · work")
        #expect(screen.contains("memchat · ana · work · assistant"), "\(screen)")
        #expect(screen.contains("deploy the staging cluster"))
        #expect(!screen.contains("write a haiku about rain"))
        opened.close()

        // --new with a context and mode: an empty chat in them.
        let fresh = try Tmux(memchat, arguments: ["chat", "--new", "--context", "personal", "--mode", "friend"])
        screen = await fresh.waitFor("Recent · personal")
        #expect(screen.contains("memchat · ana · personal · friend"), "\(screen)")
        #expect(screen.contains("Ask anything"))
        fresh.close()

        // --incognito: the status says so and nothing asked is stored.
        let incognito = try Tmux(memchat, arguments: ["chat", "--incognito"], environment: ["MEMCHAT_PROVIDER": "echo"])
        screen = await incognito.waitFor("incognito")
        try incognito.type("a secret question")
        try incognito.press("Enter")
        _ = await incognito.waitFor("a secret question")
        incognito.close()
        let search = try await memchat.run(["search", "secret"])
        #expect(!search.stdout.contains("a secret question"), "\(search.stdout)")

        // An unknown session is an error before the screen opens, and nothing changes.
        let unknown = try Tmux(memchat, arguments: ["chat", "--session", "01NOSUCHSESSION0000000000"])
        screen = await unknown.waitFor("[memchat exited 3]")
        #expect(screen.contains("[memchat exited 3]"), "\(screen)")
        #expect(screen.contains("01NOSUCHSESSION0000000000"), "the message names the id:\n\(screen)")
        unknown.close()
    }

    @Test func theThemeAskedForColoursTheScreenAndABadOneSaysWhere() async throws {
        let memchat = try MemchatProcess()
        // The light theme paints the whole screen near-white (colour 255) on 256 colours.
        let light = try Tmux(memchat, arguments: ["chat", "--theme", "light"])
        _ = await light.waitFor("Ask anything")
        #expect(light.styledScreen.contains("48;5;255"), "\(light.styledScreen)")
        light.close()

        // NO_COLOR keeps attributes but drops every colour.
        let plain = try Tmux(memchat, arguments: ["--theme", "light"], environment: ["NO_COLOR": "1"])
        _ = await plain.waitFor("Ask anything")
        let styled = plain.styledScreen
        // No SGR parameter sets a colour (39 and 49, back to the default, may appear).
        let setsColour = try Regex(#"\x1B\[(?:[0-9;]*;)?(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])[;m]"#)
        #expect(styled.firstMatch(of: setsColour) == nil, "\(styled)")
        #expect(styled.contains("\u{1B}[7m") || styled.contains(";7m"), "the status bar is reversed:\n\(styled)")
        plain.close()

        // A mistake in a theme file: the screen opens in the default theme and says where.
        let themes = memchat.path("config/memchat/themes")
        try FileManager.default.createDirectory(atPath: themes, withIntermediateDirectories: true)
        try "[chat]\nuser_label = { fg = \"cyan\" }\ntime = \"bleu\"\n".write(toFile: themes + "/light.toml", atomically: true, encoding: .utf8)
        let broken = try Tmux(memchat, columns: 200, arguments: ["chat", "--theme", "light"])
        let screen = await broken.waitFor("using the dark theme")
        #expect(screen.contains("light.toml:3: 'bleu' is not valid for chat.time; expected a colour"), "\(screen)")
        #expect(!broken.styledScreen.contains("48;5;255"))
        broken.close()

        // A theme there is no file for is an error before the screen opens.
        let unknown = try Tmux(memchat, arguments: ["chat", "--theme", "solarised"])
        let said = await unknown.waitFor("[memchat exited 2]")
        #expect(said.contains("'solarised' is not valid; expected a theme: dark, high-contrast, light"), "\(said)")
        unknown.close()
    }

    @Test func reaskFromTheSidebarAndResumeFromThePicker() async throws {
        let memchat = try MemchatProcess()
        _ = try await memchat.run(["ask", "--new", "--context", "work", "--provider", "echo", "deploy the staging cluster"])
        _ = try await memchat.run(["ask", "--new", "--context", "creative", "--provider", "echo", "write a haiku about rain"])
        let window = try Tmux(memchat, arguments: [], environment: ["MEMCHAT_PROVIDER": "echo"])
        defer { window.close() }
        var screen = await window.waitFor("write a haiku about rain")
        #expect(screen.contains("Recent · creative"))

        // Re-ask from the sidebar: Tab, Enter.
        try window.press("Tab")
        try window.press("Enter")
        screen = await window.waitFor("Recent · creative")
        try await Task.sleep(for: .milliseconds(300))
        screen = window.screen
        let asked = screen.components(separatedBy: "write a haiku about rain").count - 1
        #expect(asked >= 4, "question, echoed answer, asked again, echoed again:\n\(screen)")

        // Resume the work session from the picker: C-o, filter, Enter.
        try window.press("C-o")
        screen = await window.waitFor("Sessions (2)")
        try window.type("staging")
        screen = await window.waitFor("Sessions (1)")
        try window.press("Enter")
        screen = await window.waitFor("resumed \"deploy the staging cluster\"")
        #expect(screen.contains("memchat · ana · work · assistant"))
        #expect(screen.contains("Recent · work"))
        #expect(screen.contains("▸ deploy the staging cluster"))
    }

    @Test func switchingContextChangesTheSidebar() async throws {
        let memchat = try MemchatProcess()
        _ = try await memchat.run(["ask", "--new", "--context", "work", "--provider", "echo", "quarterly planning agenda"])
        _ = try await memchat.run(["ask", "--new", "--context", "personal", "--provider", "echo", "birthday gift ideas"])
        let window = try Tmux(memchat, environment: ["MEMCHAT_PROVIDER": "echo"])
        defer { window.close() }
        var screen = await window.waitFor("Recent · personal")
        #expect(screen.contains("▸ birthday gift ideas"))
        #expect(!screen.contains("quarterly planning agenda"))
        // In the resumed session the switch is recorded in its history.
        try window.press("C-k")
        screen = await window.waitFor("Recent · creative")
        #expect(screen.contains("context switched from personal/assistant to"))
        // In a new session, by command: the list follows.
        try window.type("/new")
        try window.press("Enter")
        try window.type("/context work")
        try window.press("Enter")
        screen = await window.waitFor("▸ quarterly planning agenda")
        #expect(screen.contains("Recent · work"))
        #expect(screen.contains("▸ quarterly planning agenda"))
        #expect(!screen.contains("birthday gift ideas"))
        #expect(screen.contains("memchat · ana · work · assistant"))
    }

    @Test func escStopsAStreamAndResizeMidStreamKeepsDrawing() async throws {
        // A model server that sends one word, then holds the rest of the answer.
        var steps = ScriptedHTTPServer.stream([
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Partial words\"},\"finish_reason\":null}]}\n\n",
        ])
        steps.removeLast()
        let server = try ScriptedHTTPServer(replies: [steps + [.waitForRelease]])
        defer { server.release() }
        let memchat = try MemchatProcess()
        let window = try Tmux(memchat, environment: ["OPENAI_BASE_URL": server.baseURL + "/v1"])
        defer { window.close() }
        _ = await window.waitFor("Ask anything")
        try window.type("tell me a long story")
        try window.press("Enter")
        var screen = await window.waitFor("Partial words▍")
        #expect(screen.contains("Esc stop the answer"))

        try window.resize(columns: 70, rows: 20)
        screen = await window.waitFor("Partial words▍")
        #expect(screen.contains("Partial words▍"), "still streaming after the resize:\n\(screen)")
        #expect(!screen.contains("Recent ·") || screen.split(separator: "\n").allSatisfy { $0.count <= 70 })

        try window.press("Escape")
        screen = await window.waitFor("[interrupted]")
        #expect(screen.contains("[interrupted]"))
        #expect(!screen.contains("Partial words▍"))

        let list = try await memchat.run(["sessions", "list", "--json"])
        let sessions = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        let shown = try await memchat.run(["sessions", "show", try #require(sessions.first?["id"] as? String), "--json"])
        #expect(shown.stdout.contains("\"interrupted\":true"))
        #expect(shown.stdout.contains("Partial words"))
    }

    @Test func tooSmallAndHelp() async throws {
        let memchat = try MemchatProcess()
        let window = try Tmux(memchat, columns: 24, rows: 6)
        defer { window.close() }
        var screen = await window.waitFor("memchat needs at least")
        #expect(screen.contains("30x10"))
        try window.resize(columns: 100, rows: 40)
        screen = await window.waitFor("Ask anything")
        try window.press("F1")
        screen = await window.waitFor("Help · any key closes")
        #expect(screen.contains("new line in the message"))
        try window.press("x")
        screen = await window.waitFor("Ask anything")
        #expect(!screen.contains("Help · any key closes"))
    }

    @Test func sigtermRestoresTheTerminalAndEnds() async throws {
        let memchat = try MemchatProcess()
        let window = try Tmux(memchat)
        defer { window.close() }
        _ = await window.waitFor("Ask anything")
        let shell = try #require(Int32(try window.tmux(["display-message", "-p", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)))
        let children = try String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)
        let pid = try #require(Int32(children.split(separator: " ").first ?? ""))
        kill(pid, SIGTERM)
        let screen = await window.waitFor("[memchat exited 143]")
        #expect(screen.contains("[memchat exited 143]"), "SIGTERM ends memchat with its own status:\n\(screen)")
        #expect(!screen.contains("┌ Chat"), "the screen was given back (the alternate screen is gone)")
    }

    /// /incognito in the chat screen: answered, follow-ups keep the conversation, /remember
    /// is refused, and no file in the data directory changes.
    @Test func incognitoInTheChatScreenWritesNothing() async throws {
        let memchat = try MemchatProcess()
        _ = try await memchat.run(["ask", "--provider", "echo", "an ordinary stored question"])
        let window = try Tmux(memchat, environment: ["MEMCHAT_PROVIDER": "echo"])
        defer { window.close() }
        _ = await window.waitFor("▸ an ordinary stored question")
        // After its first frame the screen indexes the stored question in the background
        // (and logs it); what follows must change nothing more.
        let log = (memchat.dataDirectory as NSString).appendingPathComponent("memchat.log")
        for _ in 0..<100 where !((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").contains("turn index:") {
            try await Task.sleep(for: .milliseconds(50))
        }
        let before = DataDirectorySnapshot(memchat.dataDirectory)

        try window.type("/incognito")
        try window.press("Enter")
        var screen = await window.waitFor("Message · incognito")
        #expect(screen.contains("incognito: a new conversation"))
        try window.type("/remember my PIN is 8812")
        try window.press("Enter")
        screen = await window.waitFor("incognito keeps no memory")
        #expect(screen.contains("incognito keeps no memory"))
        try window.type("my zebra plan")
        try window.press("Enter")
        _ = await window.waitFor("\"my zebra plan\"")
        try window.type("a zebra follow-up")
        try window.press("Enter")
        _ = await window.waitFor("a zebra follow-up")
        try await Task.sleep(for: .milliseconds(500))
        screen = window.screen
        #expect(screen.contains("my zebra plan"), "the follow-up is asked in the same conversation:\n\(screen)")
        #expect(screen.contains("\"my zebra plan\""), "titled by the incognito conversation's first question")
        #expect(screen.components(separatedBy: "a zebra follow-up").count - 1 >= 2, "asked and echoed:\n\(screen)")
        #expect(DataDirectorySnapshot(memchat.dataDirectory) == before)

        try window.press("C-q")
        _ = await window.waitFor("[memchat exited 0]")
        #expect(!DataDirectorySnapshot(memchat.dataDirectory).contains("zebra"), "not in the store, memory or memchat.log")
        #expect(try await memchat.run(["search", "zebra"]).stdout.contains("no matches"))
        #expect(!(try await memchat.run(["memory", "list"]).stdout.contains("8812")))
    }
}
