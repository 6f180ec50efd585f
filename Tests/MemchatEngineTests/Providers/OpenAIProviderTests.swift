import Foundation
import MemchatCore
import MemchatTestSupport
import Testing
@testable import MemchatEngine

/// The OpenAI-compatible provider against a real local HTTP server speaking chat
/// completions over server-sent events, including the ways real servers misbehave.
@Suite("OpenAI-compatible provider")
struct OpenAIProviderTests {
    static let chunks = [
        #"{"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assistant","reasoning_content":"Thinking"},"finish_reason":null}]}"#,
        #"{"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Hello"},"finish_reason":null}]}"#,
        #"{"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":", wörld 🌍"},"finish_reason":null}]}"#,
        #"{"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"#,
        #"{"id":"c1","object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":12,"completion_tokens":3,"total_tokens":15}}"#,
    ]

    @Test func streamsAcrossSplitReadsWithKeepAlivesAndDone() async throws {
        // A keep-alive comment first, CRLF line ends on one event, then everything cut
        // into 7-byte pieces so that lines, fields and UTF-8 characters straddle reads.
        let body = ": keep-alive\n\n" + ProviderHarness.sse(Array(Self.chunks.prefix(2)))
            + "data: \(Self.chunks[2])\r\n\r\n" + ": ping\n\n" + ProviderHarness.sse(Array(Self.chunks.suffix(2))) + "data: [DONE]\n\n"
        let server = try ScriptedHTTPServer(replies: [ScriptedHTTPServer.stream(ProviderHarness.pieces(body, size: 7), pause: 1)])
        let streamed = await ProviderHarness.collect(ProviderHarness.provider(.openai, at: server, path: "/v1"))

        #expect(streamed.error == nil)
        #expect(streamed.text == "Hello, wörld 🌍")
        #expect(streamed.reasoning == "Thinking")
        #expect(streamed.finish == FinishInfo(reason: "stop", promptTokens: 12, completionTokens: 3))

        let request = try #require(server.requests.first)
        #expect(request.method == "POST")
        #expect(request.path == "/v1/chat/completions")
        #expect(request.headers["authorization"] == "Bearer \(ProviderHarness.key)")
        let body_ = try #require(try JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any])
        #expect(body_["model"] as? String == "test-model")
        #expect(body_["stream"] as? Bool == true)
        let messages = try #require(body_["messages"] as? [[String: String]])
        #expect(messages == [["role": "system", "content": "Be brief."], ["role": "user", "content": "Hello?"]])
    }

    @Test func eachEventArrivesAsItIsSent() async throws {
        // The server holds the rest of the answer until the test has seen the first
        // piece: a client that buffered the body would only see it after the 30 s hold.
        var steps = ScriptedHTTPServer.stream([ProviderHarness.sse([Self.chunks[1]])])
        steps.removeLast()
        steps += [.waitForRelease] + Array(ScriptedHTTPServer.stream([ProviderHarness.sse(Array(Self.chunks[2...])) + "data: [DONE]\n\n"]).dropFirst())
        let server = try ScriptedHTTPServer(replies: [steps])
        var texts: [String] = []
        for try await event in ProviderHarness.provider(.openai, at: server, timeout: 60).stream(ProviderHarness.request) {
            if case .text(let text) = event {
                texts.append(text)
                server.release()
            }
        }
        #expect(texts == ["Hello", ", wörld 🌍"])
        #expect(!server.releaseTimedOut, "the first piece arrived while the server still held the rest")
    }

    @Test func unauthorizedSaysWhichKeyToCheckWithoutShowingIt() async throws {
        let server = try ScriptedHTTPServer(replies: [ScriptedHTTPServer.reply(
            status: 401, body: #"{"error":{"message":"Incorrect API key provided","type":"invalid_request_error"}}"#)])
        let streamed = await ProviderHarness.collect(ProviderHarness.provider(.openai, at: server))
        let error = try #require(streamed.providerError)
        #expect(error == .unauthorized(.openai, status: 401, message: "Incorrect API key provided"))
        #expect(error.description.contains("check OPENAI_API_KEY"))
        #expect(!error.description.contains(ProviderHarness.key))
        #expect(server.requests.count == 1, "a refused key is not retried")
    }

    @Test func rateLimitIsRetriedAfterRetryAfter() async throws {
        let limited = ScriptedHTTPServer.reply(
            status: 429, headers: ["Retry-After": "0"], body: #"{"error":{"message":"Rate limit reached"}}"#)
        let server = try ScriptedHTTPServer(replies: [
            limited, limited, ScriptedHTTPServer.stream([ProviderHarness.sse(Self.chunks) + "data: [DONE]\n\n"]),
        ])
        let streamed = await ProviderHarness.collect(ProviderHarness.provider(.openai, at: server))
        #expect(streamed.error == nil)
        #expect(streamed.text == "Hello, wörld 🌍")
        #expect(server.requests.count == 3)
    }

    @Test func rateLimitGivesUpAfterTheRetriesOrALongWait() async throws {
        let limited = ScriptedHTTPServer.reply(status: 429, headers: ["Retry-After": "0"], body: #"{"error":{"message":"slow down"}}"#)
        let server = try ScriptedHTTPServer(replies: [limited, limited, limited, limited])
        let streamed = await ProviderHarness.collect(ProviderHarness.provider(.openai, at: server, retries: 2))
        #expect(streamed.providerError == .rateLimited(.openai, retryAfter: 0, message: "slow down"))
        #expect(server.requests.count == 3, "one request and two retries")

        let long = try ScriptedHTTPServer(replies: [ScriptedHTTPServer.reply(
            status: 429, headers: ["Retry-After": "120"], body: #"{"error":{"message":"quota"}}"#)])
        let started = Date()
        let refused = await ProviderHarness.collect(ProviderHarness.provider(.openai, at: long))
        #expect(refused.providerError == .rateLimited(.openai, retryAfter: 120, message: "quota"))
        #expect(refused.providerError?.description.contains("it asks to wait 120 s") == true)
        // Slept through, the call would take the 120 s asked for; the bound is far from the
        // fraction of a second it takes, so a loaded machine does not fail it.
        #expect(Date().timeIntervalSince(started) < 100, "a wait longer than allowed is reported, not slept through")
        #expect(long.requests.count == 1)
    }

    @Test func serverErrorsAreRetriedThenReported() async throws {
        let failing = ScriptedHTTPServer.reply(status: 500, body: #"{"error":{"message":"The server had an error"}}"#)
        let recovers = try ScriptedHTTPServer(replies: [failing, ScriptedHTTPServer.stream([ProviderHarness.sse(Self.chunks) + "data: [DONE]\n\n"])])
        #expect(await ProviderHarness.collect(ProviderHarness.provider(.openai, at: recovers)).text == "Hello, wörld 🌍")
        #expect(recovers.requests.count == 2)

        let broken = try ScriptedHTTPServer(replies: [failing, failing, failing])
        let streamed = await ProviderHarness.collect(ProviderHarness.provider(.openai, at: broken))
        let error = try #require(streamed.providerError)
        #expect(error == .http(.openai, status: 500, message: "The server had an error"))
        #expect(error.description == "openai answered 500 Internal Server Error: The server had an error; the server failed, try again later")
    }

    @Test func connectionResetMidStreamKeepsWhatArrived() async throws {
        let server = try ScriptedHTTPServer(replies: [ScriptedHTTPServer.stream(
            [ProviderHarness.sse(Array(Self.chunks[1...2]))], reset: true)])
        let streamed = await ProviderHarness.collect(ProviderHarness.provider(.openai, at: server))
        #expect(streamed.text == "Hello, wörld 🌍")
        #expect(streamed.providerError == .connectionLost(.openai, reason: "Connection reset by peer"))
        #expect(streamed.providerError?.description
            == "the connection to openai broke while the answer streamed (Connection reset by peer); what arrived is kept")
    }

    @Test func malformedEventEndsTheStreamWithAClearError() async throws {
        let server = try ScriptedHTTPServer(replies: [ScriptedHTTPServer.stream(
            [ProviderHarness.sse([Self.chunks[1]]) + "data: {\"choices\": [oops\n\n" + ProviderHarness.sse([Self.chunks[2]])])])
        let streamed = await ProviderHarness.collect(ProviderHarness.provider(.openai, at: server))
        #expect(streamed.text == "Hello")
        #expect(streamed.providerError == .malformedStream(.openai, detail: "not the expected JSON: {\"choices\": [oops"))
    }

    @Test func errorInsideTheStreamIsReported() async throws {
        let server = try ScriptedHTTPServer(replies: [ScriptedHTTPServer.stream(
            [ProviderHarness.sse([Self.chunks[1], #"{"error":{"message":"model overloaded","type":"server_error"}}"#])])])
        let streamed = await ProviderHarness.collect(ProviderHarness.provider(.openai, at: server))
        #expect(streamed.text == "Hello")
        #expect(streamed.providerError == .streamError(.openai, message: "model overloaded"))
    }

    @Test func streamCutShortWithoutFinishIsIncomplete() async throws {
        let server = try ScriptedHTTPServer(replies: [ScriptedHTTPServer.stream([ProviderHarness.sse([Self.chunks[1]])])])
        let streamed = await ProviderHarness.collect(ProviderHarness.provider(.openai, at: server))
        #expect(streamed.text == "Hello")
        #expect(streamed.providerError == .incomplete(.openai))

        // A finish reason without [DONE] is a whole answer (some servers omit it).
        let noDone = try ScriptedHTTPServer(replies: [ScriptedHTTPServer.stream([ProviderHarness.sse(Self.chunks)])])
        #expect(await ProviderHarness.collect(ProviderHarness.provider(.openai, at: noDone)).finish?.reason == "stop")
    }

    @Test func unreachableServerAndSilenceAreReported() async throws {
        let settings = ProviderSettings(kind: .openai, baseURL: "http://127.0.0.1:9/v1", apiKey: "k", timeout: 2)
        let refused = await ProviderHarness.collect(HTTPProvider(wire: OpenAIWire(), settings: settings, transport: AsyncHTTPClientTransport()))
        guard case .connection(.openai, let url, _)? = refused.providerError else {
            Issue.record("expected a connection error, got \(String(describing: refused.error))")
            return
        }
        #expect(url == "http://127.0.0.1:9/v1/chat/completions")
        #expect(refused.providerError?.description.contains("set OPENAI_BASE_URL") == true)

        let silent = try ScriptedHTTPServer(replies: [ScriptedHTTPServer.stream([ProviderHarness.sse([Self.chunks[1]])], pause: 3000)])
        let timedOut = await ProviderHarness.collect(ProviderHarness.provider(.openai, at: silent, timeout: 1))
        #expect(timedOut.text == "Hello")
        #expect(timedOut.providerError == .timedOut(.openai, seconds: 1))
    }

    @Test func theVendorAPINeedsAKeyButALocalServerDoesNot() async throws {
        let vendor = ProviderSettings(kind: .openai)
        let missing = await ProviderHarness.collect(HTTPProvider(wire: OpenAIWire(), settings: vendor, transport: AsyncHTTPClientTransport()))
        #expect(missing.providerError == .missingKey(.openai))
        #expect(!vendor.keyIsOptional)
        #expect(ProviderSettings(kind: .openai, baseURL: "http://127.0.0.1:1234/v1").keyIsOptional)
    }
}
