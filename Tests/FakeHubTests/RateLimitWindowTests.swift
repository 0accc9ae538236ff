import FakeHub
import Foundation
import Testing

/// The rate-limit window, the `Retry-After` styles, and how faults and 429s are accounted for.
@Suite struct RateLimitWindowTests {
    static func now() -> Int {
        Int(Date().timeIntervalSince1970)
    }

    /// The replies to `count` GETs of `/v2/user` with a fresh admin JWT, and the unix times around them.
    static func limitedReplies(
        _ options: FakeHubOptions, count: Int
    ) async throws -> (replies: [Reply], before: Int, after: Int) {
        try await HubSession.with(options: options) { hub in
            let token = try await hub.token(Fixture.Edge.admin)
            let before = now()
            var replies: [Reply] = []
            for _ in 0..<count {
                replies.append(try await hub.get("/v2/user", token: token))
            }
            return (replies, before, now() + 1)
        }
    }

    @Test func resetIsTheEndOfTheConfiguredWindow() async throws {
        let options = FakeHubOptions(rateLimit: 5, rateLimitWindow: .seconds(600))
        let (replies, before, after) = try await Self.limitedReplies(options, count: 1)
        let reset = try #require(Int(replies[0].header("X-RateLimit-Reset") ?? ""))
        #expect((before + 600...after + 600).contains(reset))
        #expect(replies[0].header("X-RateLimit-Limit") == "5")
        #expect(replies[0].header("X-RateLimit-Remaining") == "4")
    }

    @Test func retryAfterInSecondsCountsDownToTheReset() async throws {
        let options = FakeHubOptions(rateLimit: 1, enforceRateLimit: true, rateLimitWindow: .seconds(600))
        let (replies, before, after) = try await Self.limitedReplies(options, count: 2)
        #expect(replies.map(\.status) == [200, 429])
        let retryAfter = try #require(Int(replies[1].header("Retry-After") ?? ""))
        let reset = try #require(Int(replies[1].header("X-RateLimit-Reset") ?? ""))
        #expect((1...600).contains(retryAfter))
        #expect((before...after).contains(reset - retryAfter))
    }

    @Test func retryAfterAsUnixTimeEqualsTheReset() async throws {
        let options = FakeHubOptions(
            rateLimit: 1, enforceRateLimit: true, rateLimitWindow: .seconds(600), retryAfter: .unixTime)
        let (replies, before, after) = try await Self.limitedReplies(options, count: 3)
        #expect(replies.map(\.status) == [200, 429, 429])
        for reply in replies.dropFirst() {
            let retryAfter = try #require(Int(reply.header("Retry-After") ?? ""))
            #expect(String(retryAfter) == reply.header("X-RateLimit-Reset"))
            #expect((before + 600...after + 600).contains(retryAfter))
        }
    }

    @Test func mixedRetryAfterAlternatesSecondsAndUnixTime() async throws {
        let options = FakeHubOptions(
            rateLimit: 1, enforceRateLimit: true, rateLimitWindow: .seconds(600), retryAfter: .mixed)
        let (replies, _, _) = try await Self.limitedReplies(options, count: 5)
        let limited = replies.dropFirst()
        #expect(limited.allSatisfy { $0.status == 429 })
        let isUnixTime = limited.map { $0.header("Retry-After") == $0.header("X-RateLimit-Reset") }
        #expect(isUnixTime == [false, true, false, true])
        #expect(limited.allSatisfy { (Int($0.header("Retry-After") ?? "") ?? 0) > 0 })
    }

    @Test func aNewWindowStartsOnceTheOldOneHasEnded() async throws {
        let options = FakeHubOptions(rateLimit: 1, enforceRateLimit: true, rateLimitWindow: .seconds(1))
        let statuses = try await HubSession.with(options: options) { hub in
            let token = try await hub.token(Fixture.Edge.admin)
            var statuses = [try await hub.get("/v2/user", token: token).status]
            statuses.append(try await hub.get("/v2/user", token: token).status)
            try await Task.sleep(for: .milliseconds(1_100))
            statuses.append(try await hub.get("/v2/user", token: token).status)
            return statuses
        }
        #expect(statuses == [200, 429, 200])
    }

    // MARK: - Faults and accounting

    /// The first seed whose plan gives the wanted fault (`true`) or none (`false`) for each attempt.
    static func seed(
        _ plan: (UInt64) -> FaultPlan, where wanted: [(RequestAttempt, Bool)]
    ) throws -> UInt64 {
        let seed = (0..<100_000 as Range<UInt64>).first { seed in
            wanted.allSatisfy { request, faulted in (plan(seed).fault(for: request) != nil) == faulted }
        }
        return try #require(seed)
    }

    static let tokenExchange = RequestAttempt(method: "POST", path: "/v2/auth/token")

    static func user(_ attempt: Int) -> RequestAttempt {
        RequestAttempt(path: "/v2/user", attempt: attempt)
    }

    @Test func requestsAnswered429AreNeverFaulted() async throws {
        let plan = { (seed: UInt64) in FaultPlan(seed: seed, serverError: 0.5) }
        let seed = try Self.seed(
            plan, where: [(Self.tokenExchange, false), (Self.user(1), false)] + (2...4).map { (Self.user($0), true) })
        let options = FakeHubOptions(rateLimit: 1, enforceRateLimit: true, faults: plan(seed))
        let (replies, log) = try await HubSession.with(options: options) { hub in
            let token = try await hub.token(Fixture.Edge.admin)
            var replies: [Reply] = []
            for _ in 0..<4 {
                replies.append(try await hub.get("/v2/user", token: token))
            }
            return (replies, await hub.hub.requests())
        }
        #expect(replies.map(\.status) == [200, 429, 429, 429])
        #expect(log.allSatisfy { $0.fault == nil })
    }

    @Test func faultedRequestsCountAgainstTheTokenBudget() async throws {
        let plan = { (seed: UInt64) in FaultPlan(seed: seed, serverError: 0.5) }
        let seed = try Self.seed(
            plan,
            where: [(Self.tokenExchange, false), (Self.user(1), true), (Self.user(2), false), (Self.user(3), false)])
        let options = FakeHubOptions(tokenExpiresAfterRequests: 2, faults: plan(seed))
        let replies = try await HubSession.with(options: options) { hub in
            let token = try await hub.token(Fixture.Edge.admin)
            var replies: [Reply] = []
            for _ in 0..<3 {
                replies.append(try await hub.get("/v2/user", token: token))
            }
            return replies
        }
        #expect([500, 502, 503].contains(replies[0].status))
        #expect(replies.dropFirst().map(\.status) == [200, 401])
    }
}
