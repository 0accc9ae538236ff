import FakeHub
import Testing

@Suite struct PayloadTests {
    @Test func invitesAreAnUnpagedDataEnvelope() async throws {
        let reply = try await HubSession.with { hub in
            try await hub.get("/v2/orgs/northwind/invites", token: try await hub.token(Fixture.Edge.admin))
        }
        #expect(reply.json.keys == ["data"])
        let invites = try #require(reply.json["data"]?.array)
        #expect(invites.count == 2)
        #expect(
            invites[0]
                == .object([
                    "id": .string("e36eca69-4cc8-4f17-9845-ae8c2b832691"), "inviter_username": .string("edgeadmin"),
                    "invitee": .string("new.hire@northwind.example"), "org": .string("northwind"),
                    "team": .string("dev_team"), "role": .string("member"),
                    "created_at": .string("2025-09-30T12:00:00.000000Z"),
                ]))
        #expect(invites[1]["invitee"]?.string == "outsider")
        #expect(invites[1]["team"]?.isNull == true)
        #expect(invites[1]["role"]?.isNull == true)
    }

    @Test func membersCarryRoleGroupsGuestFlagAndOptionalLastLogin() async throws {
        let members = try await HubSession.with { hub in
            try await hub.get(
                "/v2/orgs/northwind/members?page_size=100", token: try await hub.token(Fixture.Edge.admin)
            )
            .json.results
        }
        let byName = Dictionary(
            uniqueKeysWithValues: members.compactMap { member in member["username"]?.string.map { ($0, member) } })
        let admin = try #require(byName["edgeadmin"])
        #expect(admin["role"]?.string == "Owner")
        #expect(admin["groups"] == .array([.string("owners")]))
        #expect(admin["last_logged_in_at"]?.string == "2025-10-01T09:12:00Z")
        #expect(admin["type"]?.string == "User")
        #expect(admin["id"]?.string == "e0a1b2c3d4e5f60718293a4b5c6d7e01")
        #expect(byName["ellie"]?["role"]?.string == "Editor")
        #expect(byName["ellie"]?.keys.contains("last_logged_in_at") == false)
        #expect(byName["audra"]?["role"]?.string == "Security Auditor")
        #expect(byName["gus"]?["is_guest"]?.bool == true)
        #expect(byName["gus"]?["groups"] == .array([.string("dev_team")]))
        #expect(byName["nora"]?["email"]?.isNull == true)
        #expect(byName["nora"]?["full_name"]?.isNull == true)
        #expect(byName["zoe"]?["full_name"]?.string == "Zoë \"Zee\" Ünal 🚀")
        #expect(byName["zoe"]?["location"]?.string == "東京")
    }

    @Test func textRoundTripsUnicodeQuotesAndNewlines() async throws {
        let (repositories, teams, org) = try await HubSession.with { hub in
            let token = try await hub.token(Fixture.Edge.admin)
            return (
                try await hub.get("/v2/namespaces/northwind/repositories", token: token).json.results,
                try await hub.get("/v2/orgs/northwind/groups", token: token).json.results,
                try await hub.get("/v2/orgs/northwind", token: token).json
            )
        }
        #expect(repositories[0]["description"]?.string == "Public API, \"v2\"\nsecond line")
        #expect(repositories[1]["description"]?.string == "Site web 🌐 — «public»")
        #expect(repositories[3]["description"]?.isNull == true)
        #expect(repositories[3]["repository_type"]?.isNull == true)
        #expect(repositories[3]["status_description"]?.string == "inactive")
        #expect(repositories[2]["last_updated"]?.isNull == true)
        let expectedKeys: Set<String> = [
            "name", "namespace", "repository_type", "status", "status_description", "description", "is_private",
            "star_count", "pull_count", "last_updated", "last_modified", "date_registered", "affiliation",
            "media_types", "content_types", "categories", "storage_size",
        ]
        #expect(repositories[0].keys == expectedKeys)
        #expect(teams[2]["description"]?.string == "Développeurs 🚀 — «core» team")
        #expect(teams[2]["member_count"]?.int == 4)
        #expect(teams[1]["description"]?.isNull == true)
        #expect(teams[1]["member_count"]?.int == 0)
        #expect(teams[3]["role"]?.isNull == true)
        #expect(org["full_name"]?.string == "Northwind Traders, \"NW\"")
        #expect(org["company"] == nil)
        #expect(org["orgname"]?.string == "northwind")
    }

    @Test func personalAccessTokensAreRedactedWithActiveCount() async throws {
        let reply = try await HubSession.with { hub in
            try await hub.get("/v2/access-tokens", token: try await hub.token(Fixture.Edge.admin))
        }
        #expect(reply.json["count"]?.int == 3)
        #expect(reply.json["active_count"]?.int == 2)
        let first = try #require(reply.json.results.first)
        #expect(first["token"]?.string == "***")
        #expect(first["client_id"]?.string == "HUB")
        #expect(first["generated_by"]?.string == "manual")
        #expect(first["token_label"]?.string == "sync, \"admin\"")
        #expect(first["scopes"] == .array([.string("repo:admin")]))
        #expect(first["expires_at"]?.isNull == true)
        #expect(!reply.text.contains("dckr_pat_"))
    }

    @Test func organizationTokenDetailAddsResources() async throws {
        let reply = try await HubSession.with { hub in
            try await hub.get(
                "/v2/orgs/northwind/access-tokens/a7a5ef25-8889-43a0-8cc7-f2a94268e861",
                token: try await hub.token(Fixture.Edge.admin))
        }
        #expect(reply.json["label"]?.string == "snapshot-reader")
        #expect(reply.json["resources"]?[1]?["path"]?.string == "northwind/*")
        #expect(reply.json["resources"]?[0]?["type"]?.string == "TYPE_ORG")
        #expect(!reply.text.contains("dckr_oat_"))
    }

    @Test func everyResponseHasLengthTypeAndRateLimitHeaders() async throws {
        let replies = try await HubSession.with { hub in
            [
                try await hub.get("/v2/user"), try await hub.get("/missing"),
                try await hub.get("/v2/user", token: try await hub.token(Fixture.Edge.admin)),
            ]
        }
        for reply in replies {
            #expect(reply.header("Content-Length") == String(reply.text.utf8.count))
            #expect(reply.header("Content-Type") == "application/json")
            #expect(reply.header("X-RateLimit-Limit") == "180")
            #expect(reply.header("X-RateLimit-Remaining") != nil)
            #expect(Int(reply.header("X-RateLimit-Reset") ?? "") != nil)
        }
        #expect(replies[2].header("X-RateLimit-Remaining") == "179")
    }
}
