import Foundation
import MemchatCore

/// Long-term memory: one `memory_<user>.json` per user in the data directory, the only
/// home of memory facts for both session backends.
///
/// A user has tens to a few thousand facts, so each operation works on the whole file in
/// memory, decoded once and kept while the file is unchanged (`MemoryCache`). Writes hold the directory lock exclusively from read to write (two
/// processes adding at once lose nothing) and replace the file atomically with a `.bak`
/// of the previous version (`DurableFile`). Reads of a healthy file share the lock; a
/// damaged file is restored from `.bak` or moved aside under the exclusive lock, and
/// reported through `recoveryReports()`.
public final class MemoryStore: Sendable {
    public let directory: String
    private let clock: any MemchatClock
    private let lock: DirectoryLock
    private let ids = IDGenerator()
    private let reports = ReportLog()
    private let cache = MemoryCache()
    /// Set for `temporary()` stores, whose directory goes away with them.
    private let removesDirectory: Bool

    public convenience init(
        directory: String, clock: any MemchatClock = SystemClock(),
        lockTimeout: TimeInterval = SQLiteStore.defaultLockTimeout
    ) throws {
        try self.init(directory: directory, clock: clock, lockTimeout: lockTimeout, removesDirectory: false)
    }

    private init(directory: String, clock: any MemchatClock, lockTimeout: TimeInterval, removesDirectory: Bool) throws {
        try PrivateFiles.prepareDirectory(directory)
        self.directory = directory
        self.clock = clock
        self.removesDirectory = removesDirectory
        lock = DirectoryLock(directory: directory, timeout: lockTimeout)
    }

    /// A store in a new temporary directory that is removed when the store is released:
    /// memory for a run with persistence disabled.
    public static func temporary(clock: any MemchatClock = SystemClock()) throws -> MemoryStore {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("memchat-memory-\(UUID().uuidString)").path
        return try MemoryStore(
            directory: directory, clock: clock, lockTimeout: SQLiteStore.defaultLockTimeout, removesDirectory: true)
    }

    deinit {
        if removesDirectory { try? FileManager.default.removeItem(atPath: directory) }
    }

    public func path(for user: UserName) -> String {
        (directory as NSString).appendingPathComponent(MemoryFile.name(for: user))
    }

    /// Where the engine keeps the sentence vectors of the user's facts: a cache beside
    /// the memory file, deleted whenever a fact is forgotten.
    public func vectorsPath(for user: UserName) -> String {
        (directory as NSString).appendingPathComponent("memory_\(user.rawValue).vectors")
    }

    /// Damaged files found and repaired since the last call, for the caller to show.
    public func recoveryReports() async -> [DurableFile.Report] {
        reports.drain()
    }

    // MARK: - Reading

    /// The user's facts in file order (oldest first). With a context: that context's
    /// facts and the global ones; without: all of them. Superseded facts only on request.
    public func facts(user: UserName, context: Context? = nil, includeSuperseded: Bool = false) async throws -> [MemoryFact] {
        try snapshot(user).facts.filter { fact in
            (includeSuperseded || fact.isActive) && (context.map(fact.applies) ?? true)
        }
    }

    /// The current facts that bear on `query`, best first (see `MemoryRanking`).
    public func relevant(user: UserName, query: String, context: Context?, limit: Int) async throws -> [MemoryFact] {
        MemoryRanking.rank(try await facts(user: user, context: context), for: query, limit: limit)
    }

    // MARK: - Writing

    /// Remembers `text` in `context` (nil: in every context). A current fact of that
    /// context with the same normalised text (`MemoryFact.normalized`) is not duplicated:
    /// it is returned, marked as stated again (`updatedAt`), with `isNew` false.
    /// A new fact gets `kind` (nil: classified from its text when read); a fact said
    /// again keeps the kind it has, which may be the user's own choice (`setKind`).
    public func add(
        user: UserName, text: String, context: Context?, source: MemoryFact.Source = .explicit, pinned: Bool = false,
        kind: MemoryFact.Kind? = nil
    ) async throws -> (fact: MemoryFact, isNew: Bool) {
        let text = try Self.checked(text)
        return try modify(user) { facts, now in
            if let index = Self.currentFact(saying: text, in: context, among: facts) {
                facts[index].updatedAt = now
                facts[index].pinned = facts[index].pinned || pinned
                return (facts[index], false)
            }
            let fact = MemoryFact(
                id: newID(among: facts), userID: user, context: context, text: text, source: source,
                createdAt: now, pinned: pinned, kind: kind)
            facts.append(fact)
            return (fact, true)
        }
    }

    /// Replaces a current fact with a new one about the same thing and returns the new
    /// one. The old fact stays, marked `supersededAt`/`supersededBy`; the new one keeps
    /// its context and pin. Rewording the same fact (case, spacing, final punctuation)
    /// corrects it in place instead; when another current fact already says the new
    /// text, the old fact is superseded by that one. A new fact gets `kind`, else the old
    /// fact's.
    public func update(
        user: UserName, id: String, text: String, source: MemoryFact.Source = .explicit, kind: MemoryFact.Kind? = nil
    ) async throws -> MemoryFact {
        let text = try Self.checked(text)
        return try modify(user) { facts, now in
            guard let index = facts.firstIndex(where: { $0.id == id }) else { throw MemoryError.factNotFound(id: id) }
            let old = facts[index]
            guard old.isActive else { throw MemoryError.alreadySuperseded(id: id, by: old.supersededBy) }
            if MemoryFact.normalized(old.text) == MemoryFact.normalized(text) {
                facts[index].text = text
                facts[index].updatedAt = now
                return facts[index]
            }
            let replacement: MemoryFact
            if let existing = Self.currentFact(saying: text, in: old.context, among: facts) {
                facts[existing].updatedAt = now
                facts[existing].pinned = facts[existing].pinned || old.pinned
                replacement = facts[existing]
            } else {
                replacement = MemoryFact(
                    id: newID(among: facts), userID: user, context: old.context, text: text, source: source,
                    createdAt: now, pinned: old.pinned, kind: kind ?? old.kind)
                facts.append(replacement)
            }
            facts[index].supersededAt = now
            facts[index].supersededBy = replacement.id
            return replacement
        }
    }

    /// Sets the kind of one fact and returns it: the fact with id `idOrText` (current or
    /// not), else the current fact saying that text or, failing that, the one containing
    /// it, as `forget` finds facts (several: an `ambiguous` error listing their ids). The
    /// rest of the fact, its dates included, is left as it was.
    public func setKind(user: UserName, idOrText: String, kind: MemoryFact.Kind) async throws -> MemoryFact {
        try modify(user) { facts, _ in
            let found = try Self.targets(of: idOrText, among: facts)
            let chosen = found.count == 1 ? found : found.filter(\.isActive)
            guard chosen.count <= 1 else { throw MemoryError.ambiguous(idOrText, ids: chosen.map(\.id)) }
            guard let target = chosen.first, let index = facts.firstIndex(where: { $0.id == target.id }) else {
                throw MemoryError.noMatch(idOrText)
            }
            facts[index].kind = kind
            return facts[index]
        }
    }

    /// Removes facts for good and returns them: the fact with id `idOrText`, else every
    /// fact (in any context, current or superseded) whose normalised text is
    /// `idOrText`'s, else the one current fact whose text contains it (several: an
    /// `ambiguous` error listing their ids). The earlier versions a removed fact
    /// superseded go with it. The file is then written twice, so its `.bak` no longer
    /// holds the forgotten text either, and the vector cache is deleted.
    public func forget(user: UserName, idOrText: String) async throws -> [MemoryFact] {
        try modify(user, overwriteBackup: true) { facts, _ in
            let removed = Self.withEarlierVersions(Set(try Self.targets(of: idOrText, among: facts).map(\.id)), among: facts)
            let forgotten = facts.filter { removed.contains($0.id) }
            facts.removeAll { removed.contains($0.id) }
            // Nothing derived from a forgotten fact stays behind either.
            unlink(vectorsPath(for: user))
            return forgotten
        }
    }

    // MARK: - Rules

    /// The text as it will be stored, refused when empty or too long.
    private static func checked(_ text: String) throws -> String {
        let cleaned = MemoryFact.cleaned(text)
        guard !cleaned.isEmpty else { throw MemoryError.emptyText }
        guard cleaned.count <= MemoryFact.maxTextLength else {
            throw MemoryError.textTooLong(length: cleaned.count, limit: MemoryFact.maxTextLength)
        }
        return cleaned
    }

    /// The current fact of exactly `context` that says `text`, by normalised text.
    private static func currentFact(saying text: String, in context: Context?, among facts: [MemoryFact]) -> Int? {
        let key = MemoryFact.normalized(text)
        return facts.firstIndex { $0.isActive && $0.context == context && MemoryFact.normalized($0.text) == key }
    }

    /// What `forget` removes before earlier versions are added (see there).
    private static func targets(of idOrText: String, among facts: [MemoryFact]) throws -> [MemoryFact] {
        let id = idOrText.trimmingCharacters(in: .whitespacesAndNewlines)
        if let fact = facts.first(where: { $0.id == id }) { return [fact] }
        let key = MemoryFact.normalized(idOrText)
        guard !key.isEmpty else { throw MemoryError.emptyText }
        let sameText = facts.filter { MemoryFact.normalized($0.text) == key }
        if !sameText.isEmpty { return sameText }
        let containing = facts.filter { $0.isActive && MemoryFact.normalized($0.text).contains(key) }
        guard containing.count <= 1 else { throw MemoryError.ambiguous(idOrText, ids: containing.map(\.id)) }
        guard !containing.isEmpty else { throw MemoryError.noMatch(idOrText) }
        return containing
    }

    /// `ids` and the facts they superseded, and those they superseded, and so on.
    private static func withEarlierVersions(_ ids: Set<String>, among facts: [MemoryFact]) -> Set<String> {
        var all = ids
        var added = ids
        while !added.isEmpty {
            added = Set(facts.filter { $0.supersededBy.map(added.contains) == true }.map(\.id)).subtracting(all)
            all.formUnion(added)
        }
        return all
    }

    private func newID(among facts: [MemoryFact]) -> String {
        let taken = Set(facts.map(\.id))
        var id = ids.shortID()
        while taken.contains(id) { id = ids.shortID() }
        return id
    }

    // MARK: - Files

    /// The user's memory for reading. A healthy (or missing) file is read under the
    /// shared lock, or taken from the cache while its signature is unchanged; anything
    /// else goes to `load` under the exclusive lock, so two readers never repair one
    /// file at once.
    private func snapshot(_ user: UserName) throws -> MemoryFile {
        let path = path(for: user)
        let healthy: MemoryFile? = try lock.withLock(exclusive: false) {
            // The signature is taken before reading: a change after it only makes the
            // next call read again.
            guard let signature = FileSignature(path) else {
                return FileManager.default.fileExists(atPath: path) ? nil : MemoryFile(user: user)
            }
            if let cached = cache.file(for: user, signature: signature) { return cached }
            guard let data = FileManager.default.contents(atPath: path),
                  let file = try? JSONDecoder().decode(MemoryFile.self, from: data)
            else { return nil }
            cache.store(file, signature: signature, for: user)
            return file
        }
        if let healthy { return try owned(healthy, by: user) }
        return try lock.withLock(exclusive: true) { try load(user) }
    }

    /// Reads the file (or takes it from the cache while unchanged), restoring it from
    /// `.bak` or moving it aside when damaged; call with the exclusive lock held.
    private func load(_ user: UserName) throws -> MemoryFile {
        let path = path(for: user)
        if let signature = FileSignature(path), let cached = cache.file(for: user, signature: signature) {
            return try owned(cached, by: user)
        }
        var found: [DurableFile.Report] = []
        defer { reports.append(found) }
        let file = try DurableFile.read(MemoryFile.self, from: path, reports: &found, now: clock.now())
        // Signed after reading: a restore from `.bak` replaces the file first.
        if let file { cache.store(file, signature: FileSignature(path), for: user) }
        return try owned(file ?? MemoryFile(user: user), by: user)
    }

    private func owned(_ file: MemoryFile, by user: UserName) throws -> MemoryFile {
        guard file.user == user else { throw MemoryError.foreignFile(path: path(for: user), owner: file.user, expected: user) }
        return file
    }

    /// Runs `change` on the user's facts and writes the result, all under the exclusive
    /// lock; nothing is written when `change` throws. `overwriteBackup` writes twice so
    /// the `.bak` holds the new contents too.
    private func modify<T>(
        _ user: UserName, overwriteBackup: Bool = false, _ change: (inout [MemoryFact], Date) throws -> T
    ) throws -> T {
        try lock.withLock(exclusive: true) {
            var file = try load(user)
            let result = try change(&file.facts, clock.now())
            let path = path(for: user)
            let data: Data
            do {
                data = try MemoryFile.encoder.encode(file)
            } catch {
                throw StoreError.io(path: path, reason: "cannot encode the memory file (\(error))")
            }
            // Dropped first, so a failed write never leaves the cache ahead of the file.
            cache.store(file, signature: nil, for: user)
            for _ in 0..<(overwriteBackup ? 2 : 1) { try DurableFile.write(data, to: path) }
            cache.store(file, signature: FileSignature(path), for: user)
            return result
        }
    }
}

/// Recovery reports gathered by concurrent operations until someone collects them.
private final class ReportLog: @unchecked Sendable {
    private let lock = NSLock()
    private var reports: [DurableFile.Report] = []

    func append(_ found: [DurableFile.Report]) {
        guard !found.isEmpty else { return }
        lock.withLock { reports += found }
    }

    func drain() -> [DurableFile.Report] {
        lock.withLock {
            defer { reports.removeAll() }
            return reports
        }
    }
}
