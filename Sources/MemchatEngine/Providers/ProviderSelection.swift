import Foundation
import MemchatCore

/// Which provider answers and why, for `--verbose` and the first-run hint.
public struct ProviderSelection: Sendable {
    public var settings: ProviderSettings
    /// "--provider", "MEMCHAT_PROVIDER", "OPENAI_API_KEY is set", "Ollama answered at ...".
    public var reason: String
    /// True when nothing was configured and the offline recall responder was chosen.
    public var fellBackToRecall: Bool { settings.kind == .recall && reason == ProviderSelection.nothingConfigured }

    static let nothingConfigured = "no provider is configured"

    /// The provider to use, by precedence: the configured one (flag, MEMCHAT_PROVIDER or
    /// config.toml), else one whose API key is set, else an OpenAI-compatible server whose
    /// base URL is set, else Ollama if it answers on its port within `probeTimeout`, else
    /// recall. Only the last-but-one step touches the network, and only when nothing is
    /// configured.
    public static func choose(
        _ configuration: Configuration, transport: any HTTPTransport, probeTimeout: Double = 0.3
    ) async -> ProviderSelection {
        if let configured = configured(configuration) { return configured }
        for kind in [ProviderKind.openai, .anthropic] {
            if let variable = kind.keyVariable, configuration.providers[kind]?.apiKey != nil {
                return ProviderSelection(settings: settings(kind, configuration), reason: "\(variable) is set")
            }
        }
        if configuration.sources["providers.openai.base_url"].map({ $0 != .defaultValue }) == true {
            return ProviderSelection(settings: settings(.openai, configuration), reason: "an OpenAI-compatible base URL is set")
        }
        var ollama = settings(.ollama, configuration)
        if let models = await OllamaProbe(settings: ollama, transport: transport, timeout: probeTimeout).installedModels() {
            if configuration.model == nil, configuration.sources["providers.ollama.model"] == .defaultValue,
               let first = models.first {
                ollama.model = first
            }
            return ProviderSelection(settings: ollama, reason: "Ollama answered at \(ollama.baseURL)")
        }
        return ProviderSelection(settings: settings(.recall, configuration), reason: nothingConfigured)
    }

    /// The provider configured (flag, environment, config.toml), without any probing;
    /// nil when none is, so that a caller can show recall at once and `choose` later.
    public static func configured(_ configuration: Configuration) -> ProviderSelection? {
        guard let kind = configuration.provider else { return nil }
        let source = configuration.sources["provider"]?.description ?? "configuration"
        return ProviderSelection(settings: settings(kind, configuration), reason: "chosen by \(source)")
    }

    /// The offline recall responder, until something else is chosen.
    public static var recall: ProviderSelection {
        ProviderSelection(settings: ProviderSettings(kind: .recall), reason: nothingConfigured)
    }

    /// `/model NAME` or `/model PROVIDER:NAME`: the same or another provider with that model.
    public func switching(to name: String, _ configuration: Configuration) -> ProviderSelection {
        let parts = name.split(separator: ":", maxSplits: 1).map(String.init)
        if parts.count == 2, let kind = ProviderKind(rawValue: parts[0].lowercased()) {
            var settings = Self.settings(kind, configuration)
            if kind.isRemote { settings.model = parts[1] }
            return ProviderSelection(settings: settings, reason: "chosen with /model")
        }
        if let kind = ProviderKind(rawValue: name.lowercased()) {
            return ProviderSelection(settings: Self.settings(kind, configuration), reason: "chosen with /model")
        }
        var settings = self.settings
        if settings.kind.isRemote { settings.model = name } else { settings = Self.settings(.openai, configuration); settings.model = name }
        return ProviderSelection(settings: settings, reason: "chosen with /model")
    }

    /// The settings of `kind`, with the configured model (`--model`, `MEMCHAT_MODEL`,
    /// `model`) in place of the provider's own.
    static func settings(_ kind: ProviderKind, _ configuration: Configuration) -> ProviderSettings {
        var settings = configuration.providers[kind] ?? ProviderSettings(kind: kind)
        if let model = configuration.model, kind.isRemote { settings.model = model }
        return settings
    }

    /// A provider ready to stream with these settings.
    public func makeProvider(transport: any HTTPTransport) -> any ChatProvider {
        switch settings.kind {
        case .openai: return HTTPProvider(wire: OpenAIWire(), settings: settings, transport: transport)
        case .anthropic: return HTTPProvider(wire: AnthropicWire(), settings: settings, transport: transport)
        case .ollama: return HTTPProvider(wire: OllamaWire(), settings: settings, transport: transport)
        case .recall: return RecallProvider()
        case .echo: return EchoProvider()
        }
    }
}

/// Asks Ollama which models it has (`GET /api/tags`); nil when it does not answer in time.
struct OllamaProbe {
    let settings: ProviderSettings
    let transport: any HTTPTransport
    let timeout: Double

    private struct Tags: Decodable {
        struct Model: Decodable { var name: String }
        var models: [Model]
    }

    func installedModels() async -> [String]? {
        guard let url = try? settings.endpoint("/api/tags") else { return nil }
        let request = HTTPRequest(url: url, method: "GET", headers: [], body: Data())
        return try? await withThrowingTaskGroup(of: [String]?.self) { group in
            group.addTask {
                let response = try await transport.send(request, timeout: timeout)
                guard response.head.status == 200 else { return nil }
                var body: [UInt8] = []
                for try await chunk in response.body where body.count < 1 << 20 { body += chunk }
                return try JSONDecoder().decode(Tags.self, from: Data(body)).models.map(\.name)
            }
            group.addTask {
                try await Task.sleep(for: .seconds(timeout))
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }
}
