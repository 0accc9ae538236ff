/// Knobs that make FakeHub behave like a particular Docker Hub deployment or failure.
package struct FakeHubOptions: Sendable {
    /// When true, `/v2/namespaces/{ns}/repositories` does not exist (404, like an unknown route) and only the
    /// legacy `/v2/repositories/{ns}/` lists repositories.
    package var legacyRepositoryRouteOnly: Bool
    /// When set, a JWT answers 401 once it has served this many authenticated requests, so clients must re-mint.
    package var tokenExpiresAfterRequests: Int?
    /// Wall time after which a JWT expires (Docker Hub documents 10 minutes); also the `exp` claim.
    package var tokenLifetime: Duration
    /// The value of `X-RateLimit-Limit`: authenticated requests per 60-second window.
    package var rateLimit: Int
    /// When true, authenticated requests beyond ``rateLimit`` within the window answer 429 with `Retry-After`.
    package var enforceRateLimit: Bool

    /// Creates options; the defaults behave like a healthy Docker Hub that never throttles.
    package init(
        legacyRepositoryRouteOnly: Bool = false,
        tokenExpiresAfterRequests: Int? = nil,
        tokenLifetime: Duration = .seconds(600),
        rateLimit: Int = 180,
        enforceRateLimit: Bool = false
    ) {
        self.legacyRepositoryRouteOnly = legacyRepositoryRouteOnly
        self.tokenExpiresAfterRequests = tokenExpiresAfterRequests
        self.tokenLifetime = tokenLifetime
        self.rateLimit = rateLimit
        self.enforceRateLimit = enforceRateLimit
    }
}
