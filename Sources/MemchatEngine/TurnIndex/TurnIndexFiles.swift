import Foundation
import MemchatCore
import MemchatStore

/// The two files of one user's index in the data directory, and the lock that orders
/// their writers (`PREFIX` is the layout's: `turn` for the static table, `encoder` for
/// the sentence encoder, each in files of its own, so that neither wipes the other):
///
/// - `PREFIX_codes_<user>.bin`: a 128-byte header (magic, version, record size, codec,
///   the walk's checkpoint with a checksum), then 16-byte sign codes. The only part a
///   query scans: 16 MB per million records.
/// - `PREFIX_entries_<user>.bin`: the same header without a checkpoint, then one
///   `TurnIndexRecord.entrySize` entry per code, at the same position: turn id, clause,
///   quantised vector. Read only at the shortlist's positions.
/// - `PREFIX_codes_<user>.lock`: taken (`flock`, with a timeout) by every write, by any
///   process; readers take no lock.
///
/// Records are only ever appended, as whole records, codes before entries. A reader uses
/// the records both files hold whole; a writer first cuts off a torn tail (a crash
/// mid-write) or the codes of entries never written. A file with a bad header is rebuilt
/// (emptied; the walk refills it from the store) and reported, never trusted or crashed on.
struct TurnIndexFiles: Sendable {
    let codesPath: String
    let entriesPath: String
    let lock: DirectoryLock
    let codecID: UInt64
    /// Bytes of one entry: the layout's vectors are 128 or 384 values.
    let entrySize: Int

    static let headerSize = 128
    static let version: UInt32 = 1
    static let codesMagic = Array("MCTCODES".utf8)
    static let entriesMagic = Array("MCTENTRY".utf8)

    init(directory: String, user: UserName, layout: TurnIndexLayout, codecID: UInt64, lockTimeout: TimeInterval) {
        let base = (directory as NSString).appendingPathComponent("\(layout.prefix)_codes_\(user.rawValue)")
        codesPath = base + ".bin"
        entriesPath = (directory as NSString).appendingPathComponent("\(layout.prefix)_entries_\(user.rawValue).bin")
        lock = DirectoryLock(file: base + ".lock", timeout: lockTimeout)
        self.codecID = codecID
        entrySize = TurnIndexRecord.entrySize(dimensions: layout.dimensions)
    }

    /// What a reader sees: how many whole records both files hold, and the checkpoint;
    /// nil checkpoint when the files are missing or their headers are not valid.
    struct Snapshot: Sendable {
        var records: Int
        var checkpoint: TurnIndexCheckpoint?
        /// Why the headers are not usable (nil: valid, or no files yet).
        var damage: String?
    }

    func snapshot() throws -> Snapshot {
        guard let codes = try OpenFile(codesPath, create: false) else { return Snapshot(records: 0, checkpoint: nil) }
        guard let entries = try OpenFile(entriesPath, create: false) else {
            return Snapshot(records: 0, checkpoint: nil, damage: "\(entriesPath) is missing")
        }
        return try snapshot(codes, entries)
    }

    private func snapshot(_ codes: OpenFile, _ entries: OpenFile) throws -> Snapshot {
        let codesSize = try codes.size(), entriesSize = try entries.size()
        if codesSize == 0 && entriesSize == 0 { return Snapshot(records: 0, checkpoint: nil) }
        let codesHeader = try codes.read(at: 0, count: Self.headerSize)
        let entriesHeader = try entries.read(at: 0, count: Self.headerSize)
        if let damage = validate(codesHeader, magic: Self.codesMagic, recordSize: TurnIndexRecord.codeSize, path: codesPath)
            ?? validate(entriesHeader, magic: Self.entriesMagic, recordSize: entrySize, path: entriesPath) {
            return Snapshot(records: 0, checkpoint: nil, damage: damage)
        }
        let records = min(
            (codesSize - Self.headerSize) / TurnIndexRecord.codeSize,
            (entriesSize - Self.headerSize) / entrySize)
        // A checkpoint that fails its checksum (a torn header write) only costs a new walk.
        let checkpoint = Self.checkpoint(in: codesHeader) ?? TurnIndexCheckpoint.empty.rewalk(store: 0, records: records)
        return Snapshot(records: records, checkpoint: checkpoint)
    }

    /// nil when the header is one of ours, for this codec; else what is wrong with it.
    private func validate(_ header: [UInt8], magic: [UInt8], recordSize: Int, path: String) -> String? {
        guard header.count == Self.headerSize else { return "\(path) is shorter than its header" }
        guard Array(header[0..<8]) == magic else { return "\(path) is not a memchat turn index (bad magic)" }
        let (version, size, codec) = header.withUnsafeBytes { raw in
            (UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt32.self)),
             UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 12, as: UInt32.self)),
             UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self)))
        }
        guard version == Self.version else { return "\(path) has format version \(version), not \(Self.version)" }
        guard size == UInt32(recordSize) else { return "\(path) has \(size)-byte records, not \(recordSize)" }
        guard codec == codecID else { return "\(path) was written with another embedding or code layout" }
        return nil
    }

    /// Appends `records` and moves the checkpoint from `expected` to `next`, holding the
    /// lock. Returns false, writing nothing, when another writer moved the checkpoint
    /// since `expected` was read (it walked the same turns): the caller reads again.
    func append(_ records: [TurnIndexRecord], from expected: TurnIndexCheckpoint?, to next: TurnIndexCheckpoint) throws -> Bool {
        try locked { () throws -> Bool in
            let (codes, entries) = try openBoth()
            var state = try snapshot(codes, entries)
            if state.damage != nil || state.checkpoint == nil {
                // A writer that saw these headers damaged rebuilds before appending.
                guard expected == nil else { return false }
                try reset(codes, entries)
                state = Snapshot(records: 0, checkpoint: nil)
            } else if state.checkpoint != expected {
                return false
            }
            var next = next
            next.records = state.records + records.count
            try codes.truncate(to: Self.headerSize + state.records * TurnIndexRecord.codeSize)
            try entries.truncate(to: Self.headerSize + state.records * entrySize)
            if !records.isEmpty {
                var codeBytes = [UInt8](repeating: 0, count: records.count * TurnIndexRecord.codeSize)
                var entryBytes = [UInt8](repeating: 0, count: records.count * entrySize)
                codeBytes.withUnsafeMutableBytes { buffer in
                    for (index, record) in records.enumerated() { record.writeCode(into: buffer, at: index * TurnIndexRecord.codeSize) }
                }
                entryBytes.withUnsafeMutableBytes { buffer in
                    for (index, record) in records.enumerated() { record.writeEntry(into: buffer, at: index * entrySize) }
                }
                try codes.write(codeBytes, at: Self.headerSize + state.records * TurnIndexRecord.codeSize)
                try entries.write(entryBytes, at: Self.headerSize + state.records * entrySize)
            }
            try codes.write(Self.checkpointBytes(next), at: 24)
            return true
        }
    }

    /// Empties both files (fresh headers, no records, no checkpoint), holding the lock.
    func rebuild() throws {
        try locked { () throws in
            let (codes, entries) = try openBoth()
            try reset(codes, entries)
        }
    }

    /// Removes both files, holding the lock (which stays: another process may wait on it).
    func remove() throws {
        try locked { () throws in
            for path in [codesPath, entriesPath] where FileManager.default.fileExists(atPath: path) {
                do { try FileManager.default.removeItem(atPath: path) } catch {
                    throw TurnIndexError.io(path: path, reason: "cannot remove it: \(error.localizedDescription)")
                }
            }
        }
    }

    private func reset(_ codes: OpenFile, _ entries: OpenFile) throws {
        try codes.truncate(to: 0)
        try entries.truncate(to: 0)
        try codes.write(header(magic: Self.codesMagic, recordSize: TurnIndexRecord.codeSize, checkpoint: .empty), at: 0)
        try entries.write(header(magic: Self.entriesMagic, recordSize: entrySize, checkpoint: nil), at: 0)
    }

    /// Calls `body` with consecutive runs of codes (two words each) from record 0 to
    /// `records`, read into one reused buffer of `chunk` records: scanning never holds
    /// the whole file in memory. Stops early when the file is shorter (a rebuild).
    func scanCodes(records: Int, chunk: Int, _ body: (_ first: Int, _ codes: UnsafeBufferPointer<UInt64>) -> Void) throws {
        guard records > 0, let codes = try OpenFile(codesPath, create: false) else { return }
        var buffer = [UInt64](repeating: 0, count: chunk * 2)
        var first = 0
        while first < records {
            let count = min(chunk, records - first)
            let bytes = count * TurnIndexRecord.codeSize
            let read = try buffer.withUnsafeMutableBytes { raw throws in
                try codes.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[0..<bytes]), at: Self.headerSize + first * TurnIndexRecord.codeSize)
            }
            let whole = read / TurnIndexRecord.codeSize
            guard whole > 0 else { return }
            buffer.withUnsafeBufferPointer { body(first, UnsafeBufferPointer(rebasing: $0[0..<(whole * 2)])) }
            if whole < count { return }
            first += count
        }
    }

    /// The codes at `positions`, in the order given (a code not in the file reads as (0, 0)).
    func readCodes(at positions: [Int]) throws -> [(UInt64, UInt64)] {
        guard !positions.isEmpty, let codes = try OpenFile(codesPath, create: false) else { return [] }
        var words: [UInt64] = [0, 0]
        return try positions.map { position in
            let read = try words.withUnsafeMutableBytes { raw throws in
                try codes.read(into: raw, at: Self.headerSize + position * TurnIndexRecord.codeSize)
            }
            return read == TurnIndexRecord.codeSize ? (UInt64(littleEndian: words[0]), UInt64(littleEndian: words[1])) : (0, 0)
        }
    }

    /// The entries at `positions` (ascending), each handed to `body` while its bytes are read.
    func readEntries(at positions: [Int], _ body: (_ position: Int, _ entry: UnsafeRawBufferPointer) -> Void) throws {
        guard !positions.isEmpty, let entries = try OpenFile(entriesPath, create: false) else { return }
        var buffer = [UInt8](repeating: 0, count: entrySize)
        for position in positions {
            let read = try buffer.withUnsafeMutableBytes { raw throws in
                try entries.read(into: raw, at: Self.headerSize + position * entrySize)
            }
            guard read == entrySize else { return }
            buffer.withUnsafeBytes { body(position, $0) }
        }
    }

    /// The entries from position `first` on, one at a time, while `body` returns true.
    func readEntries(from first: Int, while body: (_ entry: UnsafeRawBufferPointer) -> Bool) throws {
        guard let entries = try OpenFile(entriesPath, create: false) else { return }
        var buffer = [UInt8](repeating: 0, count: entrySize)
        var position = first
        while true {
            let read = try buffer.withUnsafeMutableBytes { raw throws in
                try entries.read(into: raw, at: Self.headerSize + position * entrySize)
            }
            guard read == entrySize, buffer.withUnsafeBytes(body) else { return }
            position += 1
        }
    }

    /// The turn id hashes of records `range`, read in chunks.
    func idHashes(_ range: Range<Int>) throws -> Set<UInt64> {
        var hashes = Set<UInt64>(minimumCapacity: range.count)
        guard !range.isEmpty, let entries = try OpenFile(entriesPath, create: false) else { return hashes }
        let chunk = 4096
        var buffer = [UInt8](repeating: 0, count: chunk * entrySize)
        var first = range.lowerBound
        while first < range.upperBound {
            let count = min(chunk, range.upperBound - first)
            let read = try buffer.withUnsafeMutableBytes { raw throws in
                try entries.read(
                    into: UnsafeMutableRawBufferPointer(rebasing: raw[0..<(count * entrySize)]),
                    at: Self.headerSize + first * entrySize)
            }
            let whole = read / entrySize
            buffer.withUnsafeBytes { raw in
                for index in 0..<whole {
                    let entry = UnsafeRawBufferPointer(rebasing: raw[(index * entrySize)...])
                    hashes.insert(TurnIndexRecord.idHash(ofEntry: entry))
                }
            }
            if whole < count { break }
            first += count
        }
        return hashes
    }

    /// Bytes on disk, both files.
    var sizeOnDisk: Int64 { PrivateFiles.size(ofFiles: [codesPath, entriesPath]) }

    // MARK: - Headers

    private func header(magic: [UInt8], recordSize: Int, checkpoint: TurnIndexCheckpoint?) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: Self.headerSize)
        bytes.replaceSubrange(0..<8, with: magic)
        bytes.withUnsafeMutableBytes { raw in
            raw.storeBytes(of: Self.version.littleEndian, toByteOffset: 8, as: UInt32.self)
            raw.storeBytes(of: UInt32(recordSize).littleEndian, toByteOffset: 12, as: UInt32.self)
            raw.storeBytes(of: codecID.littleEndian, toByteOffset: 16, as: UInt64.self)
        }
        if let checkpoint { bytes.replaceSubrange(24..<Self.headerSize, with: Self.checkpointBytes(checkpoint)) }
        return bytes
    }

    /// Bytes 24..<128 of the codes header: store u64, position i64, records u32,
    /// rewalk records u32, flags u8, id length u8, id (64), padding, checksum u64 at 120.
    static func checkpointBytes(_ checkpoint: TurnIndexCheckpoint) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: headerSize - 24)
        let id = Array((checkpoint.cursor.turnID?.rawValue ?? "").utf8)
        bytes.withUnsafeMutableBytes { raw in
            raw.storeBytes(of: checkpoint.store.littleEndian, toByteOffset: 0, as: UInt64.self)
            raw.storeBytes(of: checkpoint.cursor.position.littleEndian, toByteOffset: 8, as: Int64.self)
            raw.storeBytes(of: UInt32(clamping: checkpoint.records).littleEndian, toByteOffset: 16, as: UInt32.self)
            raw.storeBytes(of: UInt32(clamping: checkpoint.rewalkRecords).littleEndian, toByteOffset: 20, as: UInt32.self)
            raw[24] = checkpoint.rewalking ? 1 : 0
            raw[25] = UInt8(id.count)
            for (index, byte) in id.enumerated() { raw[26 + index] = byte }
            raw.storeBytes(of: FNV1a.hash(raw[0..<96]).littleEndian, toByteOffset: 96, as: UInt64.self)
        }
        return bytes
    }

    static func checkpoint(in header: [UInt8]) -> TurnIndexCheckpoint? {
        header.withUnsafeBytes { whole -> TurnIndexCheckpoint? in
            let raw = UnsafeRawBufferPointer(rebasing: whole[24...])
            guard UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 96, as: UInt64.self)) == FNV1a.hash(raw[0..<96])
            else { return nil }
            let length = Int(raw[25])
            guard length <= 64 else { return nil }
            let turnID: TurnID?
            if length == 0 {
                turnID = nil
            } else {
                guard let id = try? TurnID(String(decoding: raw[26..<(26 + length)], as: UTF8.self)) else { return nil }
                turnID = id
            }
            return TurnIndexCheckpoint(
                store: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
                cursor: TurnCursor(position: Int64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: Int64.self)), turnID: turnID),
                records: Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt32.self))),
                rewalking: raw[24] == 1,
                rewalkRecords: Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 20, as: UInt32.self))))
        }
    }

    // MARK: - Locking and opening

    private func locked<T>(_ body: () throws -> T) throws -> T {
        do {
            return try lock.withLock(exclusive: true) { try body() }
        } catch let error as TurnIndexError {
            throw error
        } catch StoreError.busy {
            throw TurnIndexError.busy(path: lock.path)
        } catch {
            throw TurnIndexError.io(path: lock.path, reason: "\(error)")
        }
    }

    private func openBoth() throws -> (OpenFile, OpenFile) {
        guard let codes = try OpenFile(codesPath, create: true), let entries = try OpenFile(entriesPath, create: true) else {
            throw TurnIndexError.io(path: codesPath, reason: "cannot create the file")
        }
        return (codes, entries)
    }
}
