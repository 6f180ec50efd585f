import Foundation
import MemchatCore

/// Resolves the settings of each network provider: base URL and API key from the
/// environment (`OPENAI_BASE_URL`, `OPENAI_API_KEY`, `ANTHROPIC_*`, `OLLAMA_HOST`) or
/// `[providers.NAME]` in config.toml, limits from config.toml.
///
/// ```toml
/// [providers.openai]
/// model = "gpt-4o-mini"
/// base_url = "http://127.0.0.1:1234/v1"   # LM Studio, llama.cpp, vLLM, OpenRouter...
/// max_tokens = 1024
/// temperature = 0.7
/// timeout_seconds = 120
/// context_budget = 16000                  # characters of memory, history and turns sent
/// max_retries = 2
/// ```
struct ProviderSettingsLoader {
    static let networkProviders: [ProviderKind] = [.openai, .ollama, .anthropic]
    /// The keys of each `[providers.NAME]` table.
    static let keys = ["model", "base_url", "max_tokens", "temperature", "timeout_seconds", "context_budget", "max_retries"]

    var picker: ValuePicker

    struct Loaded {
        var settings: [ProviderKind: ProviderSettings]
        var sources: [String: ConfigurationSource]
    }

    func load() throws -> Loaded {
        var picker = picker
        var settings: [ProviderKind: ProviderSettings] = [:]
        for kind in Self.networkProviders {
            let table = "providers.\(kind)."
            let model = try picker.pickOptional(
                table + "model", flag: ("", nil), env: nil, parse: { text, _ in text },
                fileValue: { value, place in try string(value, place, "a model name") })
            let baseURL = try picker.pick(
                table + "base_url", flag: ("", nil), env: kind.baseURLVariable, parse: { text, _ in text },
                fileValue: { value, place in try string(value, place, "a URL") }, default: kind.defaultBaseURL)
            let maxTokens = try picker.number(table + "max_tokens", in: 1...1_000_000, default: nil) { kind in
                if case .int(let value) = kind { return value }
                return nil
            }
            let temperature = try picker.number(table + "temperature", in: 0.0...2.0, default: nil, convert: Self.double)
            let timeout = try picker.number(
                table + "timeout_seconds", in: 1.0...3600.0, default: ProviderSettings.defaultTimeout, convert: Self.double)
            let budget = try picker.number(
                table + "context_budget", in: 1_000...2_000_000, default: ProviderSettings.defaultContextBudget) { kind in
                if case .int(let value) = kind { return value }
                return nil
            }
            let retries = try picker.number(table + "max_retries", in: 0...10, default: ProviderSettings.defaultMaxRetries) { kind in
                if case .int(let value) = kind { return value }
                return nil
            }
            settings[kind] = ProviderSettings(
                kind: kind, model: model, baseURL: baseURL,
                apiKey: kind.keyVariable.flatMap { nonEmpty(picker.environment[$0]) },
                maxTokens: maxTokens, temperature: temperature, timeout: timeout ?? ProviderSettings.defaultTimeout,
                contextBudget: budget ?? ProviderSettings.defaultContextBudget,
                maxRetries: retries ?? ProviderSettings.defaultMaxRetries)
        }
        return Loaded(settings: settings, sources: picker.sources)
    }

    private static func double(_ kind: ConfigurationFile.Value.Kind) -> Double? {
        switch kind {
        case .double(let value): return value
        case .int(let value): return Double(value)
        default: return nil
        }
    }
}
