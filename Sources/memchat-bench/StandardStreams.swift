import Foundation

/// Direct writes to the standard streams, bypassing stdio buffering.
enum StandardStreams {
    /// A progress note on stderr, so stdout stays clean for `--json`.
    static func note(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Writes `line` and a newline straight to file descriptor 1: once this returns, the
    /// reader can see the line even if the process is killed the next instant. Returns
    /// false when stdout is gone (the reader closed its end).
    static func writeLine(_ line: String) -> Bool {
        let bytes = Array((line + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return write(STDOUT_FILENO, base + offset, buffer.count - offset)
            }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }
}
