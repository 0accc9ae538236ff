import FakeHub
import Testing

@Suite struct PagingTests {
    /// 25 members in one org, so paging has several pages.
    static let dataset = Dataset.generate(
        seed: 7, sizes: GeneratorSizes(orgs: 1, membersPerOrg: 25, teamsPerOrg: 3, reposPerOrg: 0, invitesPerOrg: 0))

    @Test func nextAndPreviousAreAbsoluteURLsOnTheRequestHost() async throws {
        let (first, second, last) = try await HubSession.with(Self.dataset) { hub in
            let token = try await hub.token(DemoCredentials.username, DemoCredentials.password)
            let path = "/v2/orgs/acme/members"
            return (
                try await hub.get("\(path)?page_size=10&type=all", token: token, host: "hub.example.test:8443"),
                try await hub.get("\(path)?page=2&page_size=10", token: token),
                try await hub.get("\(path)?page=3&page_size=10", token: token)
            )
        }
        #expect(first.json["count"]?.int == 25)
        #expect(
            first.json["next"]?.string
                == "http://hub.example.test:8443/v2/orgs/acme/members?page=2&page_size=10&type=all")
        #expect(first.json["previous"]?.isNull == true)
        #expect(first.json.results.count == 10)

        let base = "http://127.0.0.1:"
        #expect(second.json["next"]?.string?.hasPrefix(base) == true)
        #expect(second.json["next"]?.string?.hasSuffix("/v2/orgs/acme/members?page=3&page_size=10") == true)
        #expect(second.json["previous"]?.string?.hasSuffix("/v2/orgs/acme/members?page=1&page_size=10") == true)
        #expect(last.json["next"]?.isNull == true)
        #expect(last.json.results.count == 5)

        let all = (first.json.results + second.json.results + last.json.results).compactMap { $0["username"]?.string }
        #expect(all == Self.dataset.orgs[0].members.map(\.username))
    }

    @Test func defaultPageSizeIsTenAndLargeSizesAreClampedTo100() async throws {
        let dataset = Dataset.generate(
            seed: 8, sizes: GeneratorSizes(orgs: 1, membersPerOrg: 130, teamsPerOrg: 2, reposPerOrg: 0))
        let (defaulted, clamped) = try await HubSession.with(dataset) { hub in
            let token = try await hub.token(DemoCredentials.username, DemoCredentials.password)
            return (
                try await hub.get("/v2/orgs/acme/members", token: token),
                try await hub.get("/v2/orgs/acme/members?page_size=1000", token: token)
            )
        }
        #expect(defaulted.json.results.count == 10)
        #expect(clamped.json.results.count == 100)
        #expect(clamped.json["next"]?.string?.hasSuffix("?page=2&page_size=100") == true)
    }

    @Test func pagePastTheEndIs404AndBadPageSizeIs400() async throws {
        let (pastEnd, zeroSize, notANumber) = try await HubSession.with(Self.dataset) { hub in
            let token = try await hub.token(DemoCredentials.username, DemoCredentials.password)
            return (
                try await hub.get("/v2/orgs/acme/members?page=4&page_size=10", token: token),
                try await hub.get("/v2/orgs/acme/members?page_size=0", token: token),
                try await hub.get("/v2/orgs/acme/members?page=abc", token: token)
            )
        }
        #expect(pastEnd.status == 404)
        #expect(pastEnd.json == .object(["detail": .string("Invalid page.")]))
        #expect(zeroSize.status == 400)
        #expect(zeroSize.json["fields"]?["page_size"]?[0]?.string != nil)
        #expect(zeroSize.json["text"]?.string != nil)
        #expect(notANumber.status == 404)
    }

    @Test func firstPageOfAnEmptyListIsAnEmptyPage() async throws {
        let (empty, pastEnd) = try await HubSession.with { hub in
            let token = try await hub.token(Fixture.Edge.admin)
            return (
                try await hub.get("/v2/orgs/northwind/groups/empty-team/members", token: token),
                try await hub.get("/v2/orgs/northwind/groups/empty-team/members?page=2", token: token)
            )
        }
        #expect(empty.status == 200)
        #expect(empty.json == .object(["count": .int(0), "next": .null, "previous": .null, "results": .array([])]))
        #expect(pastEnd.status == 404)
    }

    @Test func organizationTokenListCountsWithTotal() async throws {
        let reply = try await HubSession.with { hub in
            try await hub.get(
                "/v2/orgs/northwind/access-tokens?page_size=2", token: try await hub.token(Fixture.Edge.admin))
        }
        #expect(reply.json["total"]?.int == 3)
        #expect(reply.json["count"] == nil)
        #expect(reply.json.results.count == 2)
        #expect(reply.json["next"]?.string?.hasSuffix("/v2/orgs/northwind/access-tokens?page=2&page_size=2") == true)
        #expect(reply.json.results[0]["resources"] == nil)
    }
}
