import Foundation

/// FakeHub's mutable state: issued JWTs, pending second factors, the rate-limit window, attempt counts and the
/// request log.
actor HubState {
    /// What a request may do, decided before it reaches a route.
    struct Admission: Sendable {
        var authentication: Authentication
        var rateLimit: RateLimitStatus
        /// True when the request must be answered with 429.
        var limited: Bool
        /// The request with its attempt number, for fault decisions and the body rewrite hook.
        var attempt: RequestAttempt
    }

    /// A request's method, path and query: what attempts are counted by.
    private struct AttemptKey: Hashable {
        var method: String
        var path: String
        var query: String?
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
    private var spentCodes: Set<String> = []
    private let windowLength: TimeInterval
    private var windowEnd: Date?
    private var windowCount = 0
    private var limitedCount = 0
    private var attempts: [AttemptKey: Int] = [:]
    private var serial = 0
    private var recorded: [RecordedRequest] = []

    init(options: FakeHubOptions) {
        self.options = options
        let (seconds, attoseconds) = options.rateLimitWindow.components
        windowLength = max(0.001, Double(seconds) + Double(attoseconds) * 1e-18)
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

    /// Marks `code` used by `user`; false when `singleUse` and it was used before.
    func spendSecondFactorCode(_ code: String, user: String, singleUse: Bool) -> Bool {
        guard singleUse else { return true }
        return spentCodes.insert("\(user)\u{0}\(code)").inserted
    }

    /// Forgets a `login_2fa_token` after a successful second step.
    func endSecondFactor(_ token: String) {
        secondFactors[token] = nil
    }

    // MARK: - Admission

    /// Numbers the attempt, resolves the bearer, applies the rate limit and counts the request against the token
    /// and the window.
    func admit(bearer: String?, method: String, path: String, query: String?) -> Admission {
        let key = AttemptKey(method: method, path: path, query: query)
        attempts[key, default: 0] += 1
        let attempt = RequestAttempt(method: method, path: path, query: query, attempt: attempts[key, default: 1])
        let now = Date()
        if let end = windowEnd, end <= now {
            windowEnd = nil
            windowCount = 0
        }
        let authentication = resolve(bearer)
        var limited = false
        if case .valid = authentication, let bearer {
            if windowEnd == nil {
                windowEnd = now.addingTimeInterval(windowLength)
            }
            if options.enforceRateLimit && windowCount >= options.rateLimit {
                limited = true
            } else {
                windowCount += 1
                tokens[bearer]?.served += 1
            }
        }
        let end = windowEnd ?? now.addingTimeInterval(windowLength)
        let reset = Int(end.timeIntervalSince1970.rounded(.up))
        let status = RateLimitStatus(
            limit: options.rateLimit,
            remaining: max(0, options.rateLimit - windowCount),
            reset: reset,
            retryAfter: limited ? retryAfter(until: end, reset: reset, now: now) : nil
        )
        return Admission(authentication: authentication, rateLimit: status, limited: limited, attempt: attempt)
    }

    /// The `Retry-After` value of the next 429, in the configured style.
    private func retryAfter(until end: Date, reset: Int, now: Date) -> Int {
        limitedCount += 1
        let seconds = max(1, Int(end.timeIntervalSince(now).rounded(.up)))
        switch options.retryAfter {
        case .seconds:
            return seconds
        case .unixTime:
            return reset
        case .mixed:
            return limitedCount.isMultiple(of: 2) ? reset : seconds
        }
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
