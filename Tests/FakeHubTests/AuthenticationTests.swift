import FakeHub
import Foundation
import Testing

@Suite struct AuthenticationTests {
    @Test func passwordPATAndOATEachMintAJWTOfTheirKind() async throws {
        let kinds = try await HubSession.with { hub in
            for credentials in [Fixture.Edge.admin, Fixture.Edge.adminPAT, Fixture.Edge.northwindOAT] {
                let token = try await hub.token(credentials)
                _ = try await hub.get("/v2/orgs/northwind", token: token)
            }
            return await hub.hub.requests().filter { $0.method == "GET" }.compactMap(\.credentialKind)
        }
        #expect(kinds == ["password", "pat", "oat"])
    }

    @Test func jwtHasThreeSegmentsAndAnExpiryClaim() async throws {
        let token = try await HubSession.with { hub in try await hub.token(Fixture.Edge.admin) }
        let segments = token.split(separator: ".").map(String.init)
        #expect(segments.count == 3)
        var payload = segments[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        payload += String(repeating: "=", count: (4 - payload.count % 4) % 4)
        let claims = try JSONDecoder().decode(JSON.self, from: try #require(Data(base64Encoded: payload)))
        let expiry = try #require(claims["exp"]?.int)
        let now = Int(Date().timeIntervalSince1970)
        #expect((now + 590...now + 610).contains(expiry))
        #expect(claims["sub"]?.string == "e0a1b2c3d4e5f60718293a4b5c6d7e01")
    }

    @Test func badInactiveAndTwoFactorSecretsAreRefusedByTokenExchange() async throws {
        let replies = try await HubSession.with { hub in
            var replies: [Reply] = []
            for (identifier, secret) in [
                ("edgeadmin", "wrong"), Fixture.Edge.adminRevokedPAT, Fixture.Edge.northwindRevokedOAT,
                Fixture.Edge.twoFactor, ("nobody", "x"), ("southpaw", Fixture.Edge.northwindOAT.1),
            ] {
                replies.append(try await hub.post("/v2/auth/token", ["identifier": identifier, "secret": secret]))
            }
            return replies
        }
        for reply in replies {
            #expect(reply.status == 401)
            #expect(reply.json["detail"]?.string == "Incorrect authentication credentials")
            #expect(reply.json["message"]?.string == "Incorrect authentication credentials")
            #expect(reply.json["errinfo"] == .object([:]))
        }
    }

    @Test func legacyLoginRunsTheTwoFactorFlow() async throws {
        try await HubSession.with { hub in
            let first = try await hub.post(
                "/v2/users/login?refresh_token=true",
                ["username": Fixture.Edge.twoFactor.0, "password": Fixture.Edge.twoFactor.1])
            #expect(first.status == 401)
            #expect(first.json["detail"]?.string == "Require secondary authentication on MFA enabled account")
            let challenge = try #require(first.json["login_2fa_token"]?.string)

            let wrong = try await hub.post("/v2/users/2fa-login", ["login_2fa_token": challenge, "code": "000000"])
            #expect(wrong.status == 401)
            #expect(wrong.json["detail"]?.string != nil)

            let second = try await hub.post(
                "/v2/users/2fa-login?refresh_token=true",
                ["login_2fa_token": challenge, "code": Fixture.Edge.twoFactorCode])
            #expect(second.status == 200)
            #expect(second.json["refresh_token"]?.string != nil)
            let token = try #require(second.json["token"]?.string)
            let user = try await hub.get("/v2/user/", token: token)
            #expect(user.json["username"]?.string == "twofactor")
            #expect(await hub.hub.requests().last?.credentialKind == "password")
        }
    }

    @Test func legacyLoginAcceptsPasswordsAndPATsButNotOrgs() async throws {
        try await HubSession.with { hub in
            let password = try await hub.post(
                "/v2/users/login", ["username": "edgeadmin", "password": "edge-admin-password"])
            #expect(password.status == 200)
            #expect(password.json["token"]?.string != nil)
            #expect(password.json["refresh_token"] == nil)

            let pat = try await hub.post(
                "/v2/users/login", ["username": "ellie", "password": Fixture.Edge.editorPAT.1])
            let patToken = try #require(pat.json["token"]?.string)
            let members = try await hub.get("/v2/orgs/northwind/members", token: patToken)
            #expect(members.status == 403)

            let org = try await hub.post(
                "/v2/users/login", ["username": "northwind", "password": Fixture.Edge.northwindOAT.1])
            #expect(org.status == 401)
            #expect(org.json == .object(["detail": .string("Cannot log into an organization account")]))

            let wrong = try await hub.post("/v2/users/login", ["username": "mia", "password": "nope"])
            #expect(wrong.status == 401)
            #expect(wrong.json == .object(["detail": .string("Incorrect authentication credentials")]))
        }
    }

    @Test func missingUnknownAndRawSecretBearersAre401() async throws {
        let replies = try await HubSession.with { hub in
            [
                try await hub.get("/v2/user"),
                try await hub.get("/v2/user", token: "eyJhbGciOiJIUzI1NiJ9.e30.c2ln"),
                try await hub.get("/v2/user", token: Fixture.Edge.adminPAT.1),
                try await hub.get("/v2/orgs/northwind/members", token: Fixture.Edge.northwindOAT.1),
            ]
        }
        for reply in replies {
            #expect(reply.status == 401)
            #expect(reply.json["detail"]?.string != nil)
        }
    }

    @Test func bodyWithoutContentLengthIsRefused() async throws {
        let reply = try await HubSession.with { hub in
            try await hub.post(
                "/v2/auth/token", ["identifier": "edgeadmin", "secret": "edge-admin-password"], chunked: true)
        }
        #expect(reply.status == 400)
    }
}
