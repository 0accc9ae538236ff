import FakeHub
import Foundation
import TestSupport
import Testing

/// Every failure: one line, a documented exit code, and the previous snapshot untouched.
struct SyncFailureTests {
    static let dataset = Dataset.generate(seed: 11, sizes: .demo)
    static let previous = Data("a previous snapshot that must survive\n".utf8)

    /// Runs `sync` over an existing output file and checks that the file is byte-identical afterwards.
    func failingSync(
        _ extra: [String], environment: [String: String],
        options: FakeHubOptions = FakeHubOptions(rateLimit: 1_000_000),
        dataset: Dataset = Self.dataset
    ) async throws -> Binary.Result {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let output = directory.path("hub.db")
        try Self.previous.write(to: URL(fileURLWithPath: output))
        let result = try await CLIHarness.withHub(dataset, options: options) { hub in
            try await Binary.run(
                ["sync", "--api-url", hub.baseURL, "--output", output] + extra, environment: environment)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == Self.previous)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory.url.path).filter { !$0.hasSuffix(".lock") }
                == ["hub.db"])
        // Warnings logged by organizations read before the failure may come first; the error itself is
        // one line (text, or a JSON object with --log-format json), and the last one.
        let lines = result.stderr.split(separator: "\n")
        let isError = { (line: Substring) in
            line.hasPrefix("hubsnap: error: ") || (line.hasPrefix("{") && line.contains(#""level":"error""#))
        }
        #expect(lines.filter(isError).count == 1, "one error line: \(result.stderr)")
        #expect(lines.last.map(isError) == true, "error last: \(result.stderr)")
        return result
    }

    @Test func badCredentialsExit77() async throws {
        var env = CLIHarness.password
        env["DOCKERHUB_PASSWORD"] = "not-the-password"
        let result = try await failingSync([], environment: env)
        #expect(result.status == 77)
        #expect(result.stderr.contains("authentication as '\(DemoCredentials.username)' failed"))
        #expect(!result.stderr.contains("not-the-password"))
    }

    @Test func anUnknownOrganizationExits77NamingIt() async throws {
        let result = try await failingSync(["--org", "no-such-org-42"], environment: CLIHarness.password)
        #expect(result.status == 77)
        #expect(result.stderr.contains("'no-such-org-42'"))
    }

    @Test func anOrganizationTheTokenCannotSeeExits77NamingIt() async throws {
        let orgs = Self.dataset.orgs.map(\.name)
        try #require(orgs.count >= 2)
        var env = CLIHarness.oat(orgs[0])
        env["DOCKERHUB_USERNAME"] = orgs[0]
        let result = try await failingSync(["--org", orgs[0], "--org", orgs[1]], environment: env)
        #expect(result.status == 77)
        #expect(result.stderr.contains("'\(orgs[1])'"))
    }

    @Test func anOATWithoutOrgIsAUsageError() async throws {
        let result = try await failingSync([], environment: CLIHarness.oat("acme"))
        #expect(result.status == 64)
        #expect(result.stderr.contains("--org"))
    }

    @Test func noSecretIsAUsageError() async throws {
        let result = try await failingSync([], environment: ["DOCKERHUB_USERNAME": "jdoe"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("DOCKERHUB_TOKEN"))
    }

    @Test func anUnreachableHubExits69() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let output = directory.path("hub.db")
        try Self.previous.write(to: URL(fileURLWithPath: output))
        // Port 9 (discard) on loopback has no listener here: the connection is refused.
        let result = try await Binary.run(
            ["sync", "--api-url", "http://127.0.0.1:9", "--output", output, "--max-attempts", "2"],
            environment: CLIHarness.password)
        #expect(result.status == 69, "\(result.stderr)")
        #expect(result.stderr.contains("127.0.0.1") || result.stderr.contains("/v2/auth/token"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == Self.previous)
    }

    @Test func anUnwritableOutputExits73() async throws {
        let result = try await CLIHarness.withHub(Self.dataset) { hub in
            try await Binary.run(
                ["sync", "--api-url", hub.baseURL, "--output", "/nonexistent-dir-\(UUID().uuidString)/hub.db"],
                environment: CLIHarness.password)
        }
        #expect(result.status == 73)
        #expect(result.stderr.contains("does not exist"))
    }
}

/// Usage errors: one line, exit 64, and a secret flag is explained rather than merely unknown.
struct UsageTests {
    @Test(arguments: [
        (["sync", "--concurrency", "0"], "--concurrency must be between 1 and 64"),
        (["sync", "--bogus"], "Unknown option '--bogus'"),
        (["sync", "--password", "hunter2"], "a secret is never taken as a flag value"),
        (["sync", "--token=dckr_pat_x"], "a secret is never taken as a flag value"),
        (["sync", "--api-url", "hub.docker.com"], "is not a usable API URL"),
        (["sync", "--api-url", "http://hub.docker.com"], "use https"),
        (["sync", "--api-url", "http://127.0.0.1.evil.example:80"], "use https"),
        (["sync", "--secret-file", "/nonexistent/secret", "--username", "jdoe"], "cannot read the secret file"),
        (["sync", "--api-url", "https://jdoe:hunter2@hub.docker.com"], "'https://…@hub.docker.com' holds a user name"),
        (["sync", "--api-url", "https://hunter2@hub.docker.com"], "holds a user name or password"),
        (["sync", "--api-url", "http://jdoe:hunter2@127.0.0.1:8080"], "holds a user name or password"),
        (["sync", "--api-url", "https://hub.docker.com/#top"], "is not a usable API URL"),
    ])
    func usageErrorsAreOneLineAndExit64(arguments: [String], message: String) async throws {
        let result = try await Binary.run(
            arguments, environment: ["DOCKERHUB_USERNAME": "jdoe", "DOCKERHUB_TOKEN": "x"])
        #expect(result.status == 64)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!result.stderr.contains("hunter2"))
    }
}
