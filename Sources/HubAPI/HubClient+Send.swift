import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// A reply as it came off the wire.
struct RawResponse: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: ByteBuffer

    var bodyData: Data { Data(body.readableBytesView) }

    /// True when the reply says it is JSON, or says nothing about its type.
    var looksLikeJSON: Bool {
        guard let type = headers.first(name: "content-type")?.lowercased() else { return true }
        return type.contains("json")
    }
}

/// What a caller of ``HubClient/send(method:url:endpoint:body:authenticated:interpret:)`` makes of a reply.
enum Interpretation<T: Sendable>: Sendable {
    case done(T)
    /// The reply was unusable in a way that may pass (a cut-off or non-JSON body): try again.
    case retry(reason: String)
}

/// Why one attempt failed in a way worth retrying.
private enum Transient {
    case failure(String)
    case timeout(String)
    case rateLimited(wait: Duration)
    case undecodable(String)
}

extension HubClient {
    /// A bound on re-mints for one request, in case a server rejects every fresh token it just minted.
    static let maxRemintsPerRequest = 10

    /// Sends one logical request, retrying what is transient, and hands every other reply to `interpret`.
    ///
    /// Handled here: connection failures, timeouts, 5xx, 4xx other than 404 in HTML or plain text, and
    /// `interpret`'s `.retry` (exponential back-off with full jitter, bounded in attempts and in total time), 429
    /// (waits as `Retry-After` / `X-RateLimit-Reset` say), same-origin redirects, and for authenticated requests one
    /// re-mint of an expired JWT on 401.
    func send<T: Sendable>(
        method: HTTPMethod,
        url: URL,
        endpoint: String,
        body: Data? = nil,
        authenticated: Bool,
        interpret: (RawResponse) throws -> Interpretation<T>
    ) async throws -> T {
        do {
            return try await sendRetrying(
                method: method, url: url, endpoint: endpoint, body: body, authenticated: authenticated,
                interpret: interpret)
        } catch let error as APIError {
            throw error.redacted(by: redact)
        }
    }

    private func sendRetrying<T: Sendable>(
        method: HTTPMethod,
        url: URL,
        endpoint: String,
        body: Data?,
        authenticated: Bool,
        interpret: (RawResponse) throws -> Interpretation<T>
    ) async throws -> T {
        let clock = ContinuousClock()
        let giveUpAt = clock.now.advanced(by: configuration.retryBudget)
        var url = url
        var failures = 0
        var redirects = 0
        while true {
            try Task.checkCancellation()
            let transient: Transient
            do {
                let response = try await attempt(
                    method: method, url: url, endpoint: endpoint, body: body, authenticated: authenticated)
                switch response.status {
                case 301, 302, 303, 307, 308:
                    guard redirects < 5, let location = response.headers.first(name: "location"),
                        let target = URL(string: location, relativeTo: url)?.absoluteURL, isSameOrigin(target)
                    else {
                        throw APIError.rejected(endpoint: endpoint, status: response.status, detail: "redirect refused")
                    }
                    redirects += 1
                    url = target
                    continue
                case 429:
                    await session.countRateLimited()
                    transient = .rateLimited(wait: rateLimitWait(response.headers))
                case 500...599:
                    transient = .failure("HTTP \(response.status)")
                case 400...499 where response.status != 404 && !response.looksLikeJSON:
                    // A 4xx in HTML or plain text (a CDN challenge page, an anti-abuse wall) comes from something
                    // in front of Docker Hub, not from Docker Hub deciding on this request: retry it rather than
                    // read it as a verdict. A 404 stays a 404 whatever its body: routes that do not exist say so.
                    let type = response.headers.first(name: "content-type") ?? "?"
                    transient = .undecodable("HTTP \(response.status) with a non-JSON body (\(type))")
                default:
                    switch try interpret(response) {
                    case .done(let value):
                        return value
                    case .retry(let reason):
                        transient = .undecodable(reason)
                    }
                }
            } catch let error as TransportFailure {
                transient = error.isTimeout ? .timeout(error.reason) : .failure(error.reason)
            }

            let wait: Duration
            switch transient {
            case .rateLimited(let serverWait):
                // A little jitter, so that requests held by the same 429 window do not all return at once.
                wait = serverWait + .milliseconds(Int64.random(in: 0...250))
            default:
                failures += 1
                if failures >= configuration.maxAttempts {
                    throw finalError(transient, endpoint: endpoint)
                }
                wait = backoff(failure: failures)
            }
            if clock.now.advanced(by: wait) > giveUpAt {
                throw finalError(transient, endpoint: endpoint)
            }
            await session.countRetry()
            logger.info(
                "retrying request",
                metadata: [
                    "http.path": "\(redact(endpoint))", "retry.reason": "\(redact(describe(transient)))",
                    "retry.wait_ms": .stringConvertible(wait.milliseconds),
                ]
            )
            try await Task.sleep(for: wait)
        }
    }

    /// One HTTP exchange under the concurrency limit, with the re-mints an expired JWT needs. Transport errors
    /// come out as ``TransportFailure``.
    ///
    /// The bearer is read only once a permit is held: a request that waited in the queue while the token was
    /// re-minted sends the new one, not the one that was current when it started waiting. A 401 is answered by
    /// a re-mint and a resend under the same permit, so the request does not queue again behind others that
    /// may use up the new token first.
    private func attempt(
        method: HTTPMethod, url: URL, endpoint: String, body: Data?, authenticated: Bool
    ) async throws -> RawResponse {
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = method
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: configuration.userAgent)
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        while let delay = await session.pacingDelay(now: Date(), reserve: 1) {
            let wait = min(delay, configuration.maxWait)
            if wait > SessionState.probeWait {
                logger.info(
                    "pacing requests to stay within the rate limit",
                    metadata: ["retry.wait_ms": .stringConvertible(wait.milliseconds)])
            }
            try await Task.sleep(for: wait)
        }
        let unsigned = request
        // Logins skip the queue: a re-mint that waited behind every request holding the expired token would
        // let each of them fail first.
        guard authenticated else { return try await exchange(unsigned, method: method, url: url) }
        return try await limiter.withPermit {
            var rejectedGeneration: Int?
            var remints = 0
            while true {
                var signed = unsigned
                let bearer = try await self.currentToken()
                signed.headers.add(name: "Authorization", value: "Bearer \(bearer.token)")
                let response = try await self.exchange(signed, method: method, url: url)
                // Each token gets one re-mint: a 401 with a token minted after the last 401 means that token
                // expired too; a second 401 with the same token means the credential itself is refused.
                guard response.status == 401, bearer.generation != rejectedGeneration,
                    remints < Self.maxRemintsPerRequest
                else {
                    return response
                }
                rejectedGeneration = bearer.generation
                remints += 1
                self.logger.info("token rejected; minting a new one", metadata: ["http.path": "\(endpoint)"])
                _ = try await self.refreshToken(seenGeneration: bearer.generation)
            }
        }
    }

    /// Sends one request and collects its reply; notes the rate-limit headers.
    private func exchange(_ request: HTTPClientRequest, method: HTTPMethod, url: URL) async throws -> RawResponse {
        let timeout = TimeAmount.milliseconds(configuration.requestTimeout.milliseconds)
        let started = ContinuousClock.now
        await session.countRequest()
        do {
            let response = try await http.execute(request, timeout: timeout, logger: transportLogger)
            let collected = try await response.body.collect(upTo: configuration.maxBodyBytes)
            logger.debug(
                "http",
                metadata: [
                    "http.method": "\(method.rawValue)", "http.path": "\(redact(url.path(percentEncoded: true)))",
                    "http.status": .stringConvertible(response.status.code),
                    "http.ms": .stringConvertible((ContinuousClock.now - started).milliseconds),
                ]
            )
            if let remaining = response.headers.first(name: "x-ratelimit-remaining").flatMap({ Int($0) }),
                let reset = response.headers.first(name: "x-ratelimit-reset").flatMap({ Double($0) })
            {
                await session.noteRateLimit(remaining: remaining, resetAt: Date(timeIntervalSince1970: reset))
            }
            return RawResponse(status: Int(response.status.code), headers: response.headers, body: collected)
        } catch is CancellationError {
            throw CancellationError()
        } catch is NIOTooManyBytesError {
            // Not transient: the same reply would be as large next time.
            throw APIError.undecodable(
                endpoint: url.path(percentEncoded: true),
                reason: "reply larger than \(configuration.maxBodyBytes / 1_048_576) MiB")
        } catch {
            throw TransportFailure(error)
        }
    }

    private func finalError(_ transient: Transient, endpoint: String) -> APIError {
        switch transient {
        case .failure(let reason): .unavailable(endpoint: endpoint, reason: reason)
        case .timeout: .timedOut(endpoint: endpoint)
        case .rateLimited: .rateLimited(endpoint: endpoint)
        case .undecodable(let reason): .undecodable(endpoint: endpoint, reason: reason)
        }
    }

    private func describe(_ transient: Transient) -> String {
        switch transient {
        case .failure(let reason): reason
        case .timeout(let reason): reason
        case .rateLimited: "HTTP 429"
        case .undecodable(let reason): reason
        }
    }

    /// Exponential back-off with full jitter: a random wait between zero and `initial · 2^(failure-1)`, capped.
    func backoff(failure: Int) -> Duration {
        let initial = configuration.initialBackoff.seconds
        let cap = configuration.maxWait.seconds
        let ceiling = min(cap, initial * pow(2, Double(max(0, failure - 1))))
        return .milliseconds(Int64(Double.random(in: 0...ceiling) * 1000))
    }

    /// How long a 429 asks us to wait: `Retry-After` in seconds (or, when over 10^9, as a unix time), else
    /// `X-Retry-After`, else `X-RateLimit-Reset`, else one second; capped at `maxWait`.
    func rateLimitWait(_ headers: HTTPHeaders) -> Duration {
        Self.rateLimitWait(headers, now: Date(), cap: configuration.maxWait)
    }

    /// The wait a 429 with `headers` asks for at `now`, capped at `cap`.
    static func rateLimitWait(_ headers: HTTPHeaders, now: Date, cap capDuration: Duration) -> Duration {
        let cap = capDuration.seconds
        var wait = 1.0
        // `X-Retry-After` is what an older Docker Hub spec promised (as a unix time); read it the same way.
        let retryAfter = headers.first(name: "retry-after") ?? headers.first(name: "x-retry-after")
        if let text = retryAfter, let value = Double(text.trimmingCharacters(in: .whitespaces)) {
            wait = value > 1_000_000_000 ? value - now.timeIntervalSince1970 : value
        } else if let text = headers.first(name: "x-ratelimit-reset"), let value = Double(text) {
            wait = value - now.timeIntervalSince1970
        }
        wait = min(cap, max(0.05, wait))
        return .milliseconds(Int64(wait * 1000))
    }
}

/// A request that never produced a reply: refused or reset connection, DNS failure, TLS failure, timeout.
struct TransportFailure: Error {
    var reason: String
    var isTimeout: Bool

    init(_ error: any Error) {
        if let error = error as? HTTPClientError {
            isTimeout = [.deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout].contains(error)
            reason = isTimeout ? "timeout (\(error))" : "connection failed: \(error)"
        } else {
            isTimeout = false
            reason = Self.describe(error)
        }
    }

    /// A transport error in a few words: a refused connection is "connection refused" (once), a certificate
    /// failure names BoringSSL's reason, and no source path of the TLS library is ever printed.
    static func describe(_ error: any Error) -> String {
        if let error = error as? IOError {
            return String(cString: strerror(error.errnoCode)).lowercased()
        }
        let text = String(describing: error)
        if text.contains("handshakeFailed") {
            let reasons = text.matches(of: #/error:[0-9A-Fa-f]+:[^:]*:[^:]*:([A-Z0-9_]+)/#).map {
                $0.output.1.lowercased().replacingOccurrences(of: "_", with: " ")
            }
            return "TLS handshake failed"
                + (reasons.isEmpty ? "" : ": \(reasons.joined(separator: ", "))")
                + (reasons.contains { $0.contains("certificate") }
                    ? "; this machine does not trust the server's certificate" : "")
        }
        return "connection failed: " + text.replacing(#/ at \/[^\s\]\)]*:\d+/#, with: "")
    }
}
