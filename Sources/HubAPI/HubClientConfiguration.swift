import Foundation

/// How a ``HubClient`` talks to Docker Hub.
package struct HubClientConfiguration: Sendable {
    /// Scheme, host and port of the API (`https://hub.docker.com`); a path prefix is kept.
    package var baseURL: URL
    /// Requests in flight at once.
    package var concurrency: Int
    /// Deadline of one request, from sending to the last byte of the body.
    package var requestTimeout: Duration
    /// Attempts of one request on a transient failure (5xx, reset, timeout, unreadable body).
    package var maxAttempts: Int
    /// The longest single wait for a rate limit or a back-off.
    package var maxWait: Duration
    /// Total time one request may spend waiting and retrying before the sync gives up.
    package var retryBudget: Duration
    /// The first back-off; later ones double, with full jitter.
    package var initialBackoff: Duration
    /// Largest body accepted for one reply.
    package var maxBodyBytes: Int
    /// The most pages one list may have, whatever its `count` says: a bound on a `next` that never ends.
    package var maxPages: Int
    package var userAgent: String

    package init(
        baseURL: URL,
        concurrency: Int = 8,
        requestTimeout: Duration = .seconds(30),
        maxAttempts: Int = 5,
        maxWait: Duration = .seconds(60),
        retryBudget: Duration = .seconds(300),
        initialBackoff: Duration = .milliseconds(250),
        maxBodyBytes: Int = 32 * 1024 * 1024,
        maxPages: Int = 10_000,
        userAgent: String = "hubsnap"
    ) {
        self.baseURL = baseURL
        self.concurrency = concurrency
        self.requestTimeout = requestTimeout
        self.maxAttempts = maxAttempts
        self.maxWait = maxWait
        self.retryBudget = retryBudget
        self.initialBackoff = initialBackoff
        self.maxBodyBytes = maxBodyBytes
        self.maxPages = maxPages
        self.userAgent = userAgent
    }

    /// Parses and checks an `--api-url` value.
    ///
    /// - Throws: ``APIError/invalidBaseURL(_:)`` unless it is an absolute http(s) URL with a host and no query or
    ///   fragment; ``APIError/credentialsInBaseURL(_:)`` when it holds a user name or password;
    ///   ``APIError/insecureBaseURL(_:)`` for plain http to anything but loopback.
    package static func parseBaseURL(_ text: String) throws -> URL {
        let trimmed = text.hasSuffix("/") ? String(text.dropLast()) : text
        guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty,
            url.query == nil
        else {
            throw APIError.invalidBaseURL(text)
        }
        // A password in the URL would be stored in the snapshot (`api_url`) and printed by `info`.
        guard url.user == nil && url.password == nil else {
            throw APIError.credentialsInBaseURL(redactingUserInfo(trimmed))
        }
        guard url.fragment == nil else {
            throw APIError.invalidBaseURL(text)
        }
        // Secrets and bearer tokens travel on every request: in clear text only to this machine.
        guard scheme == "https" || isLoopback(host) else {
            throw APIError.insecureBaseURL(text)
        }
        return url
    }

    /// `text` with whatever stands between `://` and the last `@` of the authority replaced by `…`.
    static func redactingUserInfo(_ text: String) -> String {
        guard let schemeEnd = text.range(of: "://") else { return "…" }
        let rest = text[schemeEnd.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard let at = authority.lastIndex(of: "@") else { return text }
        return String(text[..<schemeEnd.upperBound]) + "…" + String(text[at...])
    }

    /// `localhost`, 127.0.0.0/8 or `::1`.
    static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if host == "localhost" || host == "::1" { return true }
        let octets = host.split(separator: ".")
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }
}
