import ArgumentParser
import Foundation
import MemchatCore

struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration.withGlobalOptions(
        commandName: "config", abstract: "Show the effective configuration and where each value came from.")

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let configuration = try Runtime.loadConfiguration(global)
        var values: [(String, String)] = [
            ("user", configuration.user.rawValue),
            ("data_dir", configuration.dataDirectory),
            ("provider", configuration.provider?.rawValue
                ?? "automatic: an API key, a base URL or Ollama if found, else recall (offline)"),
            ("model", configuration.model ?? "the provider's own (below)"),
            ("retrieval", configuration.retrieval.rawValue),
            ("theme", configuration.theme),
            ("session.persistence_enabled", String(configuration.persistenceEnabled)),
            ("session.storage_type", configuration.storageType.rawValue),
            ("session.storage_path", configuration.storagePath ?? ""),
            ("session.expiration_hours", String(configuration.expirationHours)),
            ("session.on_start", configuration.onStart.rawValue),
        ]
        var environmentSources: [String: String] = [:]
        for kind in ProviderKind.allCases {
            guard let settings = configuration.providers[kind] else { continue }
            let table = "providers.\(kind)."
            values.append((table + "model", settings.model))
            values.append((table + "base_url", settings.baseURL))
            if let variable = kind.keyVariable {
                // Only whether a key is set, never the key.
                values.append((table + "api_key", settings.apiKey == nil ? "not set" : "set"))
                environmentSources[table + "api_key"] = "environment \(variable)"
            }
            values.append((table + "max_tokens", settings.maxTokens.map(String.init) ?? "the server's default"))
            values.append((table + "temperature", settings.temperature.map { String($0) } ?? "the server's default"))
            values.append((table + "timeout_seconds", String(settings.timeout)))
            values.append((table + "context_budget", String(settings.contextBudget)))
            values.append((table + "max_retries", String(settings.maxRetries)))
        }
        for (key, prompt) in configuration.systemPrompts.sorted(by: { $0.key < $1.key }) {
            values.append(("prompts." + key, TextFormatting.oneLine(prompt)))
            environmentSources["prompts." + key] = configuration.configFile ?? "config.toml"
        }
        let source = { (key: String) in
            environmentSources[key] ?? configuration.sources[key]?.description ?? "default"
        }
        if output.json {
            try Console.json(Dictionary(uniqueKeysWithValues: values.map { key, value in
                (key, ["value": value, "source": source(key)])
            }))
            return
        }
        Console.out("config file: \(configuration.configFile ?? "none (\(ConfigurationLoader(environment: ProcessInfo.processInfo.environment, loginName: nil).defaultConfigFilePath()) does not exist)")")
        Console.out(TextFormatting.table(header: ["key", "value", "source"], rows: values.map { [$0.0, $0.1, source($0.0)] }))
    }
}
