import FakeHub
import Foundation
import TestSupport
import Testing

/// What a sync says about the parts it could not read: the same words in the same order on every run, each
/// naming the credential that can read that part.
struct WarningTests {
    static let dataset = SyncFailureTests.dataset

    /// Syncs with `environment` and returns the warnings stored in the snapshot.
    func warnings(_ extra: [String] = [], environment: [String: String]) async throws -> [String] {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let output = directory.path("hub.db")
        let result = try await CLIHarness.withHub(Self.dataset) { hub in
            try await Binary.run(
                ["sync", "--api-url", hub.baseURL, "--output", output] + extra, environment: environment)
        }
        #expect(result.status == 0, "\(result.stderr)")
        let stored = try #require(try SnapshotDump.snapshotRow(at: output)["warnings"] ?? nil)
        return try JSONDecoder().decode([String].self, from: Data(stored.utf8))
    }

    /// Each org's warnings under its name, orgs by name and each org's by text, then those about the whole sync:
    /// the order does not depend on which request finished first.
    @Test func warningsAreStoredInAFixedOrder() async throws {
        let warnings = try await warnings(environment: CLIHarness.pat)
        let orgs = Self.dataset.orgs.map(\.name).sorted()
        try #require(orgs.count >= 2)
        func org(of warning: String) -> String? {
            orgs.first { warning.hasPrefix("organization '\($0)': ") }
        }
        #expect(warnings.count > orgs.count, "\(warnings)")
        let expected = warnings.sorted { lhs, rhs in
            switch (org(of: lhs), org(of: rhs)) {
            case (let left?, let right?) where left != right: left < right
            case (nil, _?): false
            case (_?, nil): true
            default: lhs < rhs
            }
        }
        #expect(warnings == expected)
        #expect(warnings.last?.hasPrefix("personal access tokens not read") == true, "\(warnings)")
    }

    /// A personal access token may read neither an org's members nor its own kind's list; the advice names what
    /// can, never the kind that was just refused or another that would be.
    @Test func warningsForAPersonalAccessTokenNameWhatCanReadEachPart() async throws {
        let warnings = try await warnings(environment: CLIHarness.pat)
        let org = Self.dataset.orgs.map(\.name).sorted()[0]
        let expected = [
            "organization '\(org)': members and team memberships not read: Docker Hub does not let a personal access"
                + " token read GET /v2/orgs/\(org)/members; readable with a member's password or an organization"
                + " access token with scope-member-read",
            "organization '\(org)': teams not read: Docker Hub does not let a personal access token read"
                + " GET /v2/orgs/\(org)/groups; readable with a member's password or an organization access token"
                + " with scope-group-read",
            "personal access tokens not read: Docker Hub does not let a personal access token read"
                + " GET /v2/access-tokens; readable with the user's own password only (no personal or organization"
                + " access token lists them)",
        ]
        for line in expected {
            #expect(warnings.contains(line), "\(line)\n\(warnings.joined(separator: "\n"))")
        }
        #expect(!warnings.contains { $0.contains("use an organization access token") }, "\(warnings)")
    }

    @Test func warningsForAnOrganizationAccessTokenNameWhatCanReadEachPart() async throws {
        let org = Self.dataset.orgs[0].name
        var environment = CLIHarness.oat(org)
        environment["DOCKERHUB_USERNAME"] = org
        let warnings = try await warnings(["--org", org], environment: environment)
        let tokens = try #require(
            warnings.first { $0.hasPrefix("organization '\(org)': organization access tokens not read") },
            "\(warnings)")
        #expect(
            tokens.hasSuffix(
                "readable with an owner's password only (no personal or organization access token lists them)"),
            "\(tokens)")
        #expect(!warnings.contains { $0.contains("personal access token for this") }, "\(warnings)")
        #expect(!warnings.contains { $0.contains("a organization") }, "\(warnings)")
    }
}
