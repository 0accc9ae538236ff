import Foundation

/// What can go wrong talking to Docker Hub. Messages name the endpoint and say what to do; they never hold a
/// secret or a token.
package enum APIError: Error, LocalizedError, Equatable, Sendable {
    /// The credentials were refused (401 on every login route).
    case authenticationFailed(identifier: String, detail: String)
    /// A password login needs a second factor and no code was given.
    case secondFactorRequired(identifier: String)
    /// The session of a two-factor login expired and renewing it with the same one-time code was refused.
    case secondFactorExpired(identifier: String)
    /// Docker Hub refused the request for this token kind (a PAT or OAT restriction).
    case tokenKindNotAllowed(endpoint: String, kind: CredentialKind)
    /// 403 for another reason (role, missing OAT scope).
    case forbidden(endpoint: String, detail: String)
    /// 404.
    case notFound(endpoint: String, detail: String)
    /// 401 after a fresh token was minted.
    case unauthorized(endpoint: String, detail: String)
    /// Another 4xx.
    case rejected(endpoint: String, status: Int, detail: String)
    /// 429 that outlasted the retry budget.
    case rateLimited(endpoint: String)
    /// 5xx, a connection failure or an undecodable reply after the retries.
    case unavailable(endpoint: String, reason: String)
    /// The request did not finish in time, after the retries.
    case timedOut(endpoint: String)
    /// The body was not what the endpoint documents.
    case undecodable(endpoint: String, reason: String)
    /// A `next` link pointed away from the API host; following it would hand the token to someone else.
    case foreignNextLink(endpoint: String, host: String)
    /// A paging loop: `next` pointed at a page already read.
    case pagingLoop(endpoint: String)
    /// `next` went on past the pages the list's `count` announced (with a margin), or past the absolute cap.
    case tooManyPages(endpoint: String, pages: Int)
    /// A later page vanished (404) twice while the list was read: the list keeps changing under us.
    case listChanged(endpoint: String)
    /// The `--api-url` could not be used.
    case invalidBaseURL(String)
    /// The `--api-url` holds a user name or password (shown redacted).
    case credentialsInBaseURL(String)
    /// The `--api-url` is plain `http` to another machine.
    case insecureBaseURL(String)

    package var errorDescription: String? {
        switch self {
        case .authenticationFailed(let identifier, let detail):
            "authentication as '\(identifier)' failed (\(detail)); check the username and secret"
                + " (DOCKERHUB_TOKEN, DOCKERHUB_PASSWORD, --secret-file or --password-stdin)"
        case .secondFactorRequired(let identifier):
            "the account '\(identifier)' needs a second factor; pass a current TOTP code with --otp or"
                + " DOCKERHUB_OTP, or use a personal or organization access token"
        case .secondFactorExpired(let identifier):
            "the session of '\(identifier)' expired and its one-time code cannot be used again; for syncs that"
                + " outlast a session, use a personal access token (DOCKERHUB_TOKEN) instead of password and --otp"
        case .tokenKindNotAllowed(let endpoint, let kind):
            "Docker Hub does not let \(kind.withArticle) read \(Self.request(endpoint))"
        case .forbidden(let endpoint, let detail):
            "Docker Hub refused \(Self.request(endpoint)) (403: \(detail)); the credential lacks the role or scope for it"
        case .notFound(let endpoint, let detail):
            "\(Self.request(endpoint)) was not found (404: \(detail))"
        case .unauthorized(let endpoint, let detail):
            "\(Self.request(endpoint)) was refused even with a fresh token (401: \(detail)); check the credential"
        case .rejected(let endpoint, let status, let detail):
            "\(Self.request(endpoint)) was rejected (\(status): \(detail))"
        case .rateLimited(let endpoint):
            "Docker Hub kept rate-limiting \(Self.request(endpoint)) (429); retry later or lower --concurrency"
        case .unavailable(let endpoint, let reason):
            "Docker Hub failed on \(endpoint) (\(reason)); check --api-url and the network, then retry"
        case .timedOut(let endpoint):
            "\(Self.request(endpoint)) timed out; retry later or raise --request-timeout"
        case .undecodable(let endpoint, let reason):
            "Docker Hub sent an unreadable reply to \(Self.request(endpoint)) (\(reason))"
        case .foreignNextLink(let endpoint, let host):
            "\(Self.request(endpoint)) returned a next page on another host ('\(host)'); refusing to send the token there"
        case .pagingLoop(let endpoint):
            "paging \(Self.request(endpoint)) looped back to a page already read; Docker Hub's reply is inconsistent, retry later"
        case .tooManyPages(let endpoint, let pages):
            "paging \(Self.request(endpoint)) went on past \(pages) pages, more than the list's count announced;"
                + " Docker Hub's reply is inconsistent, retry later"
        case .listChanged(let endpoint):
            "the list at \(Self.request(endpoint)) kept changing while it was read (a later page vanished); retry later"
        case .invalidBaseURL(let url):
            "'\(url)' is not a usable API URL; pass --api-url like https://hub.docker.com"
        case .credentialsInBaseURL(let url):
            "'\(url)' holds a user name or password, which would be stored in the snapshot; pass --api-url without"
                + " them, and the credential with --username and DOCKERHUB_TOKEN (or --secret-file)"
        case .insecureBaseURL(let url):
            "'\(url)' would send the secret unencrypted; use https (plain http is only for loopback test servers)"
        }
    }

    /// `GET /path` for reads; login endpoints already carry their method (`POST /v2/auth/token`).
    private static func request(_ endpoint: String) -> String {
        endpoint.hasPrefix("POST ") ? endpoint : "GET \(endpoint)"
    }
}
