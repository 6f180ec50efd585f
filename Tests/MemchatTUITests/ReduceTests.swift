import Foundation
import MemchatCore
import MemchatEngine
import MemchatTerminal
import Testing
@testable import MemchatTUI

/// `reduce` for every action: what the state becomes and which effects are asked for.
@Suite("Reduce")
struct ReduceTests {
    typealias F = TUIFixtures

    @Test func loadedShowsTheResumedSessionAndRecentQuestions() {
        let state = F.populated()
        #expect(state.session?.title == "Postgres failover plan")
        #expect(state.context == .work)
        #expect(state.entries.map(\.kind) == [.question, .answer(interrupted: false)])
        #expect(state.sidebar.items.count == 3)
        #expect(state.sidebar.memoryFacts == 14)
    }

    @Test func typingAndSendingAsksAndStreams() {
        var state = F.typing("hello there", into: F.populated())
        #expect(state.input.text == "hello there")
        let (asked, effects) = reduce(state, F.key(.enter))
        #expect(effects == [.ask("hello there")])
        #expect(asked.input.text.isEmpty)
        #expect(asked.entries.last == ChatEntry(kind: .question, text: "hello there", time: F.now))
        #expect(asked.isStreaming)
        state = reduce(asked, .engine(.text("Hi"))).0
        state = reduce(state, .engine(.text(" you"))).0
        #expect(state.streaming == "Hi you")
        // Sending again while streaming is refused with a hint.
        let (busy, none) = reduce(F.typing("more", into: state), F.key(.enter))
        #expect(none.isEmpty)
        #expect(busy.status == "an answer is still streaming; Esc stops it")
        let answer = F.turn("a9", seq: 3, role: .assistant, "Hi you", minutesAgo: 0)
        let (done, refresh) = reduce(state, .engine(.answered(answer)))
        #expect(!done.isStreaming)
        #expect(done.entries.last?.kind == .answer(interrupted: false))
        #expect(refresh == [.loadRecent(context: .work)])
    }

    @Test func reasoningWhileStreamingIsCountedAndTheStoredAnswerKeepsIt() {
        var state = reduce(F.typing("why?", into: F.populated()), F.key(.enter)).0
        state = reduce(state, .engine(.reasoning("Think"))).0
        state = reduce(state, .engine(.reasoning("ing.."))).0
        #expect(state.streamingReasoning == 10)
        #expect(ChatView.lines(state, width: 60).contains { $0.segments.map(\.text).joined() == "▸ thinking · 10 characters" })
        let turn = F.turn("a9", seq: 9, role: .assistant, "Because.", minutesAgo: 0, metadata: AnswerMetadata(reasoning: "Thinking..").written())
        state = reduce(state, .engine(.answered(turn))).0
        #expect(state.streamingReasoning == 0)
        #expect(state.entries.last?.reasoning == "Thinking..")
    }

    @Test func emptyMessagesAreNotSent() {
        #expect(reduce(F.typing("   ", into: F.populated()), F.key(.enter)).1.isEmpty)
    }

    @Test func escAndCtrlCStopAStreamingAnswer() {
        let streaming = reduce(F.typing("q", into: F.populated()), F.key(.enter)).0
        #expect(reduce(streaming, F.key(.escape)).1 == [.stopAnswer])
        #expect(reduce(streaming, F.key(.character("c"), control: true)).1 == [.stopAnswer])
        let stopped = F.turn("a8", seq: 3, role: .assistant, "par", minutesAgo: 0, metadata: ["interrupted": .bool(true)])
        #expect(reduce(streaming, .engine(.answered(stopped))).0.entries.last?.kind == .answer(interrupted: true))
    }

    @Test func ctrlCWithoutAStreamAsksBeforeQuitting() {
        let asking = reduce(F.populated(), F.key(.character("c"), control: true)).0
        #expect(asking.overlay == .confirmQuit)
        #expect(reduce(asking, F.key(.character("n"))).0.overlay == nil)
        let (quitting, effects) = reduce(asking, F.key(.character("y")))
        #expect(quitting.quitting)
        #expect(effects == [.quit])
        #expect(reduce(F.populated(), F.key(.character("q"), control: true)).1 == [.quit])
    }

    @Test func newlineKeysInsertNewlines() {
        var state = F.typing("a", into: F.populated())
        state = reduce(state, F.key(.character("j"), control: true)).0
        state = reduce(state, F.key(.enter, alt: true)).0
        #expect(state.input.text == "a\n\n")
    }

    @Test func pasteGoesIntoTheMessageAsIs() {
        let state = reduce(F.populated(), .terminal(.paste("line one\nline two"))).0
        #expect(state.input.text == "line one\nline two")
        #expect(reduce(state, .terminal(.paste("!"))).0.input.text == "line one\nline two!")
    }

    @Test func editingKeysMoveAndDelete() {
        var state = F.typing("hello big world", into: F.populated())
        state = reduce(state, F.key(.character("w"), control: true)).0
        #expect(state.input.text == "hello big ")
        state = reduce(state, F.key(.left, control: true)).0
        state = reduce(state, F.key(.backspace)).0
        #expect(state.input.text == "hellobig ")
        state = reduce(state, F.key(.home)).0
        state = reduce(state, F.key(.delete)).0
        #expect(state.input.text == "ellobig ")
        state = reduce(state, F.key(.end)).0
        state = reduce(state, F.key(.character("u"), control: true)).0
        #expect(state.input.text.isEmpty)
    }

    @Test func historyWalksEarlierQuestions() {
        var state = F.populated()
        for question in ["first", "second"] {
            state = reduce(F.typing(question, into: state), F.key(.enter)).0
            state = reduce(state, .engine(.answered(F.turn("x\(question.count)", seq: 9, role: .assistant, "ok", minutesAgo: 0)))).0
        }
        state = reduce(state, F.key(.up)).0
        #expect(state.input.text == "second")
        state = reduce(state, F.key(.up)).0
        #expect(state.input.text == "first")
        state = reduce(state, F.key(.down)).0
        state = reduce(state, F.key(.down)).0
        #expect(state.input.text.isEmpty)
    }

    @Test func sidebarReaskAndOpenOriginal() {
        var state = reduce(F.populated(), F.key(.tab)).0
        #expect(state.focus == .sidebar)
        state = reduce(state, F.key(.down)).0
        #expect(state.sidebar.selected == 1)
        let (reasked, effects) = reduce(state, F.key(.enter))
        #expect(effects == [.ask("What did Priya say about Q3?")])
        #expect(reasked.focus == .input)
        #expect(reasked.entries.last?.text == "What did Priya say about Q3?")
        let opened = reduce(state, F.key(.character("o"))).1
        #expect(opened == [.openSession(F.recent[1].sessionID)])
        let all = reduce(state, F.key(.character("a")))
        #expect(all.0.sidebar.allContexts)
        #expect(all.1 == [.loadRecent(context: nil)])
    }

    @Test func sessionOpenedReplacesTheChat() {
        let other = F.session("s2", title: "Haiku about rain", context: .creative)
        let (state, effects) = reduce(F.populated(), .sessionOpened(other, [F.turn("h1", session: "s2", seq: 0, role: .user, "rain?", minutesAgo: 90)]))
        #expect(state.session?.id == other.id)
        #expect(state.context == .creative)
        #expect(state.entries.map(\.text) == ["rain?"])
        #expect(effects == [.loadRecent(context: .creative)])
    }

    @Test func contextAndModeSwitchByKeyAndCommand() {
        let (next, effects) = reduce(F.populated(), F.key(.character("k"), control: true))
        #expect(next.context == .personal)
        #expect(effects == [.switchContext(.personal, .assistant), .loadRecent(context: .personal)])
        #expect(next.entries.last?.kind == .event)
        let (friend, modeEffects) = reduce(F.typing("/mode friend", into: next), F.key(.enter))
        #expect(friend.mode == .friend)
        #expect(modeEffects.first == .switchContext(.personal, .friend))
        let (custom, _) = reduce(F.typing("/context journal", into: friend), F.key(.enter))
        #expect(custom.context.name == "journal")
        // Without a session yet, nothing is recorded, only the list follows.
        var fresh = F.state()
        fresh = reduce(fresh, F.key(.character("k"), control: true)).0
        #expect(fresh.entries.isEmpty)
        #expect(reduce(fresh, F.key(.character("t"), control: true)).0.mode == .friend)
    }

    @Test func slashCommands() {
        func send(_ text: String, _ state: State = F.populated()) -> (State, [Effect]) {
            reduce(F.typing(text, into: state), F.key(.enter))
        }
        #expect(send("/remember my dog is Pixel").1 == [.command(.remember("my dog is Pixel"))])
        #expect(send("/forget 7K3F").1 == [.command(.forget("7K3F"))])
        #expect(send("/model ollama:qwen3").1 == [.setModel("ollama:qwen3")])
        #expect(send("/sessions").1 == [.listSessions])
        #expect(send("/new").0.session == nil)
        #expect(send("/incognito").0.incognito)
        #expect(send("/help").0.overlay == .help(top: 0))
        #expect(send("/quit").1 == [.quit])
        #expect(send("/mode boss").0.status == "/mode needs assistant or friend")
        #expect(send("/bogus").0.status?.hasPrefix("/bogus is not a command") == true)
        #expect(send("/remember my dog is Pixel").0.entries.count == F.populated().entries.count, "a command is not a question")
    }

    @Test func noticesAndFailuresShow() {
        #expect(reduce(F.populated(), .notice("remembered: x")).0.entries.last == ChatEntry(kind: .notice, text: "remembered: x", time: F.now))
        #expect(reduce(F.populated(), .failed("store busy")).0.status == "store busy")
        let streaming = reduce(F.typing("q", into: F.populated()), F.key(.enter)).0
        let failed = reduce(streaming, .askFailed("cannot store")).0
        #expect(!failed.isStreaming)
        #expect(failed.entries.last?.kind == .failure)
        let answer = F.turn("e1", seq: 3, role: .assistant, "", minutesAgo: 0, metadata: ["error": .string("openai refused the request (401)")])
        let errored = reduce(streaming, .engine(.answered(answer))).0
        #expect(errored.status == "openai refused the request (401)")
        #expect(errored.entries.last?.text == "(no answer: openai refused the request (401) — the request can be asked again)")
        #expect(reduce(F.populated(), .engine(.learned([]))).0.status == "remembered: ")
    }

    @Test func aQuestionShowsTheTimeItWasStoredNotTheLastClockTick() {
        // The clock ticks every 30 s; the question is sent 25 s after the last tick.
        let sent = reduce(F.typing("what time is it", into: F.populated()), F.key(.enter)).0
        let stored = F.turn("q1", seq: 3, role: .user, "what time is it", minutesAgo: -25.0 / 60)
        let asked = reduce(sent, .engine(.asked(stored))).0
        #expect(asked.entries.last == ChatEntry(kind: .question, text: "what time is it", time: stored.createdAt))
        #expect(asked.now == stored.createdAt)
    }

    @Test func aFailedAnswerSaysWhyAndF5AsksTheQuestionAgain() {
        let streaming = reduce(F.typing("is the cluster up?", into: F.populated()), F.key(.enter)).0
        let error = "cannot reach openai at http://127.0.0.1:1234/v1: connection refused"
        let answer = F.turn("e1", seq: 3, role: .assistant, "", minutesAgo: 0, metadata: ["error": .string(error)])
        let failed = reduce(streaming, .engine(.answered(answer))).0
        let screen = ChatView.historyLines(failed, width: 200).map { $0.segments.map(\.0).joined() }
        #expect(screen.contains("(no answer: \(error) — the request can be asked again)"))
        #expect(screen.contains("F5 asks it again"))
        let (again, effects) = reduce(failed, F.key(.function(5)))
        #expect(effects == [.ask("is the cluster up?")])
        #expect(again.entries.last == ChatEntry(kind: .question, text: "is the cluster up?", time: F.now))
        // Nothing to ask again in an empty session, and not while an answer streams.
        #expect(reduce(State(size: Size(columns: 80, rows: 24), now: F.now, user: "ana", storage: "sqlite", provider: "echo", model: "echo"), F.key(.function(5))).1.isEmpty)
        #expect(reduce(again, F.key(.function(5))).1.isEmpty)
    }

    @Test func pickerFiltersResumesRenamesEndsAndDeletes() {
        var state = reduce(F.populated(), F.key(.character("o"), control: true)).0
        let sessions = [F.session("s1"), F.session("s2", title: "Haiku about rain", context: .creative)]
        state = reduce(state, .sessionsListed(sessions)).0
        state = F.typing("haiku", into: state)
        guard case .picker(let picker) = state.overlay else { Issue.record("no picker"); return }
        #expect(picker.shown.map(\.title) == ["Haiku about rain"])
        #expect(reduce(state, F.key(.enter)).1 == [.openSession(sessions[1].id)])
        #expect(reduce(state, F.key(.character("e"), control: true)).1 == [.end(sessions[1].id)])
        var renaming = reduce(state, F.key(.character("r"), control: true)).0
        renaming = reduce(renaming, F.key(.backspace)).0
        renaming = F.typing("s!", into: renaming)
        #expect(reduce(renaming, F.key(.enter)).1 == [.rename(sessions[1].id, "Haiku about rais!")])
        let confirming = reduce(state, F.key(.character("d"), control: true)).0
        #expect(reduce(confirming, F.key(.character("n"))).1.isEmpty)
        #expect(reduce(confirming, F.key(.character("y"))).1 == [.delete(sessions[1].id)])
        #expect(reduce(state, F.key(.escape)).0.overlay == nil)
        let fresh = reduce(state, F.key(.character("n"), control: true)).0
        #expect(fresh.overlay == nil)
        #expect(fresh.session == nil)
    }

    @Test func sessionChangesAndDeletionsFollow() {
        var renamed = F.session()
        renamed.title = "Failover runbook"
        #expect(reduce(F.populated(), .sessionChanged(renamed)).0.session?.title == "Failover runbook")
        let (deleted, effects) = reduce(F.populated(), .sessionDeleted(F.session().id))
        #expect(deleted.session == nil)
        #expect(deleted.entries.isEmpty)
        #expect(effects == [.loadRecent(context: .work)])
        #expect(reduce(F.state(), .sessionStarted(F.session())).0.session?.id == F.session().id)
    }

    @Test func resizeScrollProviderTickAndRecent() {
        var state = F.populated()
        state = reduce(state, .terminal(.resize(Size(columns: 50, rows: 12)))).0
        #expect(state.size == Size(columns: 50, rows: 12))
        state = reduce(state, F.key(.pageUp)).0
        #expect(state.scroll > 0)
        state = reduce(state, F.key(.end, control: true)).0
        #expect(state.scroll == 0)
        state = reduce(state, .terminal(.mouse(.wheelUp(column: 1, row: 3)))).0
        #expect(state.scroll == 3)
        #expect(reduce(state, .providerChosen(name: "ollama", model: "qwen3")).0.model == "qwen3")
        let later = F.now.addingTimeInterval(60)
        #expect(reduce(state, .tick(later)).0.now == later)
        #expect(reduce(state, .recentLoaded([], facts: 2)).0.sidebar.memoryFacts == 2)
        #expect(reduce(state, F.key(.character("b"), control: true)).0.sidebar.visible == false)
        #expect(reduce(state, F.key(.function(1))).0.overlay == .help(top: 0))
        #expect(reduce(reduce(state, F.key(.function(1))).0, F.key(.character("x"))).0.overlay == nil)
    }

    @Test func theRecentListLoadsMoreAtItsEnd() {
        var state = reduce(F.populated(), F.key(.tab)).0
        state = reduce(state, F.key(.down)).0
        let (atEnd, effects) = reduce(state, F.key(.down))
        #expect(atEnd.sidebar.selected == 2)
        #expect(effects == [.loadMoreRecent(context: .work, offset: 3)])
        #expect(reduce(atEnd, F.key(.down)).1.isEmpty, "one page at a time")
        let more = reduce(atEnd, .moreRecentLoaded([F.interaction("Older question", context: .work, minutesAgo: 9000)])).0
        #expect(more.sidebar.items.count == 4)
        #expect(reduce(more, .moreRecentLoaded([])).0.sidebar.mayHaveMore == false)
    }

    @Test func olderTurnsLoadWhenTheChatIsScrolledToTheTop() {
        let later = [
            F.turn("t7", seq: 7, role: .user, "seventh question", minutesAgo: 5),
            F.turn("t8", seq: 8, role: .assistant, String(repeating: "long answer line\n", count: 40), minutesAgo: 5),
        ]
        var state = reduce(F.state(), .loaded(session: F.session(), turns: later, recent: [], facts: 0)).0
        #expect(state.olderThan == 7)
        let (top, effects) = reduce(state, F.key(.home, control: true))
        #expect(effects == [.loadOlderTurns(F.session().id, beforeSeq: 7)])
        state = reduce(top, .olderTurnsLoaded(F.session().id, [F.turn("t6", seq: 6, role: .assistant, "sixth answer", minutesAgo: 6)])).0
        #expect(state.entries.first?.text == "sixth answer")
        #expect(state.olderThan == 6)
        #expect(reduce(state, .olderTurnsLoaded(F.session().id, [])).0.olderThan == nil)
        // A session that starts at its first turn has nothing older.
        #expect(F.populated().olderThan == nil)
    }

    @Test func keymapDrivesHintsAndHelp() {
        #expect(Keymap.hintLine == "Enter send · C-j newline · Tab recent · C-o sessions · C-k context · F1 help")
        // No key is bound twice in one scope.
        for scope in Scope.allCases {
            let keys = Keymap.bindings.filter { $0.scope == scope }.flatMap(\.keys)
            #expect(Set(keys).count == keys.count, "\(scope) binds a key twice")
        }
        // The help scrolls when it is longer than the screen: every binding is in it.
        var state = reduce(F.populated(Size(columns: 100, rows: 30)), F.key(.function(1))).0
        var help = render(state).lines.joined()
        for _ in 0..<4 {
            state = reduce(state, F.key(.pageDown)).0
            help += render(state).lines.joined()
        }
        for binding in Keymap.bindings { #expect(help.contains(binding.description), "\(binding.description)") }
        #expect(state.overlay == .help(top: Overlays.helpLines(state.theme).count - Overlays.helpPage(state.size)), "no further than the end")
        state = reduce(state, F.key(.up)).0
        #expect(state.overlay == .help(top: Overlays.helpLines(state.theme).count - Overlays.helpPage(state.size) - 1))
        #expect(reduce(state, F.key(.character("x"))).0.overlay == nil, "any other key closes it")
    }
}

/// The code viewer: a code block whole, scrolled both ways.
@Suite("Code viewer")
struct CodeViewerTests {
    typealias F = TUIFixtures

    static let long = "SELECT client_addr, state, pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn) AS lag_bytes FROM pg_stat_replication;"

    /// A session with two answers holding three code blocks (the last one 40 lines long).
    static func state(_ size: Size = Size(columns: 80, rows: 24)) -> State {
        var state = F.state(size)
        state.sidebar.visible = false
        let many = (1...40).map { "echo line \($0)" }.joined(separator: "\n")
        let turns = [
            F.turn("v1", seq: 0, role: .user, "lag?", minutesAgo: 9),
            F.turn("v2", seq: 1, role: .assistant, "Run:\n\n```sql\n\(long)\n```\n\nor\n\n```\nSELECT 1;\n```", minutesAgo: 9),
            F.turn("v3", seq: 2, role: .user, "and the script?", minutesAgo: 8),
            F.turn("v4", seq: 3, role: .assistant, "```sh\n\(many)\n```", minutesAgo: 8),
        ]
        return reduce(state, .loaded(session: F.session(), turns: turns, recent: [], facts: 0)).0
    }

    func viewer(_ state: State) -> CodeViewer? {
        if case .code(let viewer) = state.overlay { return viewer }
        return nil
    }

    @Test func opensOnTheLastBlockOnScreenAndStepsToTheOthers() throws {
        var state = Self.state()
        state = reduce(state, F.key(.character("g"), control: true)).0
        var open = try #require(viewer(state))
        #expect(open.blocks.count == 3)
        #expect(open.index == 2 && open.block.language == "sh")
        // Scrolled up to the first answer, it opens on a block of that answer.
        state.overlay = nil
        state.scroll = ChatView.maxScroll(state)
        state = reduce(state, F.key(.character("g"), control: true)).0
        open = try #require(viewer(state))
        #expect(open.index == 1, "the SQL blocks are the ones on screen")
        state = reduce(state, F.key(.character("p"))).0
        #expect(viewer(state)?.index == 0)
        state = reduce(state, F.key(.character("p"))).0
        #expect(viewer(state)?.index == 0, "stays on the first")
        state = reduce(state, F.key(.character("]"))).0
        #expect(viewer(state)?.index == 1)
        state = reduce(state, F.key(.escape)).0
        #expect(state.overlay == nil)
    }

    @Test func scrollsWithinTheBlockOnly() throws {
        var state = reduce(Self.state(), F.key(.character("g"), control: true)).0
        for _ in 0..<100 { state = reduce(state, F.key(.down)).0 }
        let page = CodeViewer.page(state.size)
        #expect(viewer(state)?.top == 40 - (page.height - 1), "the last line is on the last row, not past it")
        state = reduce(state, F.key(.pageUp)).0
        state = reduce(state, F.key(.pageUp)).0
        #expect(viewer(state)?.top == 0)
        // The sh block fits the width: nothing to scroll sideways.
        state = reduce(state, F.key(.right)).0
        #expect(viewer(state)?.left == 0)
        // The SQL block's long line scrolls to its end and back.
        state = reduce(state, F.key(.character("p"))).0
        state = reduce(state, F.key(.character("p"))).0
        state = reduce(state, F.key(.right)).0
        #expect(viewer(state)?.left == 8)
        state = reduce(state, F.key(.end)).0
        // The end of the line in the last column of code: the page less the line number
        // (one digit) with a space either side, and the blank last column.
        #expect(viewer(state)?.left == TextWidth.of(Self.long) - (page.width - 4))
        state = reduce(state, F.key(.home)).0
        #expect(viewer(state)?.left == 0)
        // Keys the viewer does not use leave it as it is; C-q still quits.
        state = reduce(state, F.key(.character("x"))).0
        #expect(viewer(state) != nil && state.input.isEmpty)
        let (quit, effects) = reduce(state, F.key(.character("q"), control: true))
        #expect(quit.quitting && effects.contains(.quit))
    }

    @Test func withoutCodeTheStatusSaysSo() {
        let state = reduce(F.populated(), F.key(.character("g"), control: true)).0
        #expect(state.overlay == nil)
        #expect(state.status == "no code block in this session yet")
    }

    @Test func theViewerShowsTheLongLineWholeScrolledSideways() throws {
        var state = Self.state(Size(columns: 60, rows: 12))
        state = reduce(state, F.key(.character("g"), control: true)).0
        state = reduce(state, F.key(.character("p"))).0
        state = reduce(state, F.key(.character("p"))).0
        try GoldenScreenTests().expectStyledScreen(state, "code-viewer-60x12")
        for _ in 0..<5 { state = reduce(state, F.key(.right)).0 }
        try GoldenScreenTests().expectStyledScreen(state, "code-viewer-scrolled-60x12")
    }
}

/// The background encoding of past turns, as the status line shows it.
@Suite("Encoding indicator")
struct EncodingIndicatorTests {
    typealias F = TUIFixtures

    @Test func theStatusLineShowsHowFarTheEncodingIsUntilItEnds() {
        var state = reduce(F.populated(), .encodingProgress(done: 0, total: 2000)).0
        #expect(render(state).lines[0].contains("encoding history 0% ·"))
        state = reduce(state, .encodingProgress(done: 900, total: 2000)).0
        #expect(state.encoding == State.Encoding(done: 900, total: 2000))
        #expect(render(state).lines[0].contains("encoding history 45% ·"))
        state = reduce(state, .encodingProgress(done: 2000, total: 2000)).0
        #expect(state.encoding == nil)
        #expect(!render(state).lines[0].contains("encoding"))
    }
}
