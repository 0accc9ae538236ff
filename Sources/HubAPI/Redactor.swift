import Foundation

/// Removes secrets from text a server sent back before it is printed, logged or stored.
///
/// A server may quote the request in an error body (a 401 that says which password it refused), put a token in
/// a `next` link, or name a token of its own. Everything that leaves ``HubClient`` as an ``APIError`` or a log
/// line passes through here: the configured secret and one-time code (as sent, percent-encoded and
/// JSON-escaped), and anything shaped like a Docker Hub token (`dckr_pat_…`, `dckr_oat_…`) or a JWT.
package struct Redactor: Sendable {
    static let mark = "[redacted]"

    private let literals: [String]

    package init(secrets: [String]) {
        var forms = Set<String>()
        for secret in secrets where secret.count >= 4 {
            forms.insert(secret)
            if let encoded = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics) {
                forms.insert(encoded)
            }
            if let data = try? JSONEncoder().encode(secret), let quoted = String(data: data, encoding: .utf8) {
                forms.insert(String(quoted.dropFirst().dropLast()))
            }
        }
        // Longest first, so that a form containing another is removed whole.
        literals = forms.sorted { $0.count > $1.count }
    }

    package init(_ credentials: Credentials) {
        self.init(secrets: [credentials.secret.reveal()] + (credentials.otp.map { [$0] } ?? []))
    }

    package func callAsFunction(_ text: String) -> String {
        var text = text
        for literal in literals where text.contains(literal) {
            text = text.replacingOccurrences(of: literal, with: Self.mark)
        }
        guard text.contains("dckr_") || text.contains("eyJ") else { return text }
        return
            text
            .replacing(#/dckr_(pat|oat)_[A-Za-z0-9_\-]+/#, with: Self.mark)
            .replacing(#/eyJ[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+(\.[A-Za-z0-9_\-]*)?/#, with: Self.mark)
    }
}

extension APIError {
    /// This error with `redact` applied to every text it carries from the server or the request.
    package func redacted(by redact: Redactor) -> APIError {
        switch self {
        case .authenticationFailed(let identifier, let detail):
            .authenticationFailed(identifier: identifier, detail: redact(detail))
        case .secondFactorRequired, .secondFactorExpired, .invalidBaseURL, .credentialsInBaseURL, .insecureBaseURL:
            self
        case .tokenKindNotAllowed(let endpoint, let kind): .tokenKindNotAllowed(endpoint: redact(endpoint), kind: kind)
        case .forbidden(let endpoint, let detail): .forbidden(endpoint: redact(endpoint), detail: redact(detail))
        case .notFound(let endpoint, let detail): .notFound(endpoint: redact(endpoint), detail: redact(detail))
        case .unauthorized(let endpoint, let detail): .unauthorized(endpoint: redact(endpoint), detail: redact(detail))
        case .rejected(let endpoint, let status, let detail):
            .rejected(endpoint: redact(endpoint), status: status, detail: redact(detail))
        case .rateLimited(let endpoint): .rateLimited(endpoint: redact(endpoint))
        case .unavailable(let endpoint, let reason): .unavailable(endpoint: redact(endpoint), reason: redact(reason))
        case .timedOut(let endpoint): .timedOut(endpoint: redact(endpoint))
        case .undecodable(let endpoint, let reason): .undecodable(endpoint: redact(endpoint), reason: redact(reason))
        case .foreignNextLink(let endpoint, let host): .foreignNextLink(endpoint: redact(endpoint), host: redact(host))
        case .pagingLoop(let endpoint): .pagingLoop(endpoint: redact(endpoint))
        case .tooManyPages(let endpoint, let pages): .tooManyPages(endpoint: redact(endpoint), pages: pages)
        case .listChanged(let endpoint): .listChanged(endpoint: redact(endpoint))
        }
    }
}
