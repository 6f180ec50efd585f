import Foundation
import Testing

/// `memchat export -o FILE`, which writes through `OutputFile` like `memory export`.
@Suite("memchat export -o")
struct ExportFileCLITests {
    @Test func writesTheFileWholeAndReplacesAnOldOne() async throws {
        let memchat = try MemchatProcess()
        _ = try await memchat.run(["import", MemchatProcess.sampleFile])
        let file = memchat.path("backup.jsonl")
        try "an older backup\n".write(toFile: file, atomically: true, encoding: .utf8)

        let written = try await memchat.run(["export", "-o", file])
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stderr == "memchat: exported 6 sessions to \(file)\n")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == (try await memchat.run(["export"])).stdout)
        #expect(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: memchat.home).filter { $0.contains(".partial") }.isEmpty)
    }

    @Test func aMissingDirectoryIsNamed() async throws {
        let memchat = try MemchatProcess()
        _ = try await memchat.run(["import", MemchatProcess.sampleFile])
        let file = memchat.path("missing/backup.jsonl")
        let refused = try await memchat.run(["export", "--output", file])
        #expect(refused.status == 1)
        #expect(refused.stderr == "memchat: error: cannot write \(file): the directory \(memchat.path("missing")) does not exist\n")
        #expect(!FileManager.default.fileExists(atPath: memchat.path("missing")))
    }
}
