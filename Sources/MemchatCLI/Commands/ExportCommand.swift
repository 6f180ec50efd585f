import ArgumentParser
import Foundation
import MemchatCore
import MemchatStore

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration.withGlobalOptions(
        commandName: "export",
        abstract: "Export sessions with all their turns as JSONL (stdout, or -o FILE).",
        discussion: "The output imports back losslessly with `memchat import`.")

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @OptionGroup var scope: ScopeOptions

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write to this file (created 0600) instead of stdout.", valueName: "file"))
    var outputFile: String?

    func run() async throws {
        let runtime = try await Runtime.open(global)
        // The export must carry each turn's own context (an older store's first run).
        try await runtime.store.completePendingMaintenance()
        let exporter = JSONLExporter(store: runtime.store)
        let scope = scope.scope(runtime.configuration)
        guard let outputFile else {
            try await exporter.export(scope: scope) { Console.out($0) }
            return
        }
        // An existing file is replaced, as this command always has.
        let count = try await OutputFile.write(to: outputFile, replacing: true) { handle in
            try await exporter.export(scope: scope) { line in
                try handle.write(contentsOf: Data((line + "\n").utf8))
            }
        }
        Console.notice("exported \(count) sessions to \(outputFile)")
    }
}
