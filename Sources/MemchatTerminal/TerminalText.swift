/// Text from the store or a model made safe to draw: escape sequences (CSI, OSC), C0 and
/// C1 controls and bidirectional overrides become visible placeholders instead of
/// reaching the terminal, where they could move the cursor, retitle the window or
/// reorder what is shown. Tabs become spaces; newlines are kept for the caller to split.
public enum TerminalText {
    public static func sanitized(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var result = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let scalar = pending {
            pending = scalars.next()
            switch scalar.value {
            case 0x0A: result.append(scalar)
            case 0x09: result.append(contentsOf: "    ".unicodeScalars)
            case 0x1B:
                // ESC [ ... final byte (CSI) or ESC ] ... BEL/ST (OSC): shown as one mark.
                result.append(contentsOf: "␛".unicodeScalars)
                if pending == "[" {
                    pending = scalars.next()
                    while let next = pending, !(0x40...0x7E).contains(next.value) { pending = scalars.next() }
                    pending = scalars.next()
                } else if pending == "]" {
                    pending = scalars.next()
                    while let next = pending, next.value != 0x07, next.value != 0x1B { pending = scalars.next() }
                    if pending?.value == 0x07 { pending = scalars.next() }
                }
            case 0x00...0x1F: result.append(Unicode.Scalar(0x2400 + scalar.value) ?? "�")  // ␀ ... ␟
            case 0x7F: result.append("␡")
            case 0x80...0x9F, 0x202A...0x202E, 0x2066...0x2069: result.append("�")
            default: result.append(scalar)
            }
        }
        return String(result)
    }

    private static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (value < 0x20 && value != 0x0A) || (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value)
            || (0x2066...0x2069).contains(value)
    }
}
