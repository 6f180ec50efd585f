import Foundation
import MemchatCore
import MemchatStore
import Testing

/// The decoded memory file is kept between calls; these check it is never stale.
@Suite("Memory store cache")
struct MemoryCacheTests {
    @Test func anotherStoresWriteIsSeenAtOnce() async throws {
        let memory = try MemoryFixture()
        let other = try MemoryStore(directory: memory.directory.path, clock: memory.clock)
        let dog = try await memory.add("My dog is called Pixel")
        // Both have read (and cached) the file.
        #expect(try await other.facts(user: memory.ana) == [dog])
        #expect(try await memory.facts() == [dog])

        let cat = try await other.add(user: memory.ana, text: "My cat is called Miso", context: nil).fact
        #expect(try await memory.facts() == [dog, cat])
        let priya = try await memory.store.update(user: memory.ana, id: cat.id, text: "My cat is called Tofu")
        #expect(try await other.facts(user: memory.ana).map(\.text) == ["My dog is called Pixel", "My cat is called Tofu"])
        _ = try await other.forget(user: memory.ana, idOrText: dog.id)
        #expect(try await memory.facts() == [priya])
        _ = try await other.setKind(user: memory.ana, idOrText: priya.id, kind: .standing)
        #expect(try await memory.facts().first?.kind == .standing)
    }

    @Test func aHandEditOfTheSameSizeIsSeen() async throws {
        let memory = try MemoryFixture()
        try await memory.add("My dog is called Pixel")
        #expect(try await memory.facts().first?.text == "My dog is called Pixel")
        // Same length, same inode (written in place, as an editor may): the modification
        // time tells. The kernel stamps it from a clock of a few milliseconds' grain, so
        // the edit comes later than that, as any edit by hand does.
        try await Task.sleep(for: .milliseconds(30))
        let edited = memory.contents(memory.file).replacingOccurrences(of: "Pixel", with: "Rexie")
        let handle = try #require(FileHandle(forWritingAtPath: memory.file))
        try handle.write(contentsOf: Data(edited.utf8))
        try handle.close()
        #expect(try await memory.facts().first?.text == "My dog is called Rexie")
    }

    @Test func aRemovedFileIsEmptyMemoryAndADamagedOneIsRecovered() async throws {
        let memory = try MemoryFixture()
        try await memory.add("My dog is called Pixel")
        try await memory.add("My cat is called Miso")
        #expect(try await memory.facts().count == 2)
        try "{ not json".write(toFile: memory.file, atomically: false, encoding: .utf8)
        // Restored from .bak (the version before the last write).
        #expect(try await memory.facts().map(\.text) == ["My dog is called Pixel"])
        #expect(await memory.store.recoveryReports().count == 1)
        try FileManager.default.removeItem(atPath: memory.file)
        try? FileManager.default.removeItem(atPath: memory.file + ".bak")
        #expect(try await memory.facts().isEmpty)
    }
}
