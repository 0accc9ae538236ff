import FakeHub
import Testing

/// The access table of docs/fakehub.md, against the edge-cases fixture.
@Suite struct AccessTests {
    static let patRestriction = JSON.object([
        "errinfo": .object([:]), "message": .string("token issued from personal access token is not allowed"),
    ])
    static let oatRestriction = JSON.object([
        "errinfo": .object([:]), "message": .string("token issued from organization access token is not allowed"),
    ])
    static let permissionDenied = JSON.object(["errinfo": .null, "message": .string("permission denied")])

    @Test func personalAccessTokensCannotReadOrgManagementRoutes() async throws {
        let replies = try await HubSession.with { hub in
            let token = try await hub.token(Fixture.Edge.adminPAT)
            var replies: [Reply] = []
            for path in [
                "/v2/orgs/northwind/members", "/v2/orgs/northwind/groups", "/v2/orgs/northwind/groups/dev_team/members",
                "/v2/orgs/northwind/invites", "/v2/access-tokens", "/v2/orgs/northwind/access-tokens",
                "/v2/orgs/northwind/access-tokens/a7a5ef25-8889-43a0-8cc7-f2a94268e861",
            ] {
                replies.append(try await hub.get(path, token: token))
            }
            return replies
        }
        for reply in replies {
            #expect(reply.status == 403)
            #expect(reply.json == Self.patRestriction)
        }
    }

    @Test func personalAccessTokensReadUserOrgAndRepositoryRoutes() async throws {
        try await HubSession.with { hub in
            let token = try await hub.token(Fixture.Edge.adminPAT)
            #expect(try await hub.get("/v2/user", token: token).json["username"]?.string == "edgeadmin")
            #expect(
                try await hub.get("/v2/user/orgs", token: token).json.resultStrings("orgname") == [
                    "northwind", "southpaw",
                ])
            #expect(try await hub.get("/v2/orgs/southpaw", token: token).status == 200)
            let repositories = try await hub.get("/v2/namespaces/northwind/repositories", token: token)
            #expect(repositories.json["count"]?.int == 4)
            let groups = try await hub.get("/v2/repositories/northwind/api/groups", token: token)
            #expect(groups.json.resultStrings("group_name") == ["dev_team", "release-eng"])
            #expect(groups.json.results.first?["group_id"]?.int == 63)
        }
    }

    @Test func publicReadPATSeesPublicRepositoriesOnly() async throws {
        let names = try await HubSession.with { hub in
            let token = try await hub.token(Fixture.Edge.adminPublicReadPAT)
            return try await hub.get("/v2/namespaces/northwind/repositories", token: token).json.resultStrings("name")
        }
        #expect(names == ["website", "legacy-plugin"])
    }

    @Test func organizationAccessTokensAreLimitedToTheirOrgAndScopes() async throws {
        try await HubSession.with { hub in
            let token = try await hub.token(Fixture.Edge.northwindOAT)
            for path in ["/v2/user", "/v2/user/orgs", "/v2/repositories/northwind/", "/v2/access-tokens"] {
                let reply = try await hub.get(path, token: token)
                #expect(reply.status == 403, "\(path)")
                #expect(reply.json == Self.oatRestriction, "\(path)")
            }
            #expect(try await hub.get("/v2/orgs/northwind", token: token).status == 200)
            #expect(try await hub.get("/v2/orgs/southpaw", token: token).json == Self.permissionDenied)
            #expect(
                try await hub.get("/v2/orgs/nosuchorg", token: token).json["detail"]?.string == "No such organization")
            #expect(try await hub.get("/v2/orgs/southpaw/members", token: token).status == 403)
            #expect(try await hub.get("/v2/orgs/northwind/members", token: token).json["count"]?.int == 9)
            #expect(try await hub.get("/v2/orgs/northwind/invites", token: token).status == 200)
            #expect(try await hub.get("/v2/namespaces/northwind/repositories", token: token).json["count"]?.int == 4)
            #expect(try await hub.get("/v2/repositories/northwind/api/groups", token: token).status == 200)

            let limited = try await hub.token(Fixture.Edge.northwindMembersOnlyOAT)
            #expect(try await hub.get("/v2/orgs/northwind/members", token: limited).status == 200)
            #expect(try await hub.get("/v2/orgs/northwind/groups", token: limited).json == Self.permissionDenied)
            #expect(try await hub.get("/v2/orgs/northwind/invites", token: limited).json == Self.permissionDenied)
            #expect(try await hub.get("/v2/repositories/northwind/api/groups", token: limited).status == 403)
            let publicOnly = try await hub.get("/v2/namespaces/northwind/repositories", token: limited)
            #expect(publicOnly.status == 200)
            #expect(publicOnly.json.resultStrings("name") == ["website", "legacy-plugin"])
        }
    }

    @Test func membersSeePublicRepositoriesAndTheirTeamsRepositories() async throws {
        try await HubSession.with { hub in
            let member = try await hub.token(Fixture.Edge.member)
            let visible = try await hub.get("/v2/namespaces/northwind/repositories", token: member)
            #expect(visible.json.resultStrings("name") == ["api", "website", "legacy-plugin"])
            let legacy = try await hub.get("/v2/repositories/northwind/", token: member)
            #expect(legacy.json.resultStrings("name") == ["api", "website", "legacy-plugin"])
            #expect(
                try await hub.get("/v2/repositories/northwind/api/groups", token: member).json == Self.permissionDenied)
            #expect(try await hub.get("/v2/orgs/northwind/invites", token: member).json == Self.permissionDenied)
            #expect(try await hub.get("/v2/orgs/northwind/access-tokens", token: member).status == 403)
            #expect(try await hub.get("/v2/orgs/northwind/members", token: member).status == 200)

            let editor = try await hub.token(Fixture.Edge.editor)
            #expect(try await hub.get("/v2/namespaces/northwind/repositories", token: editor).json["count"]?.int == 4)
            #expect(try await hub.get("/v2/repositories/northwind/secret-sauce/groups", token: editor).status == 200)

            let outsider = try await hub.token(Fixture.Edge.outsider)
            #expect(try await hub.get("/v2/orgs/northwind", token: outsider).json == Self.permissionDenied)
            #expect(try await hub.get("/v2/orgs/northwind/members", token: outsider).status == 403)
            let outside = try await hub.get("/v2/namespaces/northwind/repositories", token: outsider)
            #expect(outside.json.resultStrings("name") == ["website", "legacy-plugin"])
            let anonymous = try await hub.get("/v2/namespaces/northwind/repositories")
            #expect(anonymous.json.resultStrings("name") == ["website", "legacy-plugin"])
        }
    }

    @Test func unknownOrgTeamRepositoryAndRouteAre404() async throws {
        try await HubSession.with { hub in
            let token = try await hub.token(Fixture.Edge.admin)
            let notFound = JSON.object(["errinfo": .null, "message": .string("not found")])
            #expect(
                try await hub.get("/v2/orgs/nosuchorg/members", token: token).json["detail"]?.string
                    == "No such organization")
            #expect(try await hub.get("/v2/orgs/northwind/groups/nope/members", token: token).json == notFound)
            #expect(try await hub.get("/v2/repositories/northwind/nope/groups", token: token).json == notFound)
            let unknown = try await hub.get("/v2/nothing/here?x=1", token: token)
            #expect(unknown.status == 404)
            #expect(unknown.json == notFound)
            let recorded = await hub.hub.requests().last
            #expect(
                recorded
                    == RecordedRequest(
                        method: "GET", path: "/v2/nothing/here", query: "x=1", status: 404, credentialKind: "password"))
        }
    }

    @Test func legacyRouteOnlyOptionRemovesTheNamespaceRoute() async throws {
        try await HubSession.with(options: FakeHubOptions(legacyRepositoryRouteOnly: true)) { hub in
            let token = try await hub.token(Fixture.Edge.admin)
            #expect(try await hub.get("/v2/namespaces/northwind/repositories", token: token).status == 404)
            #expect(try await hub.get("/v2/repositories/northwind/", token: token).json["count"]?.int == 4)
        }
    }

    @Test func teamNamesAndRepositoryNamesArePercentDecoded() async throws {
        try await HubSession.with { hub in
            let token = try await hub.token(Fixture.Edge.admin)
            #expect(
                try await hub.get("/v2/orgs/northwind/groups/dev%5Fteam/members", token: token).json["count"]?.int == 4)
            #expect(try await hub.get("/v2/repositories/northwind/legacy%2Dplugin/groups", token: token).status == 200)
        }
    }
}
