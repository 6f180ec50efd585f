import Foundation
import MemchatCore

/// Writing and reading the human-readable JSON files of the file backend and of
/// `memory_<user>.json`, so that a crash never leaves a half-written file and a damaged
/// file is never silently lost.
///
/// A write goes to a temporary file in the same directory, is fsynced, the previous
/// version is kept as `<name>.bak` (by hard link, so the file itself never disappears),
/// the temporary file is renamed over the target, and the directory is fsynced.
public enum DurableFile {
    /// Something found wrong with a file and what was done about it.
    public struct Report: Sendable, Hashable, CustomStringConvertible {
        public enum Action: Sendable, Hashable {
            case restoredFromBackup
            case quarantined(to: String)
            case rebuiltIndex
        }

        public var path: String
        public var problem: String
        public var action: Action

        public var description: String {
            switch action {
            case .restoredFromBackup:
                return "\(path): \(problem); restored the previous version from \((path as NSString).lastPathComponent).bak"
            case .quarantined(let to):
                return "\(path): \(problem); no usable backup, moved it aside to \((to as NSString).lastPathComponent) (nothing deleted)"
            case .rebuiltIndex:
                return "\(path): \(problem); rebuilt it from the session files"
            }
        }
    }

    /// Atomically replaces `path` with `data` (mode 0600), keeping the old version as `.bak`.
    public static func write(_ data: Data, to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temporary = (directory as NSString).appendingPathComponent(".\(name).tmp-\(getpid())")
        try writeAndSync(data, to: temporary)
        if FileManager.default.fileExists(atPath: path) {
            let backupLink = (directory as NSString).appendingPathComponent(".\(name).bak-\(getpid())")
            unlink(backupLink)
            if link(path, backupLink) == 0 {
                try check(rename(backupLink, path + ".bak"), path + ".bak", "keep the previous version")
            }
        }
        try check(rename(temporary, path), path, "replace the file")
        try syncDirectory(directory)
    }

    /// Removes a file and its `.bak`.
    public static func remove(_ path: String) throws {
        for file in [path, path + ".bak"] where unlink(file) != 0 && errno != ENOENT {
            throw StoreError.io(path: file, reason: "cannot delete (\(String(cString: strerror(errno))))")
        }
        try syncDirectory((path as NSString).deletingLastPathComponent)
    }

    /// Reads and decodes `path`. A file that does not decode is reported and replaced by
    /// its `.bak` when that decodes, otherwise moved aside as `<name>.corrupt-<time>`;
    /// the result is then nil as for a missing file, and `reports` says what happened.
    /// `accept` can refuse a value that decoded but does not belong in this file.
    public static func read<T: Decodable>(
        _ type: T.Type, from path: String, reports: inout [Report], now: Date = Date(),
        accept: (T) throws -> Void = { _ in }
    ) throws -> T? {
        guard let data = FileManager.default.contents(atPath: path) else {
            if FileManager.default.fileExists(atPath: path) {
                throw StoreError.io(path: path, reason: "cannot read (permission denied?)")
            }
            return nil
        }
        let problem: String
        do {
            let value = try decode(type, data)
            try accept(value)
            return value
        } catch {
            problem = describe(error, data: data)
        }
        if let backup = FileManager.default.contents(atPath: path + ".bak"), let value = try? decode(type, backup),
           (try? accept(value)) != nil {
            try writeAndSync(backup, to: path + ".restoring")
            try check(rename(path + ".restoring", path), path, "restore from .bak")
            try syncDirectory((path as NSString).deletingLastPathComponent)
            reports.append(Report(path: path, problem: problem, action: .restoredFromBackup))
            return value
        }
        let aside = try quarantine(path, now: now)
        reports.append(Report(path: path, problem: problem, action: .quarantined(to: aside)))
        return nil
    }

    /// Renames a damaged file to `<name>.corrupt-<UTC time>` and returns the new path.
    public static func quarantine(_ path: String, now: Date) throws -> String {
        let stamp = Timestamp.format(now).replacingOccurrences(of: ":", with: "-")
        var aside = "\(path).corrupt-\(stamp)"
        var attempt = 1
        while FileManager.default.fileExists(atPath: aside) {
            attempt += 1
            aside = "\(path).corrupt-\(stamp)-\(attempt)"
        }
        try check(rename(path, aside), path, "move the damaged file aside")
        return aside
    }

    private static let decoder = JSONDecoder()

    private static func decode<T: Decodable>(_ type: T.Type, _ data: Data) throws -> T {
        guard !data.isEmpty else { throw DamagedFile.empty }
        return try decoder.decode(type, from: data)
    }

    private enum DamagedFile: Error { case empty }

    /// A short, user-facing account of why a file did not decode.
    private static func describe(_ error: Error, data: Data) -> String {
        switch error {
        case DamagedFile.empty: return "the file is empty"
        case DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty:
            return "not valid JSON (truncated or damaged, \(data.count) bytes)"
        case DecodingError.keyNotFound(let key, let context):
            return "missing \"\((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))\""
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
             DecodingError.dataCorrupted(let context):
            let field = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return "unexpected value at \"\(field)\""
        default:
            return "\(error)"
        }
    }

    private static func writeAndSync(_ data: Data, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw StoreError.io(path: path, reason: "cannot create (\(String(cString: strerror(errno))))") }
        defer { close(fd) }
        fchmod(fd, 0o600)
        try data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(fd, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw StoreError.io(path: path, reason: "cannot write (\(String(cString: strerror(errno))))")
                }
                offset += written
            }
        }
        guard fsync(fd) == 0 else { throw StoreError.io(path: path, reason: "cannot fsync (\(String(cString: strerror(errno))))") }
    }

    static func syncDirectory(_ directory: String) throws {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw StoreError.io(path: directory, reason: "cannot open the directory") }
        defer { close(fd) }
        _ = fsync(fd)
    }

    private static func check(_ result: Int32, _ path: String, _ action: String) throws {
        guard result == 0 else {
            throw StoreError.io(path: path, reason: "cannot \(action) (\(String(cString: strerror(errno))))")
        }
    }
}
