import Foundation

/// Enough of a file's identity to notice that it changed since it was read.
package struct FileSignature: Equatable, Sendable {
    let inode: UInt64
    let size: Int64
    let modified: timespec

    package init?(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        modified = info.st_mtim
    }

    package static func == (a: Self, b: Self) -> Bool {
        a.inode == b.inode && a.size == b.size && a.modified.tv_sec == b.modified.tv_sec
            && a.modified.tv_nsec == b.modified.tv_nsec
    }
}
