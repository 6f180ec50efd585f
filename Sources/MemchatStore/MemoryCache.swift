import Foundation
import MemchatCore

/// The decoded memory files of one `MemoryStore`, per user, each with the signature
/// (inode, size, modification time to the nanosecond) the file had when it was read.
///
/// Decoding a file of a thousand facts costs milliseconds, and the assembler reads memory
/// before every request. A cached file is used only while the file on disk still has
/// its signature, so another process's write (always a new inode: `DurableFile` renames
/// a new file into place) or a hand edit is read again.
final class MemoryCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [UserName: (signature: FileSignature, file: MemoryFile)] = [:]

    /// The cached file for `user` if the file on disk still has `signature`.
    func file(for user: UserName, signature: FileSignature) -> MemoryFile? {
        lock.withLock {
            guard let entry = entries[user], entry.signature == signature else { return nil }
            return entry.file
        }
    }

    /// Remembers `file` as read (or just written) with `signature`; without one (the file
    /// vanished or cannot be stat'ed) the user's entry is dropped.
    func store(_ file: MemoryFile, signature: FileSignature?, for user: UserName) {
        lock.withLock { entries[user] = signature.map { ($0, file) } }
    }
}
