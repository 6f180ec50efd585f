import Foundation

/// Files and directories only their owner can read: the data directory is 0700 and
/// every file in it 0600, whatever the umask.
public enum PrivateFiles {
    /// Creates the directory (and parents) if needed and sets it to 0700.
    public static func prepareDirectory(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: path)
        } catch {
            throw StoreError.io(path: path, reason: "cannot create the directory (\(error.localizedDescription))")
        }
    }

    /// Creates an empty 0600 file unless one exists; its directory is prepared first.
    public static func createFileIfMissing(_ path: String) throws {
        try prepareDirectory((path as NSString).deletingLastPathComponent)
        let fd = Foundation.open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw StoreError.io(path: path, reason: "cannot create the file (\(String(cString: strerror(errno))))")
        }
        fchmod(fd, 0o600)
        close(fd)
    }

    /// Total size of the files that exist among `paths`.
    public static func size(ofFiles paths: [String]) -> Int64 {
        paths.reduce(0) { total, path in
            var info = stat()
            return stat(path, &info) == 0 ? total + Int64(info.st_size) : total
        }
    }
}
