import Foundation

/// The model APIs memchat can talk to, plus the two local responders.
public enum ProviderKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case openai
    case ollama
    case anthropic
    case recall
    case echo

    public var description: String { rawValue }

    /// True for the providers that need a network.
    public var isRemote: Bool { self == .openai || self == .ollama || self == .anthropic }

    /// The model used when none is configured.
    public var defaultModel: String {
        switch self {
        case .openai: return "gpt-4o-mini"
        case .ollama: return "llama3.2"
        case .anthropic: return "claude-3-5-haiku-latest"
        case .recall, .echo: return rawValue
        }
    }

    public var defaultBaseURL: String {
        switch self {
        case .openai: return "https://api.openai.com/v1"
        case .ollama: return "http://127.0.0.1:11434"
        case .anthropic: return "https://api.anthropic.com"
        case .recall, .echo: return ""
        }
    }

    /// The environment variable holding the API key, for messages that say what to fix.
    public var keyVariable: String? {
        switch self {
        case .openai: return "OPENAI_API_KEY"
        case .anthropic: return "ANTHROPIC_API_KEY"
        case .ollama, .recall, .echo: return nil
        }
    }

    /// The environment variable holding the base URL.
    public var baseURLVariable: String? {
        switch self {
        case .openai: return "OPENAI_BASE_URL"
        case .anthropic: return "ANTHROPIC_BASE_URL"
        case .ollama: return "OLLAMA_HOST"
        case .recall, .echo: return nil
        }
    }
}

/// Everything needed to talk to one provider, resolved from flags, the environment and
/// config.toml by the CLI.
public struct ProviderSettings: Sendable, Equatable {
    public var kind: ProviderKind
    public var model: String
    public var baseURL: String
    /// Never printed: `memchat config` shows only whether it is set.
    public var apiKey: String?
    public var maxTokens: Int?
    public var temperature: Double?
    /// Longest wait for the next bytes of an answer (and for the connection), in seconds.
    public var timeout: Double
    /// Characters of context (memory, past exchanges, session turns) sent with a question.
    public var contextBudget: Int
    /// Retries after 429 and 5xx answers, each after a backoff or the server's Retry-After.
    public var maxRetries: Int

    public static let defaultTimeout = 120.0
    public static let defaultContextBudget = 16_000
    public static let defaultMaxRetries = 2

    public init(
        kind: ProviderKind, model: String? = nil, baseURL: String? = nil, apiKey: String? = nil,
        maxTokens: Int? = nil, temperature: Double? = nil, timeout: Double = ProviderSettings.defaultTimeout,
        contextBudget: Int = ProviderSettings.defaultContextBudget, maxRetries: Int = ProviderSettings.defaultMaxRetries
    ) {
        self.kind = kind
        self.model = model ?? kind.defaultModel
        self.baseURL = baseURL ?? kind.defaultBaseURL
        self.apiKey = apiKey
        self.maxTokens = maxTokens
        self.temperature = temperature
        self.timeout = timeout
        self.contextBudget = contextBudget
        self.maxRetries = maxRetries
    }

    /// The built-in settings of the three network providers.
    public static let defaults: [ProviderKind: ProviderSettings] = Dictionary(
        uniqueKeysWithValues: [ProviderKind.openai, .ollama, .anthropic].map { ($0, ProviderSettings(kind: $0)) })

    /// True when the key may be left out: a self-hosted server at a base URL of the
    /// user's (LM Studio, llama.cpp, vLLM) rather than the vendor's own API.
    public var keyIsOptional: Bool {
        kind.keyVariable == nil || baseURL != kind.defaultBaseURL
    }
}
