import Foundation

/// The bound on every tool result. A client puts a result into the model's context, so
/// no call may return a whole store: a page holds what fits in `characterLimit`
/// characters of JSON, and the rest is one `next_cursor` away.
enum ResultSize {
    /// About 6,000 tokens.
    static let characterLimit = 24_000
    /// A single turn or fact text longer than this is cut (and marked so) to leave room
    /// for the rest of its page.
    static let textLimit = 16_000
    /// Room for a page's own fields around its items.
    static let envelope = 2_000

    /// Items of a page, added while their size (their JSON, unless told otherwise) fits
    /// in the limit.
    struct Page<Item> {
        private(set) var items: [Item] = []
        private var used: Int
        private let limit: Int

        init(reserving reserved: Int = 0, limit: Int = ResultSize.characterLimit) {
            used = ResultSize.envelope + reserved
            self.limit = limit
        }

        /// Adds `item`, which takes `size` characters, when it fits; the first item of a
        /// page always goes in (its long texts are cut beforehand), so a page is never
        /// empty while there are items.
        mutating func add(_ item: Item, size: Int) -> Bool {
            guard items.isEmpty || used + size <= limit else { return false }
            used += size
            items.append(item)
            return true
        }

    }

    /// `text` cut to `limit` characters, and whether it was.
    static func cut(_ text: String, to limit: Int = textLimit) -> (text: String, truncated: Bool) {
        guard text.count > limit else { return (text, false) }
        return (String(text.prefix(limit)), true)
    }
}

extension ResultSize.Page where Item: Encodable {
    /// Adds `item` when its JSON fits.
    mutating func add(_ item: Item) -> Bool {
        add(item, size: ToolOutput.characters(item))
    }

    /// Adds items in order until one does not fit.
    mutating func fill<Items: Sequence>(_ more: Items) where Items.Element == Item {
        for item in more {
            guard add(item) else { return }
        }
    }
}
