import Foundation
import MemchatCore

/// Reads the JSONL interchange format from a file descriptor and imports it in batches.
/// A bad line is reported with its number and skipped; the valid lines still import.
public struct JSONLImporter {
    public struct LineError: Sendable, Hashable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    public struct Outcome: Sendable {
        public var report = ImportReport()
        public var lineErrors: [LineError] = []
        /// Lines that held a session (valid or not); blank lines are not counted.
        public var lines = 0
    }

    public let store: any SessionStore
    public let defaultUser: UserName
    public var batchSize = 500

    public init(store: any SessionStore, defaultUser: UserName) {
        self.store = store
        self.defaultUser = defaultUser
    }

    /// Decoding runs on the calling task while the previous batch is written, so the two
    /// halves of an import use two cores.
    public func importJSONL(from handle: FileHandle) async throws -> Outcome {
        var outcome = Outcome()
        var batch: [SessionRecord] = []
        var lineOfSession: [SessionID: Int] = [:]
        var writing: Task<ImportReport, Error>?
        var reader = LineReader(handle: handle)
        var lineNumber = 0

        func finishWriting() async throws {
            if let writing { outcome.report.add(try await writing.value) }
            writing = nil
        }

        func flush() async throws {
            try await finishWriting()
            guard !batch.isEmpty else { return }
            let records = batch, lines = lineOfSession, store = store
            writing = Task {
                var report = try await store.importRecords(records)
                // Name the line of each conflicting session.
                report.conflicts = report.conflicts.map { conflict in
                    var conflict = conflict
                    if let line = lines[conflict.sessionID] { conflict.reason = "line \(line): " + conflict.reason }
                    return conflict
                }
                return report
            }
            batch.removeAll(keepingCapacity: true)
            lineOfSession.removeAll(keepingCapacity: true)
        }

        do {
            while let line = try reader.nextLine() {
                lineNumber += 1
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                outcome.lines += 1
                do {
                    let record = try Interchange.decode(line: line, defaultUser: defaultUser)
                    // The same session twice: let the first line land before the second.
                    if lineOfSession[record.session.id] != nil { try await flush() }
                    lineOfSession[record.session.id] = lineNumber
                    batch.append(record)
                } catch let error as InterchangeError {
                    outcome.lineErrors.append(LineError(line: lineNumber, message: error.description))
                }
                if batch.count >= batchSize { try await flush() }
            }
            try await flush()
            try await finishWriting()
        } catch {
            // Never leave a write running behind an error.
            _ = try? await writing?.value
            throw error
        }
        return outcome
    }
}

/// Splits what a file descriptor yields into lines without loading it all.
struct LineReader {
    let handle: FileHandle
    private var buffer: [UInt8] = []
    /// Where the next line starts in `buffer`.
    private var start = 0
    private var finished = false

    init(handle: FileHandle) { self.handle = handle }

    mutating func nextLine() throws -> Data? {
        while true {
            if let newline = nextNewline() {
                defer { start = newline + 1 }
                return Data(buffer[start..<newline])
            }
            if finished {
                guard start < buffer.count else { return nil }
                defer { start = buffer.count }
                return Data(buffer[start...])
            }
            let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            if chunk.isEmpty {
                finished = true
            } else {
                buffer.removeFirst(start)
                start = 0
                buffer.append(contentsOf: chunk)
            }
        }
    }

    private func nextNewline() -> Int? {
        guard start < buffer.count else { return nil }
        return buffer.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress, let found = memchr(base + start, 0x0A, bytes.count - start) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }
}

/// Writes every session of a scope, with all its turns, as JSONL.
public struct JSONLExporter {
    public let store: any SessionStore
    public var pageSize = 200

    public init(store: any SessionStore) { self.store = store }

    /// Calls `write` once per line (without the newline); returns sessions written.
    @discardableResult
    public func export(scope: UserScope, write: (String) throws -> Void) async throws -> Int {
        var offset = 0
        var written = 0
        while true {
            let sessions = try await store.listSessions(SessionQuery(scope: scope, limit: pageSize, offset: offset))
            for session in sessions {
                let turns = try await store.turns(of: session.id, page: .all)
                try write(Interchange.encode(SessionRecord(session: session, turns: turns)))
                written += 1
            }
            if sessions.count < pageSize { return written }
            offset += pageSize
        }
    }
}
