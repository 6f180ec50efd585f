import Foundation

/// Where a benchmark's store lives: a directory the user named (kept afterwards), or a
/// fresh temporary one that is removed so repeated runs do not fill the disk.
enum BenchDirectory {
    static func with<T>(_ path: String?, _ body: (String) async throws -> T) async throws -> T {
        guard let path else {
            let temporary = FileManager.default.temporaryDirectory
                .appendingPathComponent("memchat-bench-\(UUID().uuidString)").path
            try create(temporary)
            defer { remove(temporary) }
            return try await body(temporary)
        }
        try create(path)
        // Importing into an existing store would measure "already present" checks instead.
        guard ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).isEmpty else {
            throw BenchError(description: "\(path) is not empty; give an empty directory")
        }
        return try await body(path)
    }

    private static func create(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw BenchError(description: "cannot create \(path): \(error.localizedDescription)")
        }
    }

    private static func remove(_ path: String) {
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            StandardStreams.note("warning: could not remove \(path): \(error.localizedDescription)")
        }
    }
}
