import FakeHub
import Testing

@Suite struct LimitTests {
    @Test func requestsBeyondTheRateLimitAre429WithRetryAfter() async throws {
        let options = FakeHubOptions(rateLimit: 3, enforceRateLimit: true)
        let replies = try await HubSession.with(options: options) { hub in
            let token = try await hub.token(Fixture.Edge.admin)
            var replies: [Reply] = []
            for _ in 0..<5 {
                replies.append(try await hub.get("/v2/user", token: token))
            }
            return replies
        }
        #expect(replies.map(\.status) == [200, 200, 200, 429, 429])
        #expect(replies.map { $0.header("X-RateLimit-Remaining") } == ["2", "1", "0", "0", "0"])
        let limited = replies[3]
        #expect(limited.json == .object(["detail": .string("Rate limit exceeded"), "error": .bool(false)]))
        let retryAfter = try #require(Int(limited.header("Retry-After") ?? ""))
        #expect((1...60).contains(retryAfter))
    }

    @Test func unenforcedRateLimitOnlyReports() async throws {
        let statuses = try await HubSession.with(options: FakeHubOptions(rateLimit: 1)) { hub in
            let token = try await hub.token(Fixture.Edge.admin)
            return [
                try await hub.get("/v2/user", token: token).status, try await hub.get("/v2/user", token: token).status,
            ]
        }
        #expect(statuses == [200, 200])
    }

    @Test func tokenExpiresAfterServingTheConfiguredNumberOfRequests() async throws {
        let (replies, fresh) = try await HubSession.with(options: FakeHubOptions(tokenExpiresAfterRequests: 2)) { hub in
            let token = try await hub.token(Fixture.Edge.admin)
            var replies: [Reply] = []
            for _ in 0..<3 {
                replies.append(try await hub.get("/v2/user", token: token))
            }
            let fresh = try await hub.get("/v2/user", token: try await hub.token(Fixture.Edge.admin))
            return (replies, fresh)
        }
        #expect(replies.map(\.status) == [200, 200, 401])
        #expect(replies[2].json["detail"]?.string?.contains("expired") == true)
        #expect(fresh.status == 200)
    }

    @Test func tokenExpiresAfterItsLifetime() async throws {
        let reply = try await HubSession.with(options: FakeHubOptions(tokenLifetime: .milliseconds(200))) { hub in
            let token = try await hub.token(Fixture.Edge.admin)
            try await Task.sleep(for: .milliseconds(300))
            return try await hub.get("/v2/user", token: token)
        }
        #expect(reply.status == 401)
        #expect(reply.json["detail"]?.string?.contains("expired") == true)
    }

    @Test func eachRunStartsWithAnEmptyRequestLog() async throws {
        let hub = FakeHub(dataset: Fixture.edgeCases)
        for _ in 0..<2 {
            let count = try await hub.withRunning { running in
                _ = try await HubSession(hub: running).get("/v2/user")
                return await running.requests().count
            }
            #expect(count == 1)
        }
    }
}
