import Foundation

/// A fresh directory under the system's temporary directory, removed with everything in
/// it when the value is released: at the end of the test that holds it, also when the
/// test fails or throws, so that test runs leave nothing behind.
public final class TemporaryDirectory: @unchecked Sendable {
    public let path: String

    /// `prefix` names the directory (`memchat-cli-…`), for whoever finds one left by a
    /// killed run.
    public init(prefix: String = "memchat-tests") throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    public func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
