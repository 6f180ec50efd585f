import Foundation

/// The `memchat` executable built next to this benchmark (same configuration).
enum MemchatBinary {
    static func path() throws -> String {
        let bench = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let executable = ((bench as NSString).deletingLastPathComponent as NSString).appendingPathComponent("memchat")
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw BenchError(description: "no memchat binary next to memchat-bench at \(executable); build both")
        }
        return executable
    }
}
