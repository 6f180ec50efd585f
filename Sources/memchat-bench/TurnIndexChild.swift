import Foundation
import MemchatCore
import MemchatEngine
import MemchatStore

/// The parts of `memchat-bench turn-index` that run in a process of their own, so their
/// times and resident memory are a fresh process's: `catchup` indexes every user of the
/// store, `query` times the first and second `nearest` of a new process.
enum TurnIndexChild {
    struct CatchUp: Codable {
        var turns: Int
        var records: Int
        var seconds: Double
        var peakResidentMB: Double
    }

    struct Query: Codable {
        var firstMilliseconds: Double
        var secondMilliseconds: Double
        var residentMB: Double
    }

    static func run(_ mode: String, directory: String) async throws {
        let store = try SQLiteStore.open(path: (directory as NSString).appendingPathComponent("memchat.sqlite"), expirationHours: StorageBenchmark.expirationHours)
        let index = SemanticTurnIndex(directory: directory)
        let encoder = JSONEncoder()
        switch mode {
        case "catchup":
            // The workload's users, not `stats()`: its pass over the sessions would be the
            // process's peak, and the chat screen's catch-up does not make it.
            let users = try Workload.users.map { try UserName($0.name) }
            var turns = 0, records = 0
            let timed = try await Stopwatch.milliseconds {
                for user in users {
                    let report = try await index.catchUp(store: store, user: user)
                    turns += report.turnsRead
                    records += report.recordsAdded
                }
            }
            let result = CatchUp(turns: turns, records: records, seconds: timed.milliseconds / 1000, peakResidentMB: ResidentMemory.peakMB())
            print(String(decoding: try encoder.encode(result), as: UTF8.self))
        case "query":
            let user = Workload.users[0].name
            let name = try UserName(user)
            let first = try await Stopwatch.milliseconds { try index.nearest(to: "how do I check the replica latency on the server", user: name, limit: 300) }
            let second = try await Stopwatch.milliseconds { try index.nearest(to: "which team meeting moved to next week", user: name, limit: 300) }
            let result = Query(firstMilliseconds: first.milliseconds, secondMilliseconds: second.milliseconds, residentMB: ResidentMemory.currentMB())
            print(String(decoding: try encoder.encode(result), as: UTF8.self))
        default:
            throw BenchError(description: "unknown child mode \(mode)")
        }
    }

    /// Runs this executable as a child in `mode` and decodes the JSON line it prints.
    static func spawn<T: Decodable>(_ mode: String, directory: String, as type: T.Type) throws -> T {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).standardizedFileURL
        if let path = Bundle.main.executablePath { process.executableURL = URL(fileURLWithPath: path) }
        process.arguments = ["turn-index", "--child", mode, "--dir", directory]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchError(description: "the \(mode) child failed (\(process.terminationStatus))") }
        return try JSONDecoder().decode(T.self, from: data)
    }
}

/// Resident memory from /proc/<pid>/status.
enum ResidentMemory {
    static func currentMB() -> Double { kilobytes("VmRSS:") / 1024 }
    static func peakMB() -> Double { kilobytes("VmHWM:") / 1024 }

    /// A field of the status file in kB (0 when unreadable); `process` "self" or a pid.
    static func kilobytes(_ name: String, process: String = "self") -> Double {
        guard let status = try? String(contentsOfFile: "/proc/\(process)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name) }),
              let kilobytes = line.split(whereSeparator: \.isWhitespace).dropFirst().first.flatMap({ Double($0) })
        else { return 0 }
        return kilobytes
    }
}
