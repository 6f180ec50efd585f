import Foundation
import MemchatStore

/// Stores filled with the benchmark workload (sessions of 20 turns, fixed seed), shared by
/// the whole-process benchmarks.
enum BenchStore {
    static func populate(_ directory: String, sessions: Int) async throws {
        guard sessions > 0 else { return }
        let store = try SQLiteStore.open(
            path: (directory as NSString).appendingPathComponent("memchat.sqlite"), expirationHours: StorageBenchmark.expirationHours)
        var workload = try Workload(shape: WorkloadShape(sessions: sessions, turnsPerSession: 20, seed: 42))
        while case let records = try workload.nextRecords(count: 2_000), !records.isEmpty {
            _ = try await store.importRecords(records)
        }
    }

    /// The environment of a user with nothing configured, in `directory`: no API key, no
    /// base URL, and Ollama's port refusing connections (`refusedPort`).
    static func offlineEnvironment(_ directory: String, refusedPort: Int) -> [String: String] {
        [
            "MEMCHAT_HOME": directory, "MEMCHAT_USER": Workload.users[0].name, "HOME": directory,
            "XDG_CONFIG_HOME": (directory as NSString).appendingPathComponent("config"), "PATH": "/usr/bin:/bin",
            "TERM": "xterm-256color", "LANG": "C.UTF-8", "OLLAMA_HOST": "127.0.0.1:\(refusedPort)",
        ].merging(ProcessInfo.processInfo.environment.filter { $0.key.hasPrefix("MEMCHAT_TUNE_") }) { own, _ in own }
    }
}
