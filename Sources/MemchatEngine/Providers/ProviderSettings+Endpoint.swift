import Foundation
import MemchatCore

extension ProviderSettings {
    /// `baseURL` joined with an API path, tolerating a trailing slash and a host given
    /// without a scheme (`OLLAMA_HOST=localhost:11434`).
    public func endpoint(_ path: String) throws -> URL {
        var base = baseURL.trimmingCharacters(in: .whitespaces)
        if !base.contains("://") { base = "http://" + base }
        while base.hasSuffix("/") { base.removeLast() }
        guard let url = URL(string: base + path), let scheme = url.scheme, ["http", "https"].contains(scheme),
              url.host?.isEmpty == false else {
            throw ProviderError.badBaseURL(kind, baseURL)
        }
        return url
    }
}
