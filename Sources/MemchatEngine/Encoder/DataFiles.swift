import Foundation

/// Where the files memchat ships under `data/` are found at run time, first match wins:
/// 1. `FOLDER/` next to the executable (an installed or copied binary),
/// 2. `../share/memchat/FOLDER/` beside the executable's directory (a prefix install),
/// 3. the package's own `data/FOLDER/`, found from this source file's path
///    (`swift run memchat`, `swift test`, any binary built from a checkout).
///
/// SwiftPM resources are not used: a target's resources must lie inside its source folder,
/// and the files belong under `data/` with their licence and README.
enum DataFiles {
    static func candidates(_ folder: String) -> [URL] {
        var urls: [URL] = []
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            let directory = executable.deletingLastPathComponent()
            urls.append(directory.appendingPathComponent(folder))
            urls.append(directory.deletingLastPathComponent().appendingPathComponent("share/memchat/" + folder))
        }
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // Encoder
            .deletingLastPathComponent()  // MemchatEngine
            .deletingLastPathComponent()  // Sources
            .deletingLastPathComponent()
        urls.append(packageRoot.appendingPathComponent("data/" + folder))
        return urls
    }

    /// The first candidate folder holding `file`, or nil and the folders searched.
    static func locate(_ file: String, in folder: String) -> (found: URL?, searched: [URL]) {
        let candidates = candidates(folder)
        let found = candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent(file).path) }
        return (found?.appendingPathComponent(file), candidates)
    }
}
