import Foundation
import Testing

/// `memchat memory export [--format json|markdown] [--output FILE] [--force] [--all]`
/// through the real binary.
@Suite("memchat memory export")
struct MemoryExportCLITests {
    /// Facts in two contexts and globally, one pinned, one replaced by a newer one.
    static func memoryWithFacts() async throws -> (memchat: MemchatProcess, ids: [String: String]) {
        let memchat = try MemchatProcess()
        var ids: [String: String] = [:]
        for (name, arguments) in [
            ("dog", ["my", "dog", "is", "called", "Pixel"]),
            ("acme", ["--context", "work", "--pin", "I", "work", "at", "Acme"]),
            ("units", ["I", "prefer", "metric", "units"]),
            ("novel", ["--context", "creative", "--kind", "other", "my", "novel", "is", "set", "in", "Porto"]),
            ("garden", ["--context", "garden-club", "the", "roses", "need", "pruning"]),
        ] {
            let added = try await memchat.run(["memory", "add"] + arguments)
            #expect(added.status == 0, "\(added.stderr)")
            ids[name] = MemoryCLITests.id(in: added.stdout)
        }
        return (memchat, ids)
    }

    @Test func jsonHasTheMemoryFileLayoutAndTheFactsOfMemoryList() async throws {
        let (memchat, _) = try await Self.memoryWithFacts()
        let exported = try await memchat.run(["memory", "export"])
        #expect(exported.status == 0, "\(exported.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(exported.stdout.utf8)) as? [String: Any])
        #expect(document.keys.sorted() == ["facts", "user"])
        #expect(document["user"] as? String == "ana")
        let facts = try #require(document["facts"] as? [[String: Any]])
        #expect(facts.count == 5)

        // The same facts, field for field, as `memory list --json` prints them.
        let listed = try await memchat.run(["memory", "list", "--json"])
        let listedFacts = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        #expect(NSArray(array: facts).isEqual(to: listedFacts))
        #expect(facts.allSatisfy { $0["kind"] is String && $0["id"] is String && $0["created_at"] is String })
        #expect(try await memchat.run(["memory", "export", "--format", "json"]).stdout == exported.stdout)
    }

    @Test func markdownGroupsFactsByContextGlobalFirst() async throws {
        let (memchat, ids) = try await Self.memoryWithFacts()
        let exported = try await memchat.run(["memory", "export", "--format", "markdown"])
        #expect(exported.status == 0, "\(exported.stderr)")
        let dog = try #require(ids["dog"]), acme = try #require(ids["acme"]), units = try #require(ids["units"])
        let novel = try #require(ids["novel"]), garden = try #require(ids["garden"])
        #expect(exported.stdout == """
            # Memory of ana

            5 facts.

            ## global

            - my dog is called Pixel (other · id \(dog))
            - I prefer metric units (standing · id \(units))

            ## work

            - I work at Acme (other · pinned · id \(acme))

            ## creative

            - my novel is set in Porto (other · id \(novel))

            ## garden-club

            - the roses need pruning (other · id \(garden))

            """)

        let empty = try await memchat.run(["memory", "export", "--format", "markdown"], environment: ["MEMCHAT_USER": "bo"])
        #expect(empty.stdout == "# Memory of bo\n\nNo memory facts.\n")
    }

    @Test func replacedFactsOnlyWithAll() async throws {
        let memchat = try MemchatProcess()
        _ = try await memchat.run(["ask", "--provider", "echo", "--new", "my manager is Tom"])
        _ = try await memchat.run(["ask", "--provider", "echo", "--new", "my manager is Priya"])
        let current = try await memchat.run(["memory", "export", "--format", "markdown"])
        #expect(current.stdout.contains("1 facts.\n\n## general\n\n- My manager is Priya. ("))
        #expect(!current.stdout.contains("Tom"))
        let all = try await memchat.run(["memory", "export", "--format", "markdown", "--all"])
        let tom = try #require(all.stdout.split(separator: "\n").first { $0.hasPrefix("- My manager is Tom. (") })
        let priya = try #require(all.stdout.split(separator: "\n").first { $0.hasPrefix("- My manager is Priya. (") })
        let priyaID = try #require(priya.split(separator: " ").last?.dropLast())
        #expect(tom.contains(" · replaced by \(priyaID) · id "))
        #expect(try await memchat.run(["memory", "export"]).stdout.components(separatedBy: "\"superseded_by\"").count == 1)
        #expect(try await memchat.run(["memory", "export", "--all"]).stdout.components(separatedBy: "\"superseded_by\"").count == 2)
    }

    @Test func outputFileIsWrittenWholeAndNotReplacedWithoutForce() async throws {
        let (memchat, ids) = try await Self.memoryWithFacts()
        let file = memchat.path("memory.md")
        let written = try await memchat.run(["memory", "export", "--format", "markdown", "--output", file])
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stdout.isEmpty)
        #expect(written.stderr == "memchat: exported 5 memory facts to \(file)\n")
        let markdown = try String(contentsOfFile: file, encoding: .utf8)
        #expect(markdown == (try await memchat.run(["memory", "export", "--format", "markdown"])).stdout)
        #expect(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int == 0o600)

        _ = try await memchat.run(["memory", "forget", try #require(ids["dog"])])
        let refused = try await memchat.run(["memory", "export", "--format", "markdown", "-o", file])
        #expect(refused.status == 2)
        #expect(refused.stderr == "memchat: error: \(file) already exists; pass --force to replace it, or choose another file\n")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == markdown)

        let replaced = try await memchat.run(["memory", "export", "--format", "markdown", "-o", file, "--force"])
        #expect(replaced.status == 0)
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains("4 facts."))
        #expect(try FileManager.default.contentsOfDirectory(atPath: memchat.home).filter { $0.contains(".partial") }.isEmpty)
    }

    @Test func failuresSayWhatAndWhereAndLeaveNothingBehind() async throws {
        let (memchat, _) = try await Self.memoryWithFacts()
        let before = DataDirectorySnapshot(memchat.dataDirectory)

        let nowhere = memchat.path("no/such/dir/memory.json")
        let missingDirectory = try await memchat.run(["memory", "export", "--output", nowhere])
        #expect(missingDirectory.status == 1)
        #expect(missingDirectory.stderr == "memchat: error: cannot write \(nowhere): the directory \(memchat.path("no/such/dir")) does not exist\n")

        let directory = try await memchat.run(["memory", "export", "--output", memchat.dataDirectory, "--force"])
        #expect(directory.status == 1)
        #expect(directory.stderr.contains("cannot write \(memchat.dataDirectory): it is a directory"))

        let badFormat = try await memchat.run(["memory", "export", "--format", "yaml"])
        #expect(badFormat.status == 2)
        #expect(badFormat.stderr.contains("The value 'yaml' is invalid for '--format <format>'. Please provide one of 'json' and 'markdown'."))

        let forceAlone = try await memchat.run(["memory", "export", "--force"])
        #expect(forceAlone.status == 2)
        #expect(forceAlone.stderr.contains("--force replaces an --output file; give --output FILE"))

        #expect(DataDirectorySnapshot(memchat.dataDirectory) == before)
        #expect(!FileManager.default.fileExists(atPath: memchat.path("no")))
    }
}
