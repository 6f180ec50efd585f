import Foundation

/// Every file of a data directory and its bytes, to prove that something wrote nothing.
/// SQLite's `-shm` index is left out: readers rewrite it without changing any data.
struct DataDirectorySnapshot: Equatable, CustomStringConvertible {
    let files: [String: Data]

    init(_ directory: String) {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: directory)
        while let name = enumerator?.nextObject() as? String {
            guard !name.hasSuffix("-shm") else { continue }
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
