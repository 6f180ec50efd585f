import Foundation

/// Writing a command's result to a file (`export -o`, `memory export --output`) the way
/// users expect of a backup: all or nothing (written beside the target, flushed, then
/// moved into place, so a failure never leaves half a file), created 0600 since it holds
/// their conversations or memory, and an existing file replaced only when `replacing`.
enum OutputFile {
    /// Runs `body` on a temporary file next to `path` and puts it in place. Without
    /// `replacing`, an existing `path` is a usage error naming `replaceFlag`, checked
    /// before anything is written and again, atomically, when the file is put in place.
    static func write<T>(
        to path: String, replacing: Bool, replaceFlag: String = "--force", _ body: (FileHandle) async throws -> T
    ) async throws -> T {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { throw RuntimeError.io("cannot write \(path): it is a directory") }
            if !replacing { throw alreadyExists(path, replaceFlag) }
        }
        let temporary = "\(path).partial-\(getpid())"
        let descriptor = open(temporary, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw failure(path, errno) }
        fchmod(descriptor, 0o600)
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            let result = try await body(handle)
            try handle.synchronize()
            try handle.close()
            try place(temporary, at: path, replacing: replacing, replaceFlag: replaceFlag)
            return result
        } catch {
            try? handle.close()
            unlink(temporary)
            throw error
        }
    }

    /// `rename` replaces; `link` refuses an existing target, so a file that appeared
    /// meanwhile is not overwritten either.
    private static func place(_ temporary: String, at path: String, replacing: Bool, replaceFlag: String) throws {
        if replacing {
            guard rename(temporary, path) == 0 else { throw failure(path, errno) }
            return
        }
        guard link(temporary, path) == 0 else {
            let code = errno
            throw code == EEXIST ? alreadyExists(path, replaceFlag) : failure(path, code)
        }
        unlink(temporary)
    }

    private static func alreadyExists(_ path: String, _ replaceFlag: String) -> RuntimeError {
        .usage("\(path) already exists; pass \(replaceFlag) to replace it, or choose another file")
    }

    private static func failure(_ path: String, _ code: Int32) -> RuntimeError {
        let directory = (path as NSString).deletingLastPathComponent
        if code == ENOENT, !directory.isEmpty {
            return .io("cannot write \(path): the directory \(directory) does not exist")
        }
        return .io("cannot write \(path): \(String(cString: strerror(code)))")
    }
}
