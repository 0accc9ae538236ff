import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// A read-only Docker Hub client: one authenticated session, bounded concurrency, retries, and paging.
///
/// Create one with ``withClient(configuration:credentials:logger:_:)``; it owns its HTTP client for the
/// duration of the closure.
package final class HubClient: Sendable {
    package let configuration: HubClientConfiguration
    package let credentials: Credentials
    let http: HTTPClient
    let logger: Logger
    let session = SessionState()
    let limiter: AsyncSemaphore
    /// Applied to every error and log line that carries text from the server.
    let redact: Redactor

    init(http: HTTPClient, configuration: HubClientConfiguration, credentials: Credentials, logger: Logger) {
        self.http = http
        self.configuration = configuration
        self.credentials = credentials
        self.logger = logger
        self.limiter = AsyncSemaphore(permits: configuration.concurrency)
        self.redact = Redactor(credentials)
    }

    /// Runs `body` with a client whose HTTP connections are closed when it returns.
    package static func withClient<T: Sendable>(
        configuration: HubClientConfiguration,
        credentials: Credentials,
        logger: Logger,
        _ body: (HubClient) async throws -> T
    ) async throws -> T {
        var httpConfiguration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(
                connect: .seconds(10), read: .seconds(Int64(configuration.requestTimeout.components.seconds) + 1))
        )
        httpConfiguration.connectionPool = .init(
            idleTimeout: .seconds(60),
            concurrentHTTP1ConnectionsPerHostSoftLimit: max(1, configuration.concurrency)
        )
        httpConfiguration.httpVersion = .automatic
        return try await HTTPClient.withHTTPClient(configuration: httpConfiguration) { http in
            let client = HubClient(http: http, configuration: configuration, credentials: credentials, logger: logger)
            return try await body(client)
        }
    }

    /// Requests sent so far, logins included.
    package func requestCount() async -> Int { await session.requestCount }
    /// 429 replies received so far.
    package func rateLimitedCount() async -> Int { await session.rateLimitedCount }
    /// Retries made so far (every cause).
    package func retryCount() async -> Int { await session.retryCount }

    /// The logger handed to AsyncHTTPClient: never below `info`, so request internals stay out of the log.
    var transportLogger: Logger {
        var quiet = logger
        quiet.logLevel = max(.info, logger.logLevel)
        return quiet
    }

    /// An absolute URL for `path` (already percent-encoded, starting with `/`) and `query` on the API host.
    ///
    /// Build paths that hold names with ``path(_:)``, which encodes each name as one segment.
    package func url(_ path: String, query: [(String, String)] = []) -> URL {
        var components = URLComponents()
        components.scheme = configuration.baseURL.scheme
        components.host = configuration.baseURL.host
        components.port = configuration.baseURL.port
        components.percentEncodedPath = configuration.baseURL.path(percentEncoded: true) + path
        if !query.isEmpty {
            components.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) }
        }
        return components.url ?? configuration.baseURL
    }

    /// A request path from `segments`, each percent-encoded as one segment: a name holding `/`, `?`, `#`, `%`
    /// or being `.` or `..` addresses that name, never another path. An empty last segment gives a trailing `/`.
    package static func path(_ segments: String...) -> String {
        path(segments)
    }

    /// The path of `segments`, each encoded as one segment.
    package static func path(_ segments: [String]) -> String {
        "/" + segments.map(encodeSegment).joined(separator: "/")
    }

    /// Percent-encodes everything but RFC 3986's unreserved characters; `.` and `..` become `%2E` and `%2E%2E`,
    /// which no URL resolution reads as the current or parent directory.
    static func encodeSegment(_ segment: String) -> String {
        guard segment != "." && segment != ".." else {
            return String(repeating: "%2E", count: segment.count)
        }
        return segment.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// True when `url` points at the same scheme, host and port as the API.
    func isSameOrigin(_ url: URL) -> Bool {
        Self.isSameOrigin(url, base: configuration.baseURL)
    }

    static func isSameOrigin(_ url: URL, base: URL) -> Bool {
        url.scheme?.lowercased() == base.scheme?.lowercased()
            && url.host?.lowercased() == base.host?.lowercased()
            && (url.port ?? defaultPort(url.scheme)) == (base.port ?? defaultPort(base.scheme))
    }

    /// Where a `next` link `target` may be followed, or `nil` when it leaves the API origin `base`.
    ///
    /// Docker Hub has been seen to send `http://hub.docker.com/…` links in replies sent over https. Such a link,
    /// on the same host with the scheme downgraded and no port of its own (or port 80), is followed over `base`'s
    /// scheme and port: the token is never sent in clear text, nor to another host.
    package static func followableNext(_ target: URL, base: URL) -> URL? {
        if isSameOrigin(target, base: base) { return target }
        guard base.scheme?.lowercased() == "https", target.scheme?.lowercased() == "http",
            target.host?.lowercased() == base.host?.lowercased(), target.port == nil || target.port == 80,
            var components = URLComponents(url: target, resolvingAgainstBaseURL: false)
        else { return nil }
        components.scheme = base.scheme
        components.port = base.port
        return components.url
    }

    private static func defaultPort(_ scheme: String?) -> Int {
        scheme?.lowercased() == "https" ? 443 : 80
    }
}
