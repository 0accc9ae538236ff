import FakeHub
import Foundation
import TestSupport
import Testing

/// What a Docker Hub (or something posing as it) may send that hubsnap must not take as access data: each case
/// ends the sync with one line and a documented exit code, the previous snapshot untouched.
struct HostileHubTests {
    static let dataset = SyncFailureTests.dataset
    static var org: String { dataset.orgs[0].name }

    /// True when `request` asks for page `page` of the list at `path`.
    static func isPage(_ request: RequestAttempt, of path: String, _ page: Int) -> Bool {
        guard request.path == path else { return false }
        let query = request.query ?? ""
        return page == 1 ? !query.contains("page=") : query.contains("page=\(page)&") || query.hasSuffix("page=\(page)")
    }

    /// Runs `sync --org <org>` as the admin against a FakeHub that rewrites bodies with `rewrite`.
    func sync(
        _ extra: [String] = [], options: FakeHubOptions
    ) async throws -> Binary.Result {
        try await SyncFailureTests().failingSync(
            ["--org", Self.org] + extra, environment: CLIHarness.password, options: options)
    }

    /// Replaces the first result of page 1 at `path`: `field` set to `value`, or removed when `value` is nil.
    static func spoil(_ path: String, _ field: String, _ value: JSONValue?) -> FakeHubOptions {
        FakeHubOptions(
            rateLimit: 1_000_000,
            rewriteBody: { request, body in
                guard isPage(request, of: path, 1), !body.results.isEmpty else { return body }
                var results = body.results
                results[0] = value.map { results[0].setting(field, to: $0) } ?? results[0].removing(field)
                return body.setting("results", to: .array(results))
            })
    }

    // MARK: - Fields that decide access

    @Test(arguments: [
        ("/v2/namespaces/{org}/repositories", "is_private", JSONValue.null),
        ("/v2/namespaces/{org}/repositories", "is_private", nil),
        ("/v2/orgs/{org}/members", "role", JSONValue.null),
        ("/v2/orgs/{org}/members", "role", nil),
        ("/v2/orgs/{org}/members", "role", JSONValue.string("")),
    ])
    func aMissingAccessFieldExits69NamingTheEndpointAndField(
        template: String, field: String, value: JSONValue?
    ) async throws {
        let path = template.replacingOccurrences(of: "{org}", with: Self.org)
        let result = try await sync(options: Self.spoil(path, field, value))
        #expect(result.status == 69, "\(result.stderr)")
        #expect(result.stderr.contains("GET \(path)"), "\(result.stderr)")
        #expect(
            result.stderr.contains("results[0].\(field)") || result.stderr.contains("'\(field)'"), "\(result.stderr)")
    }

    @Test(arguments: [JSONValue.string(""), .null])
    func aGrantWithoutAPermissionExits69NamingTheEndpoint(value: JSONValue) async throws {
        let org = Self.dataset.orgs[0]
        let repository = try #require(org.repositories.first { !$0.teamPermissions.isEmpty })
        let path = "/v2/repositories/\(org.name)/\(repository.name)/groups"
        let result = try await sync(options: Self.spoil(path, "permission", value))
        #expect(result.status == 69, "\(result.stderr)")
        #expect(result.stderr.contains("GET \(path)"), "\(result.stderr)")
        #expect(result.stderr.contains("results[0].permission"), "\(result.stderr)")
    }

    // MARK: - Paging

    @Test func aNextThatIsNewOnEveryPageExits69SoonAfterTheCount() async throws {
        let path = "/v2/orgs/\(Self.org)/members"
        let options = FakeHubOptions(
            rateLimit: 1_000_000,
            rewriteBody: { request, body in
                // Page 1 again and again, each time under a new URL (relative: the client resolves it on the API's
                // origin, and the test needs no port).
                guard request.path == path else { return body }
                let nonce = Int(request.query?.split(separator: "nonce=").last?.prefix { $0.isNumber } ?? "") ?? 0
                return body.setting("next", to: .string("\(path)?nonce=\(nonce + 1)&page_size=100"))
            })
        let result = try await sync(options: options)
        #expect(result.status == 69, "\(result.stderr)")
        #expect(result.stderr.contains("paging GET \(path) went on past 6 pages"), "\(result.stderr)")
    }

    // MARK: - Names in request paths

    /// Repositories named with what a path would read as structure: each is still asked for by its own name.
    @Test func namesWithSlashesDotsAndPercentsAddressThemselves() async throws {
        var dataset = Self.dataset
        let names = ["a/b", "..", ".", "x?y#z", "%2e%2e"]
        let granted = dataset.orgs[0].repositories.indices.filter {
            !dataset.orgs[0].repositories[$0].teamPermissions.isEmpty
        }
        try #require(granted.count >= names.count)
        for (index, name) in zip(granted, names) {
            dataset.orgs[0].repositories[index].name = name
        }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let output = directory.path("hub.db")
        let result = try await CLIHarness.withHub(dataset) { hub in
            try await Binary.run(
                ["sync", "--api-url", hub.baseURL, "--org", Self.org, "--output", output],
                environment: CLIHarness.password)
        }
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("warnings: 0"), "\(result.stdout)")
        let expected = ExpectedSnapshot(
            dataset: dataset, orgs: [Self.org], principal: DemoCredentials.username, access: .owner)
        let differences = SnapshotDump.differences(
            actual: try SnapshotDump.tables(at: output), expected: expected.tables)
        #expect(differences.isEmpty, "\(differences)")
    }

    // MARK: - Secrets a server echoes

    /// A login refusal that quotes the password it refused: the error line says the login failed, not the secret.
    @Test func aSecretEchoedInALoginRefusalIsRedacted() async throws {
        let secret = "correct-horse-battery-staple"
        let options = FakeHubOptions(
            rateLimit: 1_000_000,
            override: { request in
                guard request.method == "POST" else { return nil }
                return .init(status: 401, body: #"{"detail":"password '\#(secret)' is wrong for this account"}"#)
            })
        var environment = CLIHarness.password
        environment["DOCKERHUB_PASSWORD"] = secret
        let result = try await SyncFailureTests().failingSync(
            ["--org", Self.org], environment: environment, options: options)
        #expect(result.status == 77, "\(result.stderr)")
        #expect(!result.stderr.contains(secret), "\(result.stderr)")
        #expect(result.stderr.contains("password '[redacted]' is wrong"), "\(result.stderr)")
    }

    /// A refusal of one part that quotes the token and the bearer, with the secret where the 200-character cut
    /// of a detail falls: neither the error, the logs nor the stored warning keeps any of it.
    @Test func aSecretEchoedInAPartRefusalIsRedactedBeforeItIsCut() async throws {
        let secret = DemoCredentials.patSecret
        let options = FakeHubOptions(
            rateLimit: 1_000_000,
            override: { request in
                guard request.path == "/v2/orgs/\(Self.org)/invites" else { return nil }
                let padding = String(repeating: "x", count: 185)
                return .init(
                    status: 403,
                    body: #"{"detail":"\#(padding) \#(secret) for Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln"}"#)
            })
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let output = directory.path("hub.db")
        let result = try await CLIHarness.withHub(Self.dataset, options: options) { hub in
            try await Binary.run(
                ["sync", "--api-url", hub.baseURL, "--org", Self.org, "--output", output, "--log-level", "debug"],
                environment: CLIHarness.password)
        }
        #expect(result.status == 0, "\(result.stderr)")
        let warnings = try #require(try SnapshotDump.snapshotRow(at: output)["warnings"] ?? nil)
        #expect(warnings.contains("[redacted]"), "\(warnings)")
        for text in [warnings, result.stderr, result.stdout] {
            #expect(!text.contains(String(secret.prefix(12))), "\(text)")
            #expect(!text.contains("eyJ"), "\(text)")
        }
    }

    // MARK: - Transport

    @Test func aRefusedConnectionSaysSoOnce() async throws {
        // A port that was just in use and is closed now.
        let closed = try await CLIHarness.withHub(Self.dataset) { hub in hub.baseURL }
        let result = try await SyncFailureTests().failingSync(
            ["--api-url", closed, "--max-attempts", "1"], environment: CLIHarness.password)
        #expect(result.status == 69, "\(result.stderr)")
        #expect(result.stderr.components(separatedBy: "onnection refused").count == 2, "\(result.stderr)")
        #expect(!result.stderr.contains("errno"), "\(result.stderr)")
    }

    /// TLS to something that does not speak it: the reason in a few words, and no source path of the TLS library.
    @Test func aTLSFailureNamesItsReasonWithoutABuildPath() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let result = try await CLIHarness.withHub(Self.dataset) { hub in
            try await Binary.run(
                [
                    "sync", "--api-url", hub.baseURL.replacingOccurrences(of: "http://", with: "https://"),
                    "--output", directory.path("hub.db"), "--max-attempts", "1",
                ], environment: CLIHarness.password)
        }
        #expect(result.status == 69, "\(result.stderr)")
        #expect(result.stderr.contains("TLS handshake failed"), "\(result.stderr)")
        for fragment in [".build", "checkouts", ".cc:", "BoringSSL", "Sources/"] {
            #expect(!result.stderr.contains(fragment), "\(result.stderr)")
        }
    }
}
