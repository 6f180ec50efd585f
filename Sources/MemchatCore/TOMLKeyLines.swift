import Foundation

/// Where a dotted key is set in a TOML file's text. The TOML parser gives no positions for
/// values, so error messages find the line by hand: a `key =` line under its `[table]`
/// header, a dotted key, or a `[table]` header itself. Keys inside an inline table fall
/// back to the line of their outer key.
public enum TOMLKeyLines {
    public static func line(of name: String, in lines: [Substring]) -> Int? {
        var table = ""
        var fallback: Int?
        for (index, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                guard let close = line.firstIndex(of: "]") else { continue }
                table = normalised(String(line[line.index(after: line.startIndex)..<close]))
                if table == name { return index + 1 }
                continue
            }
            guard let equals = line.firstIndex(of: "="), !line.hasPrefix("#") else { continue }
            let key = normalised(String(line[..<equals]))
            let full = table.isEmpty ? key : table + "." + key
            if full == name { return index + 1 }
            if name.hasPrefix(full + "."), fallback == nil { fallback = index + 1 }
        }
        return fallback
    }

    /// `session . "storage_type"` -> `session.storage_type`.
    private static func normalised(_ key: String) -> String {
        key.split(separator: ".").map {
            $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        }.joined(separator: ".")
    }
}
