import ArgumentParser
import Foundation
import MemchatCore

struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Show the effective configuration and where each value came from.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let configuration = try Runtime.loadConfiguration(global)
        let values: [(String, String)] = [
            ("user", configuration.user.rawValue),
            ("data_dir", configuration.dataDirectory),
            ("provider", configuration.provider ?? "automatic (recall: the offline responder)"),
            ("session.persistence_enabled", String(configuration.persistenceEnabled)),
            ("session.storage_type", configuration.storageType.rawValue),
            ("session.storage_path", configuration.storagePath ?? ""),
            ("session.expiration_hours", String(configuration.expirationHours)),
        ]
        let source = { (key: String) in configuration.sources[key]?.description ?? "default" }
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
