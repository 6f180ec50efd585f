import ArgumentParser
import Foundation
import MemchatCore
import MemchatStore

/// `memchat memory export`: the user's memory facts in a file of their own, as JSON to
/// keep or process, or as Markdown to read.
struct MemoryExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration.withGlobalOptions(
        commandName: "export",
        abstract: "Export your memory facts as JSON or Markdown (stdout, or --output FILE).",
        discussion: """
            JSON has the layout of memory_<user>.json (docs/memory.md): {"facts": [...], \
            "user": ...}, each fact as `memchat memory list --json` prints it. Markdown lists \
            the facts by context, global first, each with its kind and id. --output writes \
            the file whole or not at all (created 0600) and does not replace an existing \
            file unless --force.
            """)

    enum Format: String, CaseIterable, ExpressibleByArgument {
        case json
        case markdown
    }

    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    @Option(help: ArgumentHelp("What to write.", valueName: "format"))
    var format: Format = .json

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file"))
    var outputFile: String?

    @Flag(help: "Replace the --output file if it exists.")
    var force = false

    @Flag(help: "Also export facts that newer ones replaced.")
    var all = false

    func validate() throws {
        if force, outputFile == nil { throw ValidationError("--force replaces an --output file; give --output FILE") }
    }

    func run() async throws {
        let (user, facts) = try await MemoryCommand.kindedFacts(global, context: nil, includeSuperseded: all)
        let text = switch format {
        case .json: try MemoryDocument.json(user: user, facts: facts)
        case .markdown: MemoryDocument.markdown(user: user, facts: facts)
        }
        guard let outputFile else {
            Console.out(text)
            return
        }
        try await OutputFile.write(to: outputFile, replacing: force) { handle in
            try handle.write(contentsOf: Data((text + "\n").utf8))
        }
        Console.notice("exported \(facts.count) memory facts to \(outputFile)")
    }
}
