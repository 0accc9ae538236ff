import FakeHub
import Testing

/// The ``FakeHubOptions/rewriteBody`` hook for hostile payloads.
@Suite struct RewriteTests {
    static let repositories = "/v2/namespaces/northwind/repositories"

    @Test func rewriteChangesAListBody() async throws {
        let options = FakeHubOptions(rewriteBody: { request, body in
            guard request.path == Self.repositories else {
                return body
            }
            let items = body.results
            return
                body
                .setting("count", to: .int(Int.max))
                .setting("next", to: "http://elsewhere.example/v2/namespaces/northwind/repositories?page=2")
                .setting("results", to: .array(items + items))
                .mappingResults { $0.setting("description", to: 42).setting("name", to: .null).removing("namespace") }
        })
        let (original, rewritten) = try await HubSession.with(options: options) { hub in
            (try await hub.get("/v2/orgs/northwind/members"), try await hub.get(Self.repositories))
        }
        #expect(original.status == 401)
        #expect(rewritten.status == 200)
        #expect(rewritten.json["count"]?.int == Int.max)
        #expect(rewritten.json["next"]?.string?.hasPrefix("http://elsewhere.example/") == true)
        let results = rewritten.json.results
        #expect(results.count >= 2 && results.count.isMultiple(of: 2))
        #expect(results.allSatisfy { $0["description"] == .int(42) && $0["name"]?.isNull == true })
        #expect(results.allSatisfy { $0["namespace"] == nil && $0["is_private"] != nil })
    }

    @Test func rewriteSeesTheMethodPathQueryAndAttempt() async throws {
        let options = FakeHubOptions(rewriteBody: { request, body in
            body
                .setting("seen_method", to: .string(request.method))
                .setting("seen_query", to: request.query.map(JSONValue.string) ?? .null)
                .setting("seen_attempt", to: .int(request.attempt))
        })
        let replies = try await HubSession.with(options: options) { hub in
            [
                try await hub.get(Self.repositories + "?page_size=1"),
                try await hub.get(Self.repositories + "?page_size=1"),
                try await hub.get(Self.repositories),
            ]
        }
        #expect(replies.map { $0.json["seen_attempt"]?.int } == [1, 2, 1])
        #expect(replies.map { $0.json["seen_query"]?.string } == ["page_size=1", "page_size=1", nil])
        #expect(replies.allSatisfy { $0.json["seen_method"]?.string == "GET" })
    }

    @Test func rewriteAppliesToTokenExchangeButNotToErrorBodies() async throws {
        let options = FakeHubOptions(rewriteBody: { _, _ in .object(["rewritten": true]) })
        let (minted, refused, anonymous) = try await HubSession.with(options: options) { hub in
            (
                try await hub.post("/v2/auth/token", ["identifier": "edgeadmin", "secret": "edge-admin-password"]),
                try await hub.post("/v2/auth/token", ["identifier": "edgeadmin", "secret": "wrong"]),
                try await hub.get("/v2/user")
            )
        }
        #expect(minted.status == 200)
        #expect(minted.json == .object(["rewritten": .bool(true)]))
        #expect(refused.status == 401)
        #expect(refused.json["detail"]?.string == "Incorrect authentication credentials")
        #expect(anonymous.status == 401)
        #expect(anonymous.json["detail"]?.string == "Authentication credentials were not provided.")
    }

    @Test func aBodyThatCannotBeEncodedAnswers500() async throws {
        let options = FakeHubOptions(rewriteBody: { _, body in body.setting("count", to: .double(.nan)) })
        let reply = try await HubSession.with(options: options) { hub in try await hub.get(Self.repositories) }
        #expect(reply.status == 500)
        #expect(reply.json["message"]?.string == "internal server error")
    }
}
