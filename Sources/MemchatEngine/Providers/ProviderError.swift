import Foundation
import MemchatCore

/// Why a provider could not answer, worded for the person at the keyboard: what went
/// wrong, where, and what to do about it. API keys never appear in these messages.
public enum ProviderError: Error, Equatable, CustomStringConvertible {
    /// 401/403: the key was refused or is missing.
    case unauthorized(ProviderKind, status: Int, message: String)
    /// 429 after the allowed retries.
    case rateLimited(ProviderKind, retryAfter: Double?, message: String)
    /// Any other non-2xx status (5xx after the allowed retries).
    case http(ProviderKind, status: Int, message: String)
    /// The server could not be reached.
    case connection(ProviderKind, url: String, reason: String)
    /// The connection broke while the answer streamed.
    case connectionLost(ProviderKind, reason: String)
    /// No bytes arrived within the timeout.
    case timedOut(ProviderKind, seconds: Double)
    /// The stream held something that is not the provider's format.
    case malformedStream(ProviderKind, detail: String)
    /// The provider reported an error inside the stream.
    case streamError(ProviderKind, message: String)
    /// The stream ended before the answer said it was finished.
    case incomplete(ProviderKind)
    case badBaseURL(ProviderKind, String)
    case missingKey(ProviderKind)

    public var description: String {
        switch self {
        case .unauthorized(let kind, let status, let message):
            let fix = kind.keyVariable.map { "check \($0)" } ?? "check the server's access settings"
            return "\(kind) refused the request (\(HTTPStatusText.describe(status)))\(Self.detail(message)); \(fix)"
        case .rateLimited(let kind, let retryAfter, let message):
            let wait = retryAfter.map { "; it asks to wait \(Self.seconds($0))" } ?? ""
            return "\(kind) is rate limiting requests (429)\(Self.detail(message))\(wait); try again later"
        case .http(let kind, let status, let message):
            let fix = status == 404
                ? "; check the model name and \(kind.baseURLVariable ?? "the base URL")"
                : status >= 500 ? "; the server failed, try again later" : ""
            return "\(kind) answered \(HTTPStatusText.describe(status))\(Self.detail(message))\(fix)"
        case .connection(let kind, let url, let reason):
            let fix = kind.baseURLVariable.map { "; check that the server runs, or set \($0)" } ?? ""
            return "cannot reach \(kind) at \(url): \(reason)\(fix)"
        case .connectionLost(let kind, let reason):
            return "the connection to \(kind) broke while the answer streamed (\(reason)); what arrived is kept"
        case .timedOut(let kind, let seconds):
            return "\(kind) sent nothing for \(Self.seconds(seconds)); raise providers.\(kind).timeout_seconds in config.toml if the model is slow"
        case .malformedStream(let kind, let detail):
            return "\(kind) sent a stream memchat cannot read: \(detail)"
        case .streamError(let kind, let message):
            return "\(kind) reported an error while answering: \(message)"
        case .incomplete(let kind):
            return "\(kind) closed the stream before the answer was finished"
        case .badBaseURL(let kind, let url):
            return "'\(url)' is not an http or https URL for \(kind); set \(kind.baseURLVariable ?? "the base URL") to e.g. \(kind.defaultBaseURL)"
        case .missingKey(let kind):
            return "\(kind) needs an API key; set \(kind.keyVariable ?? "its key")"
        }
    }

    /// Worth trying again after a pause: rate limits and server failures.
    var isRetryable: Bool {
        switch self {
        case .rateLimited: return true
        case .http(_, let status, _): return status >= 500
        default: return false
        }
    }

    private static func detail(_ message: String) -> String {
        message.isEmpty ? "" : ": \(message)"
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }
}

/// Reason phrases for the statuses providers answer with.
enum HTTPStatusText {
    /// "429 Too Many Requests", or just the number for a status without a common phrase.
    static func describe(_ status: Int) -> String {
        let phrase = phrase(status)
        return phrase.isEmpty ? String(status) : "\(status) \(phrase)"
    }

    static func phrase(_ status: Int) -> String {
        switch status {
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 408: return "Request Timeout"
        case 413: return "Payload Too Large"
        case 422: return "Unprocessable Entity"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        case 529: return "Overloaded"
        default: return ""
        }
    }
}
