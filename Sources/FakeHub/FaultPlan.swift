/// Reproducible misbehaviour: extra latency, and a share of requests answered with a fault instead of the real
/// response.
///
/// A decision depends only on ``seed`` and the ``RequestAttempt`` (method, path, query and attempt number), through
/// a SplitMix64 generator seeded with an FNV-1a hash of them. So the k-th attempt at a URL meets the same fault on
/// every run with the same seed, whatever the order of concurrent requests, and ``fault(for:)`` predicts it.
///
/// Faults are applied after the real route ran, to every route (token exchange and logins included), except to
/// requests the rate limiter answers 429. Faulted requests count like any other against the rate-limit window and
/// the JWT's request budget. The shares are taken in the order of the properties below; where they add up to more
/// than 1, the later kinds get only what is left.
package struct FaultPlan: Sendable, Equatable {
    /// Seeds every decision.
    package var seed: UInt64
    /// When set, each request (429s included) waits a delay drawn from this range before it is answered.
    package var latency: ClosedRange<Duration>?
    /// Share (0...1) of requests answered 500, 502 or 503 with `{"detail": …}`, or with an empty body one time in
    /// four. Recorded as `"500"`, `"502"` or `"503"`.
    package var serverError: Double
    /// Share of requests answered 200 with the real body cut off after a random number of bytes (at least one byte
    /// is missing), `Content-Type: application/json` and a `Content-Length` that matches the cut body. Recorded as
    /// `"truncated"`.
    package var truncatedBody: Double
    /// Share of requests answered with a Cloudflare-style challenge page (`text/html`), half with status 200 and
    /// half with 503. Recorded as `"html-200"` or `"html-503"`.
    package var html: Double
    /// Share of requests answered with a `text/plain` proxy message such as `Too Many Requests (HAP429).`, half
    /// with status 200 and half with 502. Recorded as `"plain-200"` or `"plain-502"`.
    package var plainText: Double
    /// Share of requests whose TCP connection is closed without any response. Recorded as `"dropped"`, status 0.
    package var dropConnection: Double

    /// No latency and no faults: a healthy Docker Hub.
    package static let noFaults = FaultPlan()

    /// Creates a plan; shares outside 0...1 are clamped.
    package init(
        seed: UInt64 = 0, latency: ClosedRange<Duration>? = nil, serverError: Double = 0, truncatedBody: Double = 0,
        html: Double = 0, plainText: Double = 0, dropConnection: Double = 0
    ) {
        self.seed = seed
        self.latency = latency
        self.serverError = serverError
        self.truncatedBody = truncatedBody
        self.html = html
        self.plainText = plainText
        self.dropConnection = dropConnection
    }

    /// A plan that spreads `share` evenly over the five fault kinds.
    ///
    /// - Parameters:
    ///   - share: the share (0...1) of requests that meet some fault.
    ///   - seed: seeds every decision.
    ///   - latency: an optional extra delay per request.
    package static func mixed(share: Double, seed: UInt64, latency: ClosedRange<Duration>? = nil) -> FaultPlan {
        let each = Self.clamped(share) / 5
        return FaultPlan(
            seed: seed, latency: latency, serverError: each, truncatedBody: each, html: each, plainText: each,
            dropConnection: each)
    }

    /// The share of requests that meet some fault (at most 1).
    package var totalShare: Double {
        min(1, shares.map(\.share).reduce(0, +))
    }

    /// The label the request log will show for this attempt (`"503"`, `"truncated"`, `"dropped"`, …), or `nil` when
    /// it is answered normally. A 429 from the rate limiter overrides any fault.
    package func fault(for request: RequestAttempt) -> String? {
        decision(for: request).fault?.label
    }

    /// The extra delay this attempt waits before it is answered, or `nil` without ``latency``.
    package func delay(for request: RequestAttempt) -> Duration? {
        decision(for: request).delay
    }

    // MARK: - Decisions

    /// The delay and fault of one attempt, drawn in a fixed order so that adding latency does not change faults.
    func decision(for request: RequestAttempt) -> FaultDecision {
        var hash = FNV1a()
        hash.combine(seed)
        hash.combine(request.method)
        hash.combine(request.path)
        hash.combine(request.query.map { "?" + $0 } ?? "")
        hash.combine(UInt64(truncatingIfNeeded: request.attempt))
        var random = SplitMix64(seed: hash.value)

        let delayDraw = random.next()
        let delay = latency.map { Self.duration(in: $0, draw: delayDraw) }
        let roll = random.unit()
        var threshold = 0.0
        for (share, kind) in shares {
            threshold += share
            if roll < threshold {
                return FaultDecision(delay: delay, fault: Fault.draw(kind, using: &random))
            }
        }
        return FaultDecision(delay: delay, fault: nil)
    }

    private var shares: [(share: Double, kind: Fault.Kind)] {
        [
            (Self.clamped(serverError), .serverError), (Self.clamped(truncatedBody), .truncatedBody),
            (Self.clamped(html), .html), (Self.clamped(plainText), .plainText),
            (Self.clamped(dropConnection), .dropConnection),
        ]
    }

    private static func clamped(_ share: Double) -> Double {
        share.isNaN ? 0 : min(1, max(0, share))
    }

    /// A duration in `range`, with nanosecond resolution.
    private static func duration(in range: ClosedRange<Duration>, draw: UInt64) -> Duration {
        let lower = nanoseconds(range.lowerBound)
        let span = UInt64(max(0, nanoseconds(range.upperBound) - lower))
        return .nanoseconds(lower + Int64(draw % (span + 1)))
    }

    /// Whole nanoseconds, clamped to 0...one year so that the arithmetic cannot overflow.
    private static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let year: Int64 = 365 * 86_400
        return min(max(seconds, 0), year) * 1_000_000_000 + (seconds < 0 ? 0 : attoseconds / 1_000_000_000)
    }
}
