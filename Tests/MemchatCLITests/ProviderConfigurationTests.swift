import Foundation
import MemchatCore
import Testing
@testable import MemchatCLI

/// Provider, model, per-provider settings, prompts, start choice and proxies, as
/// resolved from flags, the environment and config.toml.
@Suite("Provider configuration")
struct ProviderConfigurationTests {
    let sandbox: ConfigurationLoaderSandbox

    init() throws {
        sandbox = try ConfigurationLoaderSandbox()
    }

    @Test func defaultsNeedNothing() throws {
        let configuration = try sandbox.loader().load(flags: ConfigurationFlags())
        #expect(configuration.provider == nil)
        #expect(configuration.model == nil)
        #expect(configuration.onStart == .resume)
        #expect(configuration.providers[.openai] == ProviderSettings(kind: .openai))
        #expect(configuration.providers[.ollama]?.baseURL == "http://127.0.0.1:11434")
        #expect(configuration.proxy == ProxySettings())
    }

    @Test func providerTablesEnvironmentAndFlags() throws {
        try sandbox.write("""
            provider = "anthropic"
            model = "from-file"

            [session]
            on_start = "new"

            [providers.openai]
            model = "qwen2.5-7b-instruct"
            base_url = "http://127.0.0.1:1234/v1"
            max_tokens = 512
            temperature = 0.2
            timeout_seconds = 30
            context_budget = 8000
            max_retries = 0

            [providers.ollama]
            temperature = 1

            [prompts.work]
            assistant = "You are a terse staff engineer."
            """)
        let environment = ["OPENAI_API_KEY": "sk-env", "MEMCHAT_MODEL": "from-env", "OLLAMA_HOST": "gpu-box:11434"]
        let configuration = try sandbox.loader(environment).load(flags: ConfigurationFlags())
        #expect(configuration.provider == .anthropic)
        #expect(configuration.model == "from-env")
        #expect(configuration.sources["model"] == .environment("MEMCHAT_MODEL"))
        #expect(configuration.onStart == .new)
        #expect(configuration.providers[.openai] == ProviderSettings(
            kind: .openai, model: "qwen2.5-7b-instruct", baseURL: "http://127.0.0.1:1234/v1", apiKey: "sk-env",
            maxTokens: 512, temperature: 0.2, timeout: 30, contextBudget: 8000, maxRetries: 0))
        #expect(configuration.providers[.ollama]?.temperature == 1)
        #expect(configuration.providers[.ollama]?.baseURL == "gpu-box:11434")
        #expect(configuration.sources["providers.ollama.base_url"] == .environment("OLLAMA_HOST"))
        #expect(configuration.systemPrompts == ["work.assistant": "You are a terse staff engineer."])

        var flags = ConfigurationFlags()
        flags.provider = "OpenAI"
        flags.model = "from-flag"
        let flagged = try sandbox.loader(environment).load(flags: flags)
        #expect(flagged.provider == .openai)
        #expect(flagged.model == "from-flag")
        #expect(flagged.sources["provider"] == .flag("--provider"))
    }

    @Test func optionalSettingsAreNotShadowedByAMissingFlag() throws {
        let configuration = try sandbox.loader([
            "SESSION_STORAGE_PATH": "/srv/memchat.db", "MEMCHAT_PROVIDER": "Ollama", "MEMCHAT_MODEL": "qwen3",
        ]).load(flags: ConfigurationFlags())
        #expect(configuration.storagePath == "/srv/memchat.db")
        #expect(configuration.sources["session.storage_path"] == .environment("SESSION_STORAGE_PATH"))
        #expect(configuration.provider == .ollama)
        #expect(configuration.model == "qwen3")
    }

    @Test(arguments: [
        ("[providers.openai]\ntemperature = 3.5\n", 2, "a number from 0.0 to 2.0 for providers.openai.temperature"),
        ("[providers.anthropic]\nmax_tokens = \"lots\"\n", 2, "a number from 1 to 1000000 for providers.anthropic.max_tokens"),
        ("[providers.ollama]\ntimeout_seconds = 0\n", 2, "a number from 1.0 to 3600.0 for providers.ollama.timeout_seconds"),
        ("[session]\non_start = \"later\"\n", 2, "resume or new"),
        ("provider = \"gpt\"\n", 1, "openai, ollama, anthropic, recall, echo"),
        ("[prompts]\nwork = \"x\"\n", 2, "prompts.CONTEXT.MODE"),
        ("[prompts.work]\nboss = \"x\"\n", 2, "prompts.CONTEXT.MODE"),
    ])
    func badValuesNameTheirLine(text: String, line: Int, expectation: String) throws {
        let path = try sandbox.write(text)
        do {
            _ = try sandbox.loader().load(flags: ConfigurationFlags())
            Issue.record("loaded \(text)")
        } catch let error as ConfigurationError {
            #expect(error.description.hasPrefix("\(path):\(line): "), "\(error)")
            #expect(error.description.contains(expectation), "\(error)")
        }
    }

    @Test func unknownProviderKeysAreRefusedByName() throws {
        try sandbox.write("[providers.openai]\napi_base = \"x\"\n")
        #expect(throws: ConfigurationError.self) { try sandbox.loader().load(flags: ConfigurationFlags()) }
        do {
            _ = try sandbox.loader().load(flags: ConfigurationFlags())
        } catch {
            #expect("\(error)".contains("unknown key 'providers.openai.api_base'"))
        }
    }

    @Test func proxiesComeFromTheEnvironment() throws {
        let configuration = try sandbox.loader([
            "HTTPS_PROXY": "http://proxy.corp:3128", "no_proxy": "localhost,.corp", "NO_PROXY": "ignored",
        ]).load(flags: ConfigurationFlags())
        #expect(configuration.proxy.https == ProxySettings.Server(host: "proxy.corp", port: 3128))
        #expect(configuration.proxy.noProxy == ["localhost", ".corp"])

        do {
            _ = try sandbox.loader(["https_proxy": "socks5://proxy:1080"]).load(flags: ConfigurationFlags())
            Issue.record("a SOCKS proxy URL was accepted")
        } catch {
            #expect("\(error)" == "https_proxy: 'socks5://proxy:1080' is not valid; expected an http proxy URL such as http://proxy.example:3128")
        }
    }
}
