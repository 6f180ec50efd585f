import Foundation
import Testing

/// Every file of a data directory and its bytes, to prove that something wrote nothing.
/// SQLite's `-shm` index is left out: readers rewrite it without changing any data.
struct DataDirectorySnapshot: Equatable, CustomStringConvertible {
    let files: [String: Data]

    /// `skipping`: names (with their -wal, -journal) left out.
    init(_ directory: String, skipping: [String] = []) {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: directory)
        while let name = enumerator?.nextObject() as? String {
            guard !name.hasSuffix("-shm"), !skipping.contains(where: { name.hasPrefix($0) }) else { continue }
            let path = (directory as NSString).appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            files[name] = FileManager.default.contents(atPath: path) ?? Data()
        }
        self.files = files
    }

    /// Whether any file holds `text`.
    func contains(_ text: String) -> Bool {
        files.values.contains { $0.range(of: Data(text.utf8)) != nil }
    }

    var description: String {
        files.keys.sorted().map { "\($0) (\(files[$0]?.count ?? 0) bytes)" }.joined(separator: ", ")
    }
}

/// What a data directory holds as far as a user can tell: every session of every user with
/// its turns (`memchat export --all-users`) and every other file byte for byte. The SQLite
/// file is compared through its export, since opening it rewrites bytes of its header
/// (GRDB's pool creates and drops a table to make sure the WAL files exist).
struct StoredData: Equatable, CustomStringConvertible {
    let export: String
    let otherFiles: DataDirectorySnapshot

    static func read(_ memchat: MemchatProcess) async throws -> StoredData {
        let exported = try await memchat.run(["export", "--all-users"])
        #expect(exported.status == 0, "\(exported.stderr)")
        return StoredData(export: exported.stdout, otherFiles: DataDirectorySnapshot(memchat.dataDirectory, skipping: ["memchat.sqlite"]))
    }

    var description: String { "\(export.split(separator: "\n").count) sessions; \(otherFiles)" }
}
