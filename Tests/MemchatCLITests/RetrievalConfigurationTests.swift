import Foundation
import MemchatCore
import Testing
@testable import MemchatCLI

/// `retrieval` (config.toml), `MEMCHAT_RETRIEVAL` and `--retrieval`: hybrid by default,
/// lexical on request (the baseline of `memchat-bench memory`).
@Suite("Retrieval configuration")
struct RetrievalConfigurationTests {
    let sandbox: ConfigurationLoaderSandbox

    init() throws {
        sandbox = try ConfigurationLoaderSandbox()
    }

    /// Loads and returns the `ConfigurationError` thrown (records an issue when loading succeeds).
    private func error(_ environment: [String: String] = [:], flag: String? = nil) -> ConfigurationError? {
        var flags = ConfigurationFlags()
        flags.retrieval = flag
        return configurationError(sandbox.loader(environment), flags)
    }

    @Test func hybridIsTheDefault() throws {
        let configuration = try sandbox.loader().load(flags: ConfigurationFlags())
        #expect(configuration.retrieval == .hybrid)
        #expect(configuration.sources["retrieval"] == .defaultValue)
    }

    @Test func fileThenEnvironmentThenFlag() throws {
        let path = try sandbox.write("user = \"ana\"\nretrieval = \"lexical\"\n")
        let fromFile = try sandbox.loader().load(flags: ConfigurationFlags())
        #expect(fromFile.retrieval == .lexical)
        #expect(fromFile.sources["retrieval"] == .file(path: path, line: 2))

        let fromEnvironment = try sandbox.loader(["MEMCHAT_RETRIEVAL": "Hybrid"]).load(flags: ConfigurationFlags())
        #expect(fromEnvironment.retrieval == .hybrid)
        #expect(fromEnvironment.sources["retrieval"] == .environment("MEMCHAT_RETRIEVAL"))

        var flags = ConfigurationFlags()
        flags.retrieval = "LEXICAL"
        let fromFlag = try sandbox.loader(["MEMCHAT_RETRIEVAL": "lexical"]).load(flags: flags)
        #expect(fromFlag.retrieval == .lexical)
        #expect(fromFlag.sources["retrieval"] == .flag("--retrieval"))
    }

    @Test func aFlagWinsOverABadEnvironmentValue() throws {
        var flags = ConfigurationFlags()
        flags.retrieval = "lexical"
        let configuration = try sandbox.loader(["MEMCHAT_RETRIEVAL": "semantic"]).load(flags: flags)
        #expect(configuration.retrieval == .lexical)
    }

    @Test func emptyEnvironmentValueIsUnset() throws {
        let configuration = try sandbox.loader(["MEMCHAT_RETRIEVAL": ""]).load(flags: ConfigurationFlags())
        #expect(configuration.sources["retrieval"] == .defaultValue)
    }

    @Test func unknownModesNameTheExpectedOnes() throws {
        #expect(error(["MEMCHAT_RETRIEVAL": "bm25"])
            == .invalidValue(source: "MEMCHAT_RETRIEVAL", value: "bm25", expected: "hybrid or lexical"))
        #expect(error(flag: "semantic")?.description == "--retrieval: 'semantic' is not valid; expected hybrid or lexical")

        let path = try sandbox.write("\nretrieval = true\n")
        #expect(error() == .invalidValue(source: "\(path):2", value: "true", expected: "\"hybrid\" or \"lexical\" in quotes"))
    }

    @Test func theCommandLineRefusesAnUnknownModeWithExitCode2() async throws {
        let memchat = try MemchatProcess()
        let refused = try await memchat.run(["ask", "--new", "--retrieval", "semantic", "hello"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("The value 'semantic' is invalid for '--retrieval <mode>'. Please provide one of 'hybrid' and 'lexical'."))
        let shown = try await memchat.run(["config", "--json"], environment: ["MEMCHAT_RETRIEVAL": "lexical"])
        #expect(shown.status == 0)
        #expect(shown.stdout.contains("environment MEMCHAT_RETRIEVAL"))
    }

    /// The bench-only tuning comes from the environment through the configuration; what
    /// ships when nothing is set, and a clear error for a value that is not one.
    @Test func theBenchTuningIsReadIntoTheConfiguration() throws {
        #expect(try sandbox.loader().load(flags: ConfigurationFlags()).tuning == .shipped)
        let tuned = try sandbox.loader([
            "MEMCHAT_BENCH_RANKING": "encoder", "MEMCHAT_TUNE_FLOOR": "0.32", "MEMCHAT_TUNE_MARGIN": "0.2",
            "MEMCHAT_TUNE_WORDS": "0.25", "MEMCHAT_TUNE_ALIKE": "0.85",
        ]).load(flags: ConfigurationFlags())
        #expect(tuned.tuning == RetrievalTuning(ranking: .encoder, floor: 0.32, margin: 0.2, wordWeight: 0.25, alike: 0.85))
        let ranking = error(["MEMCHAT_BENCH_RANKING": "bm25"])
        #expect(ranking?.description.contains("MEMCHAT_BENCH_RANKING") == true)
        #expect(ranking?.description.contains("hybrid, encoder, static") == true)
        #expect(error(["MEMCHAT_TUNE_FLOOR": "high"])?.description.contains("a cosine such as 0.36") == true)
    }
}
