/// The release this build is: what `memchat --version` prints and what the MCP server
/// tells its clients.
public enum MemchatVersion {
    public static let current = "0.13.0"
}
