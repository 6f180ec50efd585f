import Foundation
import MemchatCore
import MemchatEngine
import MemchatStore

/// `--verbose`: what was chosen, why, and how long the answer took, on stderr. API keys
/// are shown only as set or not set.
struct Diagnostics {
    let enabled: Bool

    private func say(_ text: String) {
        if enabled { FileHandle.standardError.write(Data(("memchat: [verbose] " + text + "\n").utf8)) }
    }

    func provider(_ selection: ProviderSelection, configuration: Configuration) {
        let settings = selection.settings
        say("provider \(settings.kind), model \(settings.model) (\(selection.reason))")
        guard settings.kind.isRemote else { return }
        let key = settings.kind.keyVariable.map { settings.apiKey == nil ? ", \($0) not set" : ", \($0) set" } ?? ""
        let proxy = (try? settings.endpoint("")).flatMap { configuration.proxy.proxy(for: $0) }
            .map { ", through proxy \($0.host):\($0.port)" } ?? ""
        say("endpoint \(settings.baseURL)\(key)\(proxy); timeout \(Int(settings.timeout)) s, "
            + "context budget \(settings.contextBudget) characters, up to \(settings.maxRetries) retries")
    }

    func session(_ target: SessionTarget) {
        let session = target.session
        let id = target.isNew ? "(new)" : session.id.rawValue
        say("session \(id), \(session.context)/\(session.mode): \(target.reason)")
    }

    func answer(_ turn: Turn?) {
        guard let turn else { return }
        let metadata = turn.answerMetadata
        var parts = ["finish \(metadata.finishReason ?? "?")"]
        if let first = metadata.firstByteMs { parts.append("first text after \(Int(first)) ms") }
        if let total = metadata.latencyMs { parts.append("done after \(Int(total)) ms") }
        if let prompt = metadata.promptTokens { parts.append("\(prompt) prompt tokens") }
        if let completion = metadata.completionTokens { parts.append("\(completion) answer tokens") }
        if let reasoning = metadata.reasoning { parts.append("\(reasoning.count) characters of reasoning kept in metadata") }
        say("answer \(turn.id.rawValue) stored at \(TextFormatting.localTime(turn.createdAt)): " + parts.joined(separator: ", "))
    }
}

/// Said once per data directory (and with --verbose every time) when no provider is
/// configured: who is answering, and how to add a model.
enum FirstRunHint {
    static let markerName = ".recall-hint-shown"

    /// `remember: false` (incognito) shows the hint without leaving the marker behind.
    static func show(_ configuration: Configuration, always: Bool, remember: Bool = true) {
        let marker = (configuration.dataDirectory as NSString).appendingPathComponent(markerName)
        let seen = FileManager.default.fileExists(atPath: marker)
        guard always || !seen else { return }
        Console.notice("""
            no model provider is configured, so the offline recall responder answers: it quotes your \
            own memory and earlier conversations and generates nothing. To use a model, set \
            OPENAI_API_KEY (or OPENAI_BASE_URL for a local OpenAI-compatible server), ANTHROPIC_API_KEY, \
            start Ollama, or set provider in config.toml; `memchat config` shows what is set.
            """)
        if !seen, remember, configuration.persistenceEnabled { try? PrivateFiles.createFileIfMissing(marker) }
    }
}
