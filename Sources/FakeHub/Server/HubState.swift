import Foundation

/// FakeHub's mutable state: issued JWTs, pending second factors, the rate-limit window and the request log.
actor HubState {
    /// What a request may do, decided before it reaches a route.
    struct Admission: Sendable {
        var authentication: Authentication
        var rateLimit: RateLimitStatus
        /// True when the request must be answered with 429.
        var limited: Bool
    }

    private struct IssuedToken {
        var session: Session
        var issued: ContinuousClock.Instant
        var served = 0
    }

    private let options: FakeHubOptions
    private let clock = ContinuousClock()
    private var tokens: [String: IssuedToken] = [:]
    private var secondFactors: [String: String] = [:]
    private var windowEnd: Date?
    private var windowCount = 0
    private var serial = 0
    private var recorded: [RecordedRequest] = []

    init(options: FakeHubOptions) {
        self.options = options
    }

    // MARK: - Tokens

    /// Issues a JWT for the session: `header.payload.signature`, with `sub`, `iat` and `exp` claims.
    func mint(_ session: Session, subject: String) throws -> String {
        serial += 1
        let now = Int(Date().timeIntervalSince1970)
        let header = JSONValue.object(["alg": "HS256", "typ": "JWT"])
        let payload = JSONValue.object([
            "sub": .string(subject),
            "username": .string(session.principal),
            "iat": .int(now),
            "exp": .int(now + Int(options.tokenLifetime.components.seconds)),
            "jti": .string("fakehub-\(serial)"),
        ])
        let token = [
            Base64URL.encode(try header.encoded()), Base64URL.encode(try payload.encoded()),
            Base64URL.random(bytes: 32),
        ].joined(separator: ".")
        tokens[token] = IssuedToken(session: session, issued: clock.now)
        return token
    }

    /// Remembers that `username` passed the password step; returns the opaque `login_2fa_token`.
    func beginSecondFactor(username: String) -> String {
        let token = Base64URL.random(bytes: 24)
        secondFactors[token] = username
        return token
    }

    /// The user a `login_2fa_token` was issued to, or `nil` if unknown.
    func secondFactorUser(_ token: String) -> String? {
        secondFactors[token]
    }

    /// Forgets a `login_2fa_token` after a successful second step.
    func endSecondFactor(_ token: String) {
        secondFactors[token] = nil
    }

    // MARK: - Admission

    /// Resolves the bearer, applies the rate limit and counts the request against the token and the window.
    func admit(bearer: String?) -> Admission {
        let now = Date()
        if let end = windowEnd, end <= now {
            windowEnd = nil
            windowCount = 0
        }
        let authentication = resolve(bearer)
        var limited = false
        if case .valid = authentication, let bearer {
            if windowEnd == nil {
                windowEnd = now.addingTimeInterval(60)
            }
            if options.enforceRateLimit && windowCount >= options.rateLimit {
                limited = true
            } else {
                windowCount += 1
                tokens[bearer]?.served += 1
            }
        }
        let end = windowEnd ?? now.addingTimeInterval(60)
        let reset = Int(end.timeIntervalSince1970.rounded(.up))
        let status = RateLimitStatus(
            limit: options.rateLimit,
            remaining: max(0, options.rateLimit - windowCount),
            reset: reset,
            retryAfter: limited ? max(1, Int(end.timeIntervalSince(now).rounded(.up))) : nil
        )
        return Admission(authentication: authentication, rateLimit: status, limited: limited)
    }

    private func resolve(_ bearer: String?) -> Authentication {
        guard let bearer else {
            return .anonymous
        }
        guard let token = tokens[bearer] else {
            return .rejected("Invalid or unknown token")
        }
        if clock.now - token.issued >= options.tokenLifetime {
            return .rejected("Token has expired")
        }
        if let limit = options.tokenExpiresAfterRequests, token.served >= limit {
            return .rejected("Token has expired")
        }
        return .valid(token.session)
    }

    // MARK: - Request log

    func record(_ request: RecordedRequest) {
        recorded.append(request)
    }

    func requests() -> [RecordedRequest] {
        recorded
    }
}
