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

    public func importJSONL(from handle: FileHandle) async throws -> Outcome {
        var outcome = Outcome()
        var batch: [SessionRecord] = []
        var lineOfSession: [SessionID: Int] = [:]
        var reader = LineReader(handle: handle)
        var lineNumber = 0

        func flush() async throws {
            guard !batch.isEmpty else { return }
            var report = try await store.importRecords(batch)
            // Name the line of each conflicting session.
            report.conflicts = report.conflicts.map { conflict in
                var conflict = conflict
                if let line = lineOfSession[conflict.sessionID] { conflict.reason = "line \(line): " + conflict.reason }
                return conflict
            }
            outcome.report.add(report)
            batch.removeAll(keepingCapacity: true)
            lineOfSession.removeAll(keepingCapacity: true)
        }

        while let line = try reader.nextLine() {
            lineNumber += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            outcome.lines += 1
            do {
                let record = try Interchange.decode(line: line, defaultUser: defaultUser)
                if lineOfSession[record.session.id] != nil { try await flush() }
                lineOfSession[record.session.id] = lineNumber
                batch.append(record)
            } catch let error as InterchangeError {
                outcome.lineErrors.append(LineError(line: lineNumber, message: error.description))
            }
            if batch.count >= batchSize { try await flush() }
        }
        try await flush()
        return outcome
    }
}

/// Splits what a file descriptor yields into lines without loading it all.
struct LineReader {
    let handle: FileHandle
    private var buffer = Data()
    private var finished = false

    init(handle: FileHandle) { self.handle = handle }

    mutating func nextLine() throws -> Data? {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = buffer[buffer.startIndex..<newline]
                buffer = buffer[(newline + 1)...]
                return Data(line)
            }
            if finished {
                guard !buffer.isEmpty else { return nil }
                defer { buffer = Data() }
                return Data(buffer)
            }
            let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            if chunk.isEmpty { finished = true } else { buffer = Data(buffer) + chunk }
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
