import ArgumentParser
import Foundation
import MemchatStore

/// The session backends the benchmarks and the crash writer can drive.
enum BenchBackend: String, ExpressibleByArgument, CaseIterable, Sendable {
    case sqlite
    case file

    /// Opens (creating) the store at `path`: the database file for SQLite, the directory
    /// of JSON files for the file backend.
    func open(_ path: String) throws -> any SessionStore {
        switch self {
        case .sqlite: return try SQLiteStore.open(path: path, expirationHours: StorageBenchmark.expirationHours)
        case .file: return try JSONFileStore(directory: path, expirationHours: StorageBenchmark.expirationHours)
        }
    }

    /// Where a benchmark keeps this backend's store inside its directory.
    func storePath(in directory: String) -> String {
        switch self {
        case .sqlite: return directory + "/memchat.sqlite"
        case .file: return directory + "/sessions"
        }
    }

    /// The files that make up the store at `path`, for weighing it.
    func files(at path: String) -> [String] {
        switch self {
        case .sqlite: return [path, path + "-wal", path + "-shm"]
        case .file:
            return ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).map { path + "/" + $0 }
        }
    }
}
