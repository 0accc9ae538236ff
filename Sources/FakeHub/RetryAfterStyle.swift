/// How a 429 from FakeHub's rate limiter states when to come back in `Retry-After`.
package enum RetryAfterStyle: String, Sendable, CaseIterable {
    /// Seconds until the window ends (at least 1), as Docker Hub documents.
    case seconds
    /// The unix time the window ends, equal to `X-RateLimit-Reset`, as the real Hub answered in May 2025
    /// (hub-feedback #2459).
    case unixTime
    /// Alternates per 429, starting with ``seconds``, then ``unixTime``.
    case mixed
}
