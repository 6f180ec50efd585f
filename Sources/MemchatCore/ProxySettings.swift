import Foundation

/// `HTTPS_PROXY` / `HTTP_PROXY` / `NO_PROXY` as curl reads them, resolved by the CLI from
/// the environment and applied per request URL.
public struct ProxySettings: Sendable, Equatable {
    /// A proxy server: `http://[user:password@]host[:port]`.
    public struct Server: Sendable, Hashable {
        public var host: String
        public var port: Int
        /// Base64-encodable `user:password`, sent as Proxy-Authorization.
        public var credentials: String?

        public init(host: String, port: Int, credentials: String? = nil) {
            self.host = host
            self.port = port
            self.credentials = credentials
        }
    }

    public var https: Server?
    public var http: Server?
    /// Host names (and their subdomains) reached directly; `*` means every host.
    public var noProxy: [String]

    public init(https: Server? = nil, http: Server? = nil, noProxy: [String] = []) {
        self.https = https
        self.http = http
        self.noProxy = noProxy
    }

    /// The hosts of a `NO_PROXY` list: comma-separated, lowercased.
    public static func hosts(_ list: String) -> [String] {
        list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
    }

    /// The proxy to use for `url`, or nil to connect directly.
    public func proxy(for url: URL) -> Server? {
        guard let host = url.host?.lowercased() else { return nil }
        let port = url.port.map(String.init)
        for entry in noProxy {
            if entry == "*" { return nil }
            var pattern = entry
            // "host:port" applies to that port only (a bare IPv6 address has several colons).
            if let colon = pattern.lastIndex(of: ":"), !pattern[..<colon].contains(":"),
               Int(pattern[pattern.index(after: colon)...]) != nil {
                guard String(pattern[pattern.index(after: colon)...]) == port else { continue }
                pattern = String(pattern[..<colon])
            }
            while pattern.hasPrefix("*") || pattern.hasPrefix(".") { pattern.removeFirst() }
            if host == pattern || host.hasSuffix("." + pattern) { return nil }
        }
        return url.scheme == "https" ? https : http
    }

    /// Reads `http://[user:password@]host[:port]` (the scheme may be left out); nil when
    /// the text is not such a URL.
    public static func server(_ text: String) -> Server? {
        let full = text.contains("://") ? text : "http://" + text
        guard let components = URLComponents(string: full), let host = components.host, !host.isEmpty,
              components.scheme == "http" else { return nil }
        let credentials = components.user.map { user in
            "\(user.removingPercentEncoding ?? user):\(components.password?.removingPercentEncoding ?? "")"
        }
        return Server(host: host, port: components.port ?? 80, credentials: credentials)
    }
}
