import Hummingbird

/// The rate-limit window as one response reports it.
struct RateLimitStatus: Sendable {
    var limit: Int
    var remaining: Int
    /// Unix time at which the current window ends.
    var reset: Int
    /// The `Retry-After` value (seconds, or a unix time); set only on a 429.
    var retryAfter: Int?

    /// Adds `X-RateLimit-*` (and `Retry-After` on a 429) to the headers.
    func apply(to headers: inout HTTPFields, limitHeaders: Bool = true) {
        if limitHeaders {
            headers.setCustom("X-RateLimit-Limit", String(limit))
            headers.setCustom("X-RateLimit-Remaining", String(remaining))
            headers.setCustom("X-RateLimit-Reset", String(reset))
        }
        if let retryAfter {
            headers[.retryAfter] = String(retryAfter)
        }
    }
}

extension HTTPFields {
    /// Sets a header whose name is not one of HTTPTypes' predefined names.
    mutating func setCustom(_ name: String, _ value: String) {
        if let fieldName = Element.Name(name) {
            self[fieldName] = value
        }
    }
}
