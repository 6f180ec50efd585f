import Foundation

/// Where the next page of a paged tool starts, handed to the client as an opaque string.
/// It names the tool and the arguments it was made for, so a cursor passed to another
/// tool, or with other arguments, is refused instead of paging something else.
struct Cursor: Codable, Equatable {
    var tool: String
    /// The other arguments of the call, e.g. the session id or the query.
    var call: String
    /// An offset into a listing, or the seq a transcript page ends before or after.
    var position: Int

    var encoded: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = (try? encoder.encode(self)) ?? Data()
        return data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The position of `text` when it is a cursor of `tool` for `call`; nil without one.
    static func position(_ text: String?, tool: String, call: String) throws(ToolError) -> Int? {
        guard let text else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64),
              let cursor = try? JSONDecoder().decode(Cursor.self, from: data),
              cursor.tool == tool, cursor.call == call, cursor.position >= 0
        else { throw .badCursor(tool: tool) }
        return cursor.position
    }
}
