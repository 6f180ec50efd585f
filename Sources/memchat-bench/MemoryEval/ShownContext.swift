import Foundation
import MemchatCore

/// The output of `memchat ask --show-context`: each message under a `── role ──` line,
/// then `── contextUsed ──` and its JSON (relevant fact ids in the order injected, past
/// turn ids, and the standing facts sent with every request under `standingFacts`).
struct ShownContext {
    var systemPrompt: String
    var used: ContextUsed

    init(parsing output: String) throws {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let headings = lines.indices.filter { lines[$0].hasPrefix("── ") && lines[$0].hasSuffix(" ──") }
        guard let system = headings.first, lines[system] == "── system ──", headings.count >= 2,
              let usedHeading = headings.last, lines[usedHeading] == "── contextUsed ──" else {
            throw BenchError(description: "memchat ask --show-context printed no system prompt or no contextUsed:\n\(output)")
        }
        systemPrompt = lines[(system + 1)..<headings[1]].joined(separator: "\n")
        let json = lines[(usedHeading + 1)...].joined(separator: "\n")
        do {
            used = try JSONDecoder().decode(ContextUsed.self, from: Data(json.utf8))
        } catch {
            throw BenchError(description: "the contextUsed of memchat ask --show-context does not decode: \(error)")
        }
    }
}
