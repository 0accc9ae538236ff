import FakeHub
import Foundation
import Testing

/// The options that let client tests stage one precise misbehaviour: a canned reply for chosen requests, a limiter
/// that sends no `X-RateLimit-*` headers, and one-time codes that really are one-time.
struct OverrideTests {
    @Test func anOverrideAnswersInsteadOfTheRouteAndKeepsRateLimitHeaders() async throws {
        let options = FakeHubOptions(override: { request in
            guard request.path == "/v2/orgs/northwind/members", request.attempt == 1 else { return nil }
            return .init(status: 403, contentType: "text/html; charset=UTF-8", body: "<html>Just a moment...</html>")
        })
        try await HubSession.with(options: options) { hub in
            let token = try await hub.token(Fixture.Edge.admin.0, Fixture.Edge.admin.1)
            let first = try await hub.get("/v2/orgs/northwind/members", token: token)
            #expect(first.status == 403)
            #expect(first.header("content-type") == "text/html; charset=UTF-8")
            #expect(first.text == "<html>Just a moment...</html>")
            #expect(first.header("x-ratelimit-remaining") != nil)
            // The second attempt at the same URL reaches the route.
            let second = try await hub.get("/v2/orgs/northwind/members", token: token)
            #expect(second.status == 200)
            #expect(second.json["results"] != nil)
        }
    }

    @Test func withoutRateLimitHeadersOnly429sSayWhenToComeBack() async throws {
        let options = FakeHubOptions(
            rateLimit: 2, enforceRateLimit: true, rateLimitWindow: .seconds(30), rateLimitHeaders: false)
        try await HubSession.with(options: options) { hub in
            let token = try await hub.token(Fixture.Edge.admin.0, Fixture.Edge.admin.1)
            var statuses: [Int] = []
            for _ in 0..<3 {
                let reply = try await hub.get("/v2/user/", token: token)
                statuses.append(reply.status)
                #expect(reply.header("x-ratelimit-remaining") == nil)
                #expect(reply.header("x-ratelimit-limit") == nil)
                #expect((reply.header("retry-after") != nil) == (reply.status == 429))
            }
            #expect(statuses == [200, 200, 429])
        }
    }

    @Test func aSingleUseCodeFinishesOneLoginOnly() async throws {
        try await HubSession.with(options: FakeHubOptions(singleUseSecondFactorCodes: true)) { hub in
            var statuses: [Int] = []
            for _ in 0..<2 {
                let first = try await hub.post(
                    "/v2/users/login", ["username": Fixture.Edge.twoFactor.0, "password": Fixture.Edge.twoFactor.1])
                let challenge = try #require(first.json["login_2fa_token"]?.string)
                let second = try await hub.post(
                    "/v2/users/2fa-login", ["login_2fa_token": challenge, "code": Fixture.Edge.twoFactorCode])
                statuses.append(second.status)
            }
            #expect(statuses == [200, 401])
        }
    }
}
