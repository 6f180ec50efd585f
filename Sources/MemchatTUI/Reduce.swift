import Foundation
import MemchatCore
import MemchatEngine
import MemchatTerminal

/// The TUI's one state transition: pure, so every key and event can be unit-tested.
public func reduce(_ state: State, _ action: Action) -> (State, [Effect]) {
    var state = state
    var effects: [Effect] = []
    switch action {
    case .terminal(.key(let key)):
        state.status = nil
        effects = handle(key, in: &state)
    case .terminal(.paste(let text)):
        if case .picker(var picker) = state.overlay {
            picker.filter += text.replacingOccurrences(of: "\n", with: " ")
            picker.selected = 0
            state.overlay = .picker(picker)
        } else {
            state.focus = .input
            state.input.insert(text)
        }
    case .terminal(.resize(let size)):
        state.size = size
        state.scroll = min(state.scroll, ChatView.maxScroll(state))
    case .terminal(.mouse(let event)):
        switch event {
        case .wheelUp: effects = scroll(&state, by: 3)
        case .wheelDown: effects = scroll(&state, by: -3)
        case .click: break
        }
    case .loaded(let session, let turns, let recent, let facts):
        state.loaded = true
        state.session = session
        if let session {
            state.context = session.context
            state.mode = session.mode
        }
        state.entries = ChatEntry.entries(of: turns)
        state.olderThan = olderThan(turns, in: session)
        state.sidebar.items = recent
        state.sidebar.mayHaveMore = !recent.isEmpty
        state.sidebar.memoryFacts = facts
    case .start(let context, let mode, let incognito):
        if incognito { setIncognito(true, in: &state) }
        let effects = switchTo(context: context ?? state.context, mode: mode ?? state.mode, in: &state)
        return (state, effects)
    case .recentLoaded(let recent, let facts):
        state.sidebar.items = recent
        state.sidebar.mayHaveMore = !recent.isEmpty
        state.sidebar.selected = min(state.sidebar.selected, max(recent.count - 1, 0))
        state.sidebar.memoryFacts = facts
    case .moreRecentLoaded(let more):
        state.sidebar.items += more
        state.sidebar.mayHaveMore = !more.isEmpty
    case .olderTurnsLoaded(let id, let turns):
        guard state.session?.id == id else { break }
        state.entries = ChatEntry.entries(of: turns) + state.entries
        state.olderThan = turns.isEmpty ? nil : olderThan(turns, in: state.session)
    case .sessionOpened(let session, let turns):
        state.incognito = false
        state.session = session
        state.context = session.context
        state.mode = session.mode
        state.entries = ChatEntry.entries(of: turns)
        state.olderThan = olderThan(turns, in: session)
        state.scroll = 0
        state.status = "resumed \"\(session.title)\""
        effects.append(.loadRecent(context: recentContext(state)))
    case .sessionsListed(let sessions):
        if case .picker(var picker) = state.overlay {
            picker.sessions = sessions
            picker.selected = min(picker.selected, max(picker.shown.count - 1, 0))
            state.overlay = .picker(picker)
        }
    case .sessionChanged(let session):
        if state.session?.id == session.id { state.session = session }
        if case .picker(var picker) = state.overlay, let index = picker.sessions.firstIndex(where: { $0.id == session.id }) {
            picker.sessions[index] = session
            state.overlay = .picker(picker)
        }
    case .sessionDeleted(let id):
        if state.session?.id == id {
            state.session = nil
            state.entries = []
        }
        if case .picker(var picker) = state.overlay {
            picker.sessions.removeAll { $0.id == id }
            picker.selected = min(picker.selected, max(picker.shown.count - 1, 0))
            state.overlay = .picker(picker)
        }
        effects.append(.loadRecent(context: recentContext(state)))
    case .providerChosen(let name, let model):
        state.provider = name
        state.model = model
    case .sessionStarted(let session):
        state.session = session
    case .engine(let event):
        effects = apply(event, to: &state)
    case .notice(let text):
        state.entries.append(ChatEntry(kind: .notice, text: text, time: state.now))
        state.scroll = 0
    case .askFailed(let message):
        state.streaming = nil
        state.entries.append(ChatEntry(kind: .failure, text: "error: " + message, time: state.now))
        state.status = message
    case .failed(let message):
        state.status = message
    case .tick(let date):
        state.now = date
    case .encodingProgress(let done, let total):
        state.encoding = done < total ? State.Encoding(done: done, total: total) : nil
    }
    return (state, effects)
}

/// A streamed answer arriving piece by piece.
private func apply(_ event: EngineEvent, to state: inout State) -> [Effect] {
    switch event {
    case .asked(let question):
        // The stored time, not the clock tick's: a question shows when it was sent.
        if let index = state.entries.lastIndex(where: { $0.kind == .question }) { state.entries[index].time = question.createdAt }
        state.now = max(state.now, question.createdAt)
        return []
    case .context:
        return []
    case .reasoning(let text):
        state.streamingReasoning += text.count
        return []
    case .learned(let facts):
        state.status = "remembered: " + facts.map(\.text).joined(separator: "; ")
        return []
    case .text(let text):
        state.streaming = (state.streaming ?? "") + text
        return []
    case .answered(let turn):
        state.streaming = nil
        state.streamingReasoning = 0
        state.entries += ChatEntry.entries(of: [turn])
        if let error = turn.answerMetadata.error { state.status = error }
        return [.loadRecent(context: recentContext(state))]
    }
}

private func handle(_ key: KeyPress, in state: inout State) -> [Effect] {
    switch state.overlay {
    case .help(let top):
        // Arrows and pages scroll a help longer than the screen; any other key closes it.
        let steps: [KeyPress.Code: Int] = [.up: -1, .down: 1, .pageUp: -Overlays.helpPage(state.size), .pageDown: Overlays.helpPage(state.size)]
        guard let step = steps[key.code], !key.control, !key.alt else {
            state.overlay = nil
            return []
        }
        let last = max(Overlays.helpLines(state.theme).count - Overlays.helpPage(state.size), 0)
        state.overlay = .help(top: min(max(top + step, 0), last))
        return []
    case .confirmQuit:
        state.overlay = nil
        if key.code == .character("y") || key.code == .character("Y") || Keymap.command(for: key, in: .global) == .interruptOrQuit {
            state.quitting = true
            return [.quit]
        }
        return []
    case .picker(let picker):
        return handlePicker(key, picker, in: &state)
    case .code(let viewer):
        return handleCode(key, viewer, in: &state)
    case nil:
        break
    }
    let scope: Scope = state.focus == .sidebar ? .sidebar : .input
    guard let command = Keymap.command(for: key, in: scope) else {
        if state.focus == .input, case .character(let character) = key.code, !key.control, !key.alt {
            state.input.insert(String(character))
        }
        return []
    }
    return run(command, in: &state)
}

private func run(_ command: Command, in state: inout State) -> [Effect] {
    switch command {
    case .send:
        guard !state.input.isEmpty else { return [] }
        guard !state.isStreaming else {
            state.status = "an answer is still streaming; Esc stops it"
            return []
        }
        return submit(state.input.take(), in: &state)
    case .newline: state.input.insert("\n")
    case .stop:
        if state.isStreaming { return [.stopAnswer] }
        state.focus = .input
    case .interruptOrQuit:
        if state.isStreaming { return [.stopAnswer] }
        state.overlay = .confirmQuit
    case .quit:
        state.quitting = true
        return [.quit]
    case .focusNext:
        state.focus = state.focus == .input && state.sidebar.visible && state.size.columns >= Layout.sidebarMinimumColumns
            ? .sidebar : .input
    case .toggleReasoning:
        state.showsReasoning.toggle()
    case .viewCode:
        guard let viewer = CodeViewer.open(state) else {
            state.status = "no code block in this session yet"
            return []
        }
        state.overlay = .code(viewer)
    case .toggleSidebar:
        state.sidebar.visible.toggle()
        if !state.sidebar.visible { state.focus = .input }
    case .toggleAllContexts:
        state.sidebar.allContexts.toggle()
        state.sidebar.selected = 0
        return [.loadRecent(context: recentContext(state))]
    case .openPicker:
        state.overlay = .picker(Picker())
        return [.listSessions]
    case .nextContext:
        let order: [Context] = [.work, .personal, .creative, .general]
        let next = order[((order.firstIndex(of: state.context) ?? order.count - 1) + 1) % order.count]
        return switchTo(context: next, mode: state.mode, in: &state)
    case .nextMode:
        return switchTo(context: state.context, mode: state.mode == .assistant ? .friend : .assistant, in: &state)
    case .newSession:
        startNewSession(&state)
    case .help: state.overlay = .help(top: 0)
    case .scrollUp: return scroll(&state, by: ChatView.page(state))
    case .scrollDown: _ = scroll(&state, by: -ChatView.page(state))
    case .scrollTop:
        state.scroll = ChatView.maxScroll(state)
        return loadOlder(&state)
    case .scrollBottom: state.scroll = 0
    case .moveLeft: state.input.moveLeft()
    case .moveRight: state.input.moveRight()
    case .moveWordLeft: state.input.moveWordLeft()
    case .moveWordRight: state.input.moveWordRight()
    case .moveLineStart: state.input.moveLineStart()
    case .moveLineEnd: state.input.moveLineEnd()
    case .moveUp: state.input.moveUp()
    case .moveDown: state.input.moveDown()
    case .deleteBackward: state.input.deleteBackward()
    case .deleteForward: state.input.deleteForward()
    case .deleteWordBackward: state.input.deleteWordBackward()
    case .deleteToLineStart: state.input.deleteToLineStart()
    case .sidebarUp: state.sidebar.selected = max(0, state.sidebar.selected - 1)
    case .sidebarDown:
        state.sidebar.selected = min(max(state.sidebar.items.count - 1, 0), state.sidebar.selected + 1)
        if state.sidebar.selected >= state.sidebar.items.count - 1, state.sidebar.mayHaveMore, !state.sidebar.items.isEmpty {
            state.sidebar.mayHaveMore = false  // until the page arrives
            return [.loadMoreRecent(context: recentContext(state), offset: state.sidebar.items.count)]
        }
    case .askAgain:
        guard let last = state.entries.last(where: { $0.kind == .question }) else {
            state.status = "nothing asked in this session yet"
            return []
        }
        guard !state.isStreaming else {
            state.status = "an answer is still streaming; Esc stops it"
            return []
        }
        return submit(last.text, in: &state)
    case .reask:
        guard state.sidebar.items.indices.contains(state.sidebar.selected) else { return [] }
        guard !state.isStreaming else {
            state.status = "an answer is still streaming; Esc stops it"
            return []
        }
        state.focus = .input
        return submit(state.sidebar.items[state.sidebar.selected].question.content, in: &state)
    case .openOriginal:
        guard state.sidebar.items.indices.contains(state.sidebar.selected) else { return [] }
        state.focus = .input
        return [.openSession(state.sidebar.items[state.sidebar.selected].sessionID)]
    case .pickerUp, .pickerDown, .pickerResume, .pickerNew, .pickerRename, .pickerEnd, .pickerDelete, .closeOverlay,
         .codeUp, .codeDown, .codePageUp, .codePageDown, .codeLeft, .codeRight, .codeLineStart, .codeLineEnd, .codePrevious,
         .codeNext, .closeCode:
        // Only in their overlays (handlePicker, handleCode).
        break
    }
    return []
}

/// A message from the input (or a re-asked question): a command, or a question to ask.
private func submit(_ message: String, in state: inout State) -> [Effect] {
    let text = message.trimmingCharacters(in: .whitespacesAndNewlines)
    if let command = UICommand.parse(text) {
        return run(command, in: &state)
    }
    do {
        if let command = try SlashCommand.parse(text) {
            guard !state.incognito else {
                state.status = AskServiceError.memoryCommandWhileIncognito.description
                return []
            }
            return [.command(command)]
        }
    } catch {
        state.status = "\(error)"
        return []
    }
    state.entries.append(ChatEntry(kind: .question, text: text, time: state.now))
    state.streaming = ""
    state.streamingReasoning = 0
    state.scroll = 0
    return [.ask(text)]
}

private func run(_ command: UICommand, in state: inout State) -> [Effect] {
    switch command {
    case .context(let context): return switchTo(context: context, mode: state.mode, in: &state)
    case .mode(let mode): return switchTo(context: state.context, mode: mode, in: &state)
    case .model(let name):
        state.status = "model: \(name)"
        return [.setModel(name)]
    case .new: startNewSession(&state)
    case .sessions:
        state.overlay = .picker(Picker())
        return [.listSessions]
    case .incognito:
        // Either way a new conversation starts: an incognito one lives in memory only and
        // is gone once incognito ends, and a stored one never continues incognito.
        setIncognito(!state.incognito, in: &state)
    case .help: state.overlay = .help(top: 0)
    case .quit:
        state.quitting = true
        return [.quit]
    case .invalid(let message): state.status = message
    }
    return []
}

private func switchTo(context: Context, mode: Mode, in state: inout State) -> [Effect] {
    guard context != state.context || mode != state.mode else { return [] }
    let change = ContextSwitch(
        from: ContextSwitch.Footing(context: state.context, mode: state.mode), to: ContextSwitch.Footing(context: context, mode: mode))
    state.context = context
    state.mode = mode
    state.sidebar.selected = 0
    state.status = "context \(context) · mode \(mode)"
    var effects: [Effect] = [.loadRecent(context: recentContext(state))]
    if state.session != nil {
        state.entries.append(ChatEntry(kind: .event, text: change.content, time: state.now))
        effects.insert(.switchContext(context, mode), at: 0)
    }
    return effects
}

/// Incognito on or off; either way a new conversation starts.
private func setIncognito(_ on: Bool, in state: inout State) {
    state.incognito = on
    startNewSession(&state)
    state.status = on
        ? "incognito: a new conversation, neither stored nor remembered, until /incognito again"
        : "incognito off: the incognito conversation is gone; new questions are stored"
}

private func startNewSession(_ state: inout State) {
    state.session = nil
    state.entries = []
    state.streaming = nil
    state.scroll = 0
    state.status = "new session: it is stored when you ask the first question"
}

private func handlePicker(_ key: KeyPress, _ picker: Picker, in state: inout State) -> [Effect] {
    var picker = picker
    defer { if case .picker = state.overlay { state.overlay = .picker(picker) } }
    let selected = picker.shown.indices.contains(picker.selected) ? picker.shown[picker.selected] : nil
    if picker.confirmingDelete {
        picker.confirmingDelete = false
        if key.code == .character("y") || key.code == .character("Y"), let selected { return [.delete(selected.id)] }
        return []
    }
    if let title = picker.renaming {
        switch key.code {
        case .enter:
            picker.renaming = nil
            if let selected, !title.trimmingCharacters(in: .whitespaces).isEmpty { return [.rename(selected.id, title)] }
        case .escape: picker.renaming = nil
        case .backspace: picker.renaming = String(title.dropLast())
        case .character(let character) where !key.control && !key.alt: picker.renaming = title + String(character)
        default: break
        }
        return []
    }
    switch Keymap.command(for: key, in: .picker) {
    case .pickerUp: picker.selected = max(0, picker.selected - 1)
    case .pickerDown: picker.selected = min(max(picker.shown.count - 1, 0), picker.selected + 1)
    case .pickerResume:
        guard let selected else { return [] }
        state.overlay = nil
        return [.openSession(selected.id)]
    case .pickerNew:
        state.overlay = nil
        startNewSession(&state)
    case .pickerRename: if let selected { picker.renaming = selected.title }
    case .pickerEnd: if let selected { return [.end(selected.id)] }
    case .pickerDelete: if selected != nil { picker.confirmingDelete = true }
    case .closeOverlay: state.overlay = nil
    case .quit:
        state.quitting = true
        return [.quit]
    default:
        switch key.code {
        case .backspace:
            picker.filter = String(picker.filter.dropLast())
            picker.selected = 0
        case .character(let character) where !key.control && !key.alt:
            picker.filter.append(character)
            picker.selected = 0
        default: break
        }
    }
    return []
}

private func handleCode(_ key: KeyPress, _ viewer: CodeViewer, in state: inout State) -> [Effect] {
    var viewer = viewer
    // A page keeps one line of the one before in view.
    let page = max(CodeViewer.rows(state.size) - 1, 1)
    let sideways = 8
    switch Keymap.command(for: key, in: .code) {
    case .codeUp: viewer.scroll(lines: -1, size: state.size)
    case .codeDown: viewer.scroll(lines: 1, size: state.size)
    case .codePageUp: viewer.scroll(lines: -page, size: state.size)
    case .codePageDown: viewer.scroll(lines: page, size: state.size)
    case .codeLeft: viewer.scroll(columns: -sideways, size: state.size)
    case .codeRight: viewer.scroll(columns: sideways, size: state.size)
    case .codeLineStart: viewer.scroll(columns: -viewer.left, size: state.size)
    case .codeLineEnd: viewer.scroll(columns: Int.max / 2, size: state.size)
    case .codePrevious: viewer.step(-1)
    case .codeNext: viewer.step(1)
    case .closeCode:
        state.overlay = nil
        return []
    case .quit:
        state.overlay = nil
        state.quitting = true
        return [.quit]
    default: break
    }
    state.overlay = .code(viewer)
    return []
}

/// Scrolls the chat; reaching the top asks for the session's older turns.
private func scroll(_ state: inout State, by lines: Int) -> [Effect] {
    let top = ChatView.maxScroll(state)
    state.scroll = min(max(0, state.scroll + lines), top)
    return lines > 0 && state.scroll == top ? loadOlder(&state) : []
}

private func loadOlder(_ state: inout State) -> [Effect] {
    guard let id = state.session?.id, let seq = state.olderThan else { return [] }
    state.olderThan = nil  // until the page arrives
    return [.loadOlderTurns(id, beforeSeq: seq)]
}

/// The seq to load older turns before, when the first turn shown is not the session's first.
private func olderThan(_ turns: [Turn], in session: Session?) -> Int? {
    guard session != nil, let first = turns.first, first.seq > 0 else { return nil }
    return first.seq
}

/// The recent list follows the current context unless it shows all of them.
func recentContext(_ state: State) -> Context? {
    state.sidebar.allContexts ? nil : state.context
}
