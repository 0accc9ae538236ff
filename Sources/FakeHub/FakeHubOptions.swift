/// Knobs that make FakeHub behave like a particular Docker Hub deployment or failure.
package struct FakeHubOptions: Sendable {
    /// Rewrites a success body before it is sent: the request it answers, and the body the route built.
    package typealias BodyRewrite = @Sendable (RequestAttempt, JSONValue) -> JSONValue
    /// A reply to send instead of the route's, or `nil` to let the route answer.
    package typealias Override = @Sendable (RequestAttempt) -> OverrideReply?

    /// A canned reply for ``override``.
    package struct OverrideReply: Sendable {
        package var status: Int
        package var contentType: String
        package var body: String

        package init(status: Int, contentType: String = "application/json", body: String) {
            self.status = status
            self.contentType = contentType
            self.body = body
        }
    }

    /// When true, `/v2/namespaces/{ns}/repositories` does not exist (404, like an unknown route) and only the
    /// legacy `/v2/repositories/{ns}/` lists repositories.
    package var legacyRepositoryRouteOnly: Bool
    /// When set, a JWT answers 401 once it has served this many authenticated requests, so clients must re-mint.
    package var tokenExpiresAfterRequests: Int?
    /// Wall time after which a JWT expires (Docker Hub documents 10 minutes); also the `exp` claim.
    package var tokenLifetime: Duration
    /// The value of `X-RateLimit-Limit`: authenticated requests per ``rateLimitWindow``.
    package var rateLimit: Int
    /// When true, authenticated requests beyond ``rateLimit`` within the window answer 429 with `Retry-After`.
    package var enforceRateLimit: Bool
    /// How long a rate-limit window lasts from its first authenticated request; `X-RateLimit-Reset` is its end.
    package var rateLimitWindow: Duration
    /// What a 429's `Retry-After` holds: seconds to wait, or the unix time the window ends.
    package var retryAfter: RetryAfterStyle
    /// Latency and faults (5xx, truncated bodies, HTML, plain text, dropped connections), reproducible from a seed.
    package var faults: FaultPlan
    /// When false, replies carry no `X-RateLimit-*` headers (429s keep `Retry-After`), like Docker Hub's
    /// anti-abuse limiter: a client cannot pace itself and meets the limit.
    package var rateLimitHeaders: Bool
    /// When true, a TOTP code finishes one 2FA login only: a second login with the same code is refused, as a
    /// real one-time code would be once its 30-second step has passed.
    package var singleUseSecondFactorCodes: Bool
    /// When true, `GET /v2/orgs/{org}` answers any valid bearer, member or not, like a public profile page (the API
    /// notes do not say what Docker Hub answers a non-member; it has been seen to answer 200). The org's other
    /// routes keep their rules.
    package var publicOrganizationProfiles: Bool
    /// Answers a request instead of its route when it returns a reply: a 403 on one repository, a 404 on a page
    /// that vanished, an HTML challenge with 403. The rate limit still applies first; the bearer is not checked,
    /// and faults and ``rewriteBody`` do not apply to these replies.
    package var override: Override?
    /// Called with every success body a route is about to send (not error bodies, not faults); what it returns is
    /// sent instead. Tests of clients use it for hostile payloads: nulls, wrong types, huge strings, foreign or
    /// looping `next` links, absurd counts. A body that cannot be encoded (a non-finite number) answers 500.
    package var rewriteBody: BodyRewrite?

    /// Creates options; the defaults behave like a healthy Docker Hub that never throttles.
    package init(
        legacyRepositoryRouteOnly: Bool = false,
        tokenExpiresAfterRequests: Int? = nil,
        tokenLifetime: Duration = .seconds(600),
        rateLimit: Int = 180,
        enforceRateLimit: Bool = false,
        rateLimitWindow: Duration = .seconds(60),
        retryAfter: RetryAfterStyle = .seconds,
        faults: FaultPlan = .noFaults,
        rateLimitHeaders: Bool = true,
        singleUseSecondFactorCodes: Bool = false,
        publicOrganizationProfiles: Bool = false,
        override: Override? = nil,
        rewriteBody: BodyRewrite? = nil
    ) {
        self.rateLimitHeaders = rateLimitHeaders
        self.singleUseSecondFactorCodes = singleUseSecondFactorCodes
        self.publicOrganizationProfiles = publicOrganizationProfiles
        self.override = override
        self.legacyRepositoryRouteOnly = legacyRepositoryRouteOnly
        self.tokenExpiresAfterRequests = tokenExpiresAfterRequests
        self.tokenLifetime = tokenLifetime
        self.rateLimit = rateLimit
        self.enforceRateLimit = enforceRateLimit
        self.rateLimitWindow = rateLimitWindow
        self.retryAfter = retryAfter
        self.faults = faults
        self.rewriteBody = rewriteBody
    }
}
