import ArgumentParser
import FakeHub

/// Rate-limit and JWT-expiry behaviour of `fakehub`.
struct LimitOptions: ParsableArguments {
    /// The `--retry-after` values.
    enum RetryAfter: String, ExpressibleByArgument, CaseIterable {
        case seconds
        case unixTime = "unix-time"
        case mixed

        var style: RetryAfterStyle {
            switch self {
            case .seconds: .seconds
            case .unixTime: .unixTime
            case .mixed: .mixed
            }
        }
    }

    @Flag(help: "Answer 429 once a window has seen more than --rate-limit authenticated requests.")
    var enforceRateLimit = false

    @Option(help: "The X-RateLimit-Limit value (requests per window).")
    var rateLimit = 180

    @Option(help: ArgumentHelp("Seconds a rate-limit window lasts from its first request.", valueName: "seconds"))
    var rateLimitWindow = 60

    @Option(help: "What a 429's Retry-After holds: seconds to wait, the window's end as a unix time, or both in turn.")
    var retryAfter = RetryAfter.seconds

    @Option(help: "Seconds after which a JWT expires.")
    var tokenLifetime = 600

    @Option(help: "Expire each JWT after it has served this many authenticated requests.")
    var tokenExpiresAfterRequests: Int?

    func validate() throws {
        guard rateLimit > 0, rateLimitWindow > 0, tokenLifetime > 0, (tokenExpiresAfterRequests ?? 1) > 0 else {
            throw ValidationError(
                "--rate-limit, --rate-limit-window, --token-lifetime and --token-expires-after-requests must be positive"
            )
        }
    }

    /// Copies these settings into `options`.
    func apply(to options: inout FakeHubOptions) {
        options.enforceRateLimit = enforceRateLimit
        options.rateLimit = rateLimit
        options.rateLimitWindow = .seconds(rateLimitWindow)
        options.retryAfter = retryAfter.style
        options.tokenLifetime = .seconds(tokenLifetime)
        options.tokenExpiresAfterRequests = tokenExpiresAfterRequests
    }
}
