import Foundation

/// The shared, mutable part of a client: the current JWT and the counters a snapshot reports.
actor SessionState {
    private(set) var token: String?
    private(set) var generation = 0
    private(set) var requestCount = 0
    private(set) var rateLimitedCount = 0
    private(set) var retryCount = 0
    private var minting: Task<String, any Error>?

    /// Installs a freshly minted token.
    func install(_ newToken: String) {
        token = newToken
        generation += 1
    }

    /// The current token and its generation, read together; while a re-mint is under way, the token it
    /// brings, so that no request goes out with a token already known to be dead.
    func current() async throws -> (token: String, generation: Int)? {
        if let minting {
            _ = try await Self.join(minting)
        }
        return token.map { ($0, generation) }
    }

    /// Mints a new token unless another request already did since `seenGeneration`.
    ///
    /// Concurrent callers that hit the same expiry share one exchange, so an expired JWT costs one login, not
    /// one per request in flight. The exchange runs in a task owned by this actor only to let callers join
    /// it; the task installs the token before any caller resumes.
    func refresh(
        seenGeneration: Int,
        mint: @escaping @Sendable () async throws -> String
    ) async throws -> (token: String, generation: Int) {
        if generation != seenGeneration, let token {
            return (token, generation)
        }
        let task: Task<String, any Error>
        if let minting {
            task = minting
        } else {
            // The task clears `minting` itself, in the same step that installs the token: a caller that
            // arrives afterwards sees the new generation, never a finished exchange to wait on.
            task = Task {
                do {
                    let newToken = try await mint()
                    self.install(newToken)
                    self.minting = nil
                    return newToken
                } catch {
                    self.minting = nil
                    throw error
                }
            }
            minting = task
        }
        _ = try await Self.join(task)
        return (token ?? "", generation)
    }

    /// Waits for a token exchange; a caller that is cancelled meanwhile cancels it and stops waiting, as every
    /// request of an interrupted sync is cancelled together.
    private static func join(_ task: Task<String, any Error>) async throws -> String {
        try await withTaskCancellationHandler {
            try await task.value
        } onCancel: {
            task.cancel()
        }
    }

    // MARK: - Rate-limit pacing

    private var remaining: Int?
    private var resetAt: Date?
    /// When the last window ended and one request went out to learn the next window's budget; until a reply
    /// says what it is, the others wait rather than rush the new window all at once.
    private var probeSentAt: Date?

    /// Records what `X-RateLimit-Remaining` and `X-RateLimit-Reset` said.
    ///
    /// Replies arrive out of order: within one window the smallest `remaining` wins; a later window
    /// replaces an earlier one.
    func noteRateLimit(remaining newRemaining: Int, resetAt newReset: Date) {
        probeSentAt = nil
        if let resetAt, newReset.timeIntervalSince(resetAt) < -0.5 { return }
        if let resetAt, abs(newReset.timeIntervalSince(resetAt)) <= 0.5, let remaining {
            self.remaining = min(remaining, newRemaining)
        } else {
            remaining = newRemaining
        }
        resetAt = newReset
    }

    /// How long to hold the next request so the window's budget is not overrun; `nil` to send now.
    ///
    /// Sending spends one unit of the budget here at once, so that requests in flight are counted before
    /// Docker Hub's replies report them.
    func pacingDelay(now: Date, reserve: Int) -> Duration? {
        if let resetAt, now >= resetAt {
            // The window is over: this request probes the next one.
            remaining = nil
            self.resetAt = nil
            probeSentAt = now
            return nil
        }
        guard let remaining, let resetAt else {
            // Between windows, wait for the probe's reply; if none says anything within a second (a reply
            // without rate-limit headers), another request probes.
            guard let probeSentAt else { return nil }
            if now.timeIntervalSince(probeSentAt) < 1 {
                return Self.probeWait
            }
            self.probeSentAt = now
            return nil
        }
        if remaining > reserve {
            self.remaining = remaining - 1
            return nil
        }
        return .milliseconds(Int64(resetAt.timeIntervalSince(now) * 1000) + 50)
    }

    /// How often requests held between windows look again.
    static let probeWait = Duration.milliseconds(50)

    func countRequest() { requestCount += 1 }
    func countRateLimited() { rateLimitedCount += 1 }
    func countRetry() { retryCount += 1 }
}
