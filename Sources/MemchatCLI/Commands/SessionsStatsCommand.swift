import ArgumentParser
import Foundation
import MemchatCore
import MemchatStore

struct SessionsStatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration.withGlobalOptions(
        commandName: "stats", abstract: "Show store statistics, overall and per user.")

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let runtime = try await Runtime.openForReading(global)
        let stats = try await runtime.store.stats()
        if output.json {
            try Console.json(StatsJSON(stats))
            return
        }
        Console.out("storage type:     \(stats.storageType)")
        Console.out("storage path:     \(stats.storagePath)")
        Console.out("total sessions:   \(stats.totalSessions)")
        Console.out("active sessions:  \(stats.activeSessions)")
        Console.out("turns:            \(stats.turns)")
        Console.out("expiration hours: \(stats.expirationHours)")
        Console.out("file size:        \(stats.fileSizeBytes) bytes (\(TextFormatting.bytes(stats.fileSizeBytes)))")
        guard !stats.users.isEmpty else { return }
        Console.out("")
        Console.out(TextFormatting.table(
            header: ["user", "sessions", "active", "turns"],
            rows: stats.users.map { [$0.user.rawValue, String($0.totalSessions), String($0.activeSessions), String($0.turns)] }))
    }
}

/// Seed 003's field names, plus a per-user breakdown.
private struct StatsJSON: Encodable {
    struct User: Encodable {
        var user: String
        var total_sessions: Int
        var active_sessions: Int
        var turns: Int
    }

    var storage_type: String
    var storage_path: String
    var total_sessions: Int
    var active_sessions: Int
    var turns: Int
    var expiration_hours: Int
    var file_size_bytes: Int64
    var users: [User]

    init(_ stats: StoreStats) {
        storage_type = stats.storageType
        storage_path = stats.storagePath
        total_sessions = stats.totalSessions
        active_sessions = stats.activeSessions
        turns = stats.turns
        expiration_hours = stats.expirationHours
        file_size_bytes = stats.fileSizeBytes
        users = stats.users.map {
            User(user: $0.user.rawValue, total_sessions: $0.totalSessions, active_sessions: $0.activeSessions, turns: $0.turns)
        }
    }
}
