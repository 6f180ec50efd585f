import Foundation
import MemchatCore
import MemchatTestSupport
import Testing
@testable import MemchatEngine

/// Which provider answers: configured > API key > base URL > Ollama found > recall.
@Suite("Provider selection")
struct ProviderSelectionTests {
    func configuration(
        provider: ProviderKind? = nil, model: String? = nil, ollama: String, keys: [ProviderKind: String] = [:]
    ) throws -> Configuration {
        var providers = ProviderSettings.defaults
        providers[.ollama]?.baseURL = ollama
        for (kind, key) in keys { providers[kind]?.apiKey = key }
        return Configuration(
            dataDirectory: "/nonexistent", user: try UserName("ana"), provider: provider, model: model, providers: providers,
            sources: ["provider": provider == nil ? .defaultValue : .flag("--provider"), "providers.ollama.model": .defaultValue])
    }

    @Test func ollamaIsFoundByProbeAndItsFirstModelUsed() async throws {
        let ollama = try ScriptedHTTPServer(replies: [ScriptedHTTPServer.reply(
            status: 200, body: #"{"models":[{"name":"qwen3:4b","size":1},{"name":"llama3.2:latest","size":2}]}"#)])
        let selection = await ProviderSelection.choose(
            try configuration(ollama: ollama.baseURL), transport: AsyncHTTPClientTransport(), probeTimeout: 10)
        #expect(selection.settings.kind == .ollama)
        #expect(selection.settings.model == "qwen3:4b")
        #expect(selection.reason == "Ollama answered at \(ollama.baseURL)")
        #expect(ollama.requests.first?.path == "/api/tags")
    }

    @Test func nothingFoundFallsBackToRecallWithoutWaitingForASilentPort() async throws {
        let selection = await ProviderSelection.choose(try configuration(ollama: "http://127.0.0.1:9"), transport: AsyncHTTPClientTransport())
        #expect(selection.settings.kind == .recall)
        #expect(selection.fellBackToRecall)

        // A port that accepts but does not answer for 20 s: the probe gives up after its
        // timeout, long before the reply would end (no wall clock: tests share the machine).
        let silent = try ScriptedHTTPServer(replies: [[.pause(milliseconds: 20_000)]])
        let quiet = await ProviderSelection.choose(
            try configuration(ollama: silent.baseURL), transport: AsyncHTTPClientTransport(), probeTimeout: 0.2)
        #expect(quiet.settings.kind == .recall)
        #expect(silent.requests.count == 1, "it was probed")
        #expect(silent.completedReplies == 0, "and not waited for")
    }

    /// A refused or reset connection ends the probe at once; only a silent port waits for
    /// the timer. The timer here is longer than the test's time limit, so waiting it out
    /// fails the test.
    @Test(.timeLimit(.minutes(1))) func refusedOrResetProbeDoesNotWaitForItsTimer() async throws {
        let refused = await ProviderSelection.choose(
            try configuration(ollama: "http://127.0.0.1:\(try ScriptedHTTPServer.closedPort())"),
            transport: AsyncHTTPClientTransport(), probeTimeout: 600)
        #expect(refused.fellBackToRecall)

        let resetting = try ScriptedHTTPServer(replies: [[.reset]])
        let reset = await ProviderSelection.choose(
            try configuration(ollama: resetting.baseURL), transport: AsyncHTTPClientTransport(), probeTimeout: 600)
        #expect(reset.fellBackToRecall)
        #expect(resetting.requests.count <= 1)
    }

    @Test func configuredProviderOrKeyWinsWithoutProbing() async throws {
        let ollama = try ScriptedHTTPServer(replies: [])
        let chosen = await ProviderSelection.choose(
            try configuration(provider: .anthropic, model: "claude-x", ollama: ollama.baseURL), transport: AsyncHTTPClientTransport())
        #expect(chosen.settings.kind == .anthropic)
        #expect(chosen.settings.model == "claude-x")
        #expect(chosen.reason == "chosen by flag --provider")

        let keyed = await ProviderSelection.choose(
            try configuration(ollama: ollama.baseURL, keys: [.openai: "sk"]), transport: AsyncHTTPClientTransport())
        #expect(keyed.settings.kind == .openai)
        #expect(keyed.reason == "OPENAI_API_KEY is set")
        #expect(ollama.requests.isEmpty, "no probe when a provider is configured or a key is set")
    }

    @Test func proxyAppliesPerHostAndNoProxyBypassesIt() throws {
        let proxy = ProxySettings(
            https: ProxySettings.server("http://user:p%40ss@proxy.local:3128"), http: ProxySettings.server("proxy.local"),
            noProxy: ProxySettings.hosts("localhost, .internal.example,127.0.0.1:8080"))
        #expect(proxy.https == ProxySettings.Server(host: "proxy.local", port: 3128, credentials: "user:p@ss"))
        #expect(proxy.proxy(for: URL(string: "https://api.openai.com/v1")!)?.port == 3128)
        #expect(proxy.proxy(for: URL(string: "http://ollama.lan:11434")!)?.port == 80)
        #expect(proxy.proxy(for: URL(string: "http://localhost:11434")!) == nil)
        #expect(proxy.proxy(for: URL(string: "https://llm.internal.example/v1")!) == nil)
        #expect(proxy.proxy(for: URL(string: "http://127.0.0.1:8080")!) == nil)
        #expect(proxy.proxy(for: URL(string: "http://127.0.0.1:9090")!)?.host == "proxy.local")
        #expect(ProxySettings.server("socks5://x:1") == nil)
    }

    @Test func requestsGoThroughTheProxy() async throws {
        // The scripted server stands in for an HTTP proxy: it accepts the CONNECT, then
        // answers through the tunnel as the model server would.
        let tunnel: [ScriptedHTTPServer.Step] = [.send("HTTP/1.1 200 Connection established\r\n\r\n"), .receiveRequest]
        let proxy = try ScriptedHTTPServer(replies: [tunnel + ScriptedHTTPServer.stream(
            [ProviderHarness.sse(OpenAIProviderTests.chunks) + "data: [DONE]\n\n"])])
        let transport = AsyncHTTPClientTransport(proxy: ProxySettings(http: ProxySettings.Server(host: "127.0.0.1", port: proxy.port)))
        let settings = ProviderSettings(kind: .openai, baseURL: "http://llm.example.invalid/v1", apiKey: "k", timeout: 5)
        let streamed = await ProviderHarness.collect(HTTPProvider(wire: OpenAIWire(), settings: settings, transport: transport))
        #expect(streamed.text == "Hello, wörld 🌍", "\(String(describing: streamed.error))")
        #expect(proxy.requests.first?.method == "CONNECT")
        #expect(proxy.requests.first?.path == "llm.example.invalid:80")
    }
}
