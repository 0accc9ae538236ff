import FakeHub
import Foundation
import Logging
import Testing

@testable import HubAPI

/// The three token exchanges, the second factor, and how refusals are reported — over real HTTP.
struct AuthenticationTests {
    static let dataset = Dataset(
        users: [
            .init(
                id: "a1", username: "alice", email: "alice@acme.example", dateJoined: "2020-01-01T00:00:00Z",
                password: "pw-alice",
                personalAccessTokens: [
                    .init(
                        uuid: "11111111-1111-1111-1111-111111111111", label: "ci", secret: "dckr_pat_alice",
                        scopes: ["repo:admin"], createdAt: "2024-01-01T00:00:00Z")
                ]),
            .init(
                id: "b2", username: "bob", dateJoined: "2021-01-01T00:00:00.123456Z", password: "pw-bob",
                totpCode: "492811"),
        ],
        orgs: [
            .init(
                id: "o1", name: "acme", dateJoined: "2019-01-01T00:00:00Z",
                members: [.init(username: "alice", role: "Owner"), .init(username: "bob", role: "Member")],
                accessTokens: [
                    .init(
                        id: "22222222-2222-2222-2222-222222222222", label: "reader", secret: "dckr_oat_acme",
                        createdBy: "alice", createdAt: "2025-01-01T00:00:00Z",
                        resources: [.init(type: "TYPE_ORG", path: "acme", scopes: ["scope-member-read"])])
                ])
        ])

    /// Runs `body` with a client for `credentials` against a FakeHub serving ``dataset``.
    func withClient<T: Sendable>(
        _ credentials: Credentials, _ body: @Sendable (HubClient, RunningFakeHub) async throws -> T
    ) async throws -> T {
        try await FakeHub(dataset: Self.dataset, options: FakeHubOptions(rateLimit: 1_000_000)).withRunning { hub in
            let configuration = HubClientConfiguration(
                baseURL: try HubClientConfiguration.parseBaseURL(hub.baseURL), maxAttempts: 2,
                initialBackoff: .milliseconds(1))
            return try await HubClient.withClient(
                configuration: configuration, credentials: credentials,
                logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
            ) { client in try await body(client, hub) }
        }
    }

    @Test func aPasswordIsExchangedAtTheTokenEndpoint() async throws {
        let paths = try await withClient(Credentials(identifier: "alice", secret: Secret("pw-alice"))) { client, hub in
            try await client.authenticate()
            #expect(try await client.currentUser().username == "alice")
            return await hub.requests().map(\.path)
        }
        #expect(paths.first == "/v2/auth/token")
        #expect(!paths.contains("/v2/users/login"))
    }

    @Test func aSecondFactorFinishesTheLegacyLogin() async throws {
        let paths = try await withClient(Credentials(identifier: "bob", secret: Secret("pw-bob"), otp: "492811")) {
            client, hub in
            try await client.authenticate()
            #expect(try await client.currentUser().username == "bob")
            return await hub.requests().map(\.path)
        }
        #expect(paths.prefix(3) == ["/v2/auth/token", "/v2/users/login", "/v2/users/2fa-login"])
    }

    @Test func aMissingSecondFactorSaysHowToGiveIt() async throws {
        let error = await #expect(throws: APIError.self) {
            try await withClient(Credentials(identifier: "bob", secret: Secret("pw-bob"))) { client, _ in
                try await client.authenticate()
            }
        }
        #expect(error == .secondFactorRequired(identifier: "bob"))
        #expect(error?.localizedDescription.contains("--otp") == true)
    }

    @Test func aWrongSecondFactorFails() async throws {
        let error = await #expect(throws: APIError.self) {
            try await withClient(Credentials(identifier: "bob", secret: Secret("pw-bob"), otp: "000000")) { client, _ in
                try await client.authenticate()
            }
        }
        guard case .authenticationFailed(let identifier, _) = error else {
            Issue.record("expected authenticationFailed, got \(String(describing: error))")
            return
        }
        #expect(identifier == "bob")
    }

    @Test(arguments: [
        ("alice", "wrong"), ("nobody", "pw-alice"), ("acme", "dckr_oat_wrong"), ("alice", "dckr_pat_wrong"),
    ])
    func badCredentialsFailAuthentication(identifier: String, secret: String) async throws {
        let error = await #expect(throws: APIError.self) {
            try await withClient(Credentials(identifier: identifier, secret: Secret(secret))) { client, _ in
                try await client.authenticate()
            }
        }
        guard case .authenticationFailed(let named, _) = error else {
            Issue.record("expected authenticationFailed, got \(String(describing: error))")
            return
        }
        #expect(named == identifier)
        #expect(error?.localizedDescription.contains(secret) == false)
    }

    @Test func anOrganizationTokenUsesTheOrgNameAsIdentifier() async throws {
        let members = try await withClient(Credentials(identifier: "acme", secret: Secret("dckr_oat_acme"))) {
            client, _ in
            try await client.authenticate()
            return try await client.members(of: "acme").map(\.username)
        }
        #expect(members == ["alice", "bob"])
    }

    @Test func aPATRefusedOrgDataNamesTheKindRefused() async throws {
        let error = await #expect(throws: APIError.self) {
            try await withClient(Credentials(identifier: "alice", secret: Secret("dckr_pat_alice"))) { client, _ in
                _ = try await client.members(of: "acme")
            }
        }
        guard case .tokenKindNotAllowed(_, let kind) = error else {
            Issue.record("expected tokenKindNotAllowed, got \(String(describing: error))")
            return
        }
        #expect(kind == .pat)
        // Which credential can read it depends on the part: the sync's warning says (WarningTests).
        #expect(
            error?.localizedDescription
                == "Docker Hub does not let a personal access token read GET /v2/orgs/acme/members")
    }

    @Test func anOATRefusedUserDataNamesTheKindRefused() async throws {
        let error = await #expect(throws: APIError.self) {
            try await withClient(Credentials(identifier: "acme", secret: Secret("dckr_oat_acme"))) { client, _ in
                _ = try await client.userOrganizations()
            }
        }
        guard case .tokenKindNotAllowed(_, let kind) = error else {
            Issue.record("expected tokenKindNotAllowed, got \(String(describing: error))")
            return
        }
        #expect(kind == .oat)
        #expect(
            error?.localizedDescription
                == "Docker Hub does not let an organization access token read GET /v2/user/orgs/"
        )
    }

    @Test func aRoleDenialIsForbiddenNotATokenKindProblem() async throws {
        let error = await #expect(throws: APIError.self) {
            try await withClient(Credentials(identifier: "bob", secret: Secret("pw-bob"), otp: "492811")) { client, _ in
                _ = try await client.invites(of: "acme")
            }
        }
        guard case .forbidden = error else {
            Issue.record("expected forbidden, got \(String(describing: error))")
            return
        }
    }
}
