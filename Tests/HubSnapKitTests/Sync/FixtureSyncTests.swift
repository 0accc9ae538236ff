import FakeHub
import Foundation
import HubAPI
import HubSnapKit
import TestSupport
import Testing

/// The hand-written edge cases of `Fixtures/edge-cases`, synced with every kind of credential.
struct FixtureSyncTests {
    static let dataset: Dataset = {
        do {
            return try Dataset.load(contentsOf: Fixtures.dataset("edge-cases"))
        } catch {
            Issue.record("cannot load Fixtures/edge-cases: \(error)")
            return Dataset(users: [], orgs: [])
        }
    }()
    static let orgs = ["northwind", "southpaw"]

    func expectExact(_ outcome: SyncHarness.Outcome, orgs: [String], principal: String, access: ExpectedSnapshot.Access)
    {
        let expected = ExpectedSnapshot(dataset: Self.dataset, orgs: orgs, principal: principal, access: access)
        let differences = SnapshotDump.differences(actual: outcome.tables, expected: expected.tables)
        #expect(differences.isEmpty, "\(differences)")
    }

    @Test func ownerPasswordReadsEverything() async throws {
        let outcome = try await SyncHarness.sync(
            Self.dataset, credentials: Credentials(identifier: "edgeadmin", secret: Secret("edge-admin-password")))
        expectExact(outcome, orgs: Self.orgs, principal: "edgeadmin", access: .owner)
        #expect(outcome.warnings.isEmpty, "\(outcome.warnings)")
        // Spot checks of what the oracle compares in bulk: decoding quirks end up normalized.
        let members = try #require(outcome.tables["org_members"])
        #expect(members.contains { $0[1] == "audra" && $0[2] == "security auditor" })
        #expect(members.contains { $0[1] == "ellie" && $0[2] == "editor" })
        let descriptions = (outcome.tables["repositories"] ?? []).compactMap { $0[4] }
        #expect(descriptions.contains { $0.contains("\n") && $0.contains("\"") && $0.contains(",") })
    }

    @Test func adminPATReadsRepositoriesAndTheirPermissions() async throws {
        let outcome = try await SyncHarness.sync(
            Self.dataset,
            credentials: Credentials(identifier: "edgeadmin", secret: Secret("dckr_pat_edgeAdminActive000000000001")))
        expectExact(outcome, orgs: Self.orgs, principal: "edgeadmin", access: .adminPAT)
        #expect(outcome.warnings.contains { $0.contains("'northwind': members and team memberships not read") })
        #expect(outcome.warnings.contains { $0.contains("organization access token") })
    }

    @Test func publicReadPATSeesPublicRepositoriesOnly() async throws {
        let outcome = try await SyncHarness.sync(
            Self.dataset,
            credentials: Credentials(identifier: "edgeadmin", secret: Secret("dckr_pat_edgeAdminPublicRead00000003")))
        var access = ExpectedSnapshot.Access.adminPAT
        access.publicRepositoriesOnly = true
        access.repositoryPermissions = false
        expectExact(outcome, orgs: Self.orgs, principal: "edgeadmin", access: access)
        #expect(outcome.warnings.contains { $0.contains("repository team permissions not read") })
    }

    @Test func readerOATReadsItsOrganization() async throws {
        let outcome = try await SyncHarness.sync(
            Self.dataset,
            credentials: Credentials(identifier: "northwind", secret: Secret("dckr_oat_edgeNorthwindReader000000001")),
            orgs: ["northwind"])
        expectExact(outcome, orgs: ["northwind"], principal: "northwind", access: .readAllOAT)
    }

    @Test func membersOnlyOATStoresMembersAndWarnsAboutTheRest() async throws {
        let outcome = try await SyncHarness.sync(
            Self.dataset,
            credentials: Credentials(identifier: "northwind", secret: Secret("dckr_oat_edgeNorthwindMembersOnly0003")),
            orgs: ["northwind"])
        var access = ExpectedSnapshot.Access.readAllOAT
        access.teams = false
        access.invites = false
        access.repositoryPermissions = false
        access.publicRepositoriesOnly = true
        expectExact(outcome, orgs: ["northwind"], principal: "northwind", access: access)
        for part in [
            "teams not read", "team memberships not stored", "pending invites not read",
            "repository team permissions not read",
        ] {
            #expect(outcome.warnings.contains { $0.contains(part) }, "no warning '\(part)' in \(outcome.warnings)")
        }
    }

    @Test func twoFactorMemberSeesWhatAMemberMay() async throws {
        let outcome = try await SyncHarness.sync(
            Self.dataset,
            credentials: Credentials(identifier: "twofactor", secret: Secret("two-factor-password"), otp: "492811"))
        var access = ExpectedSnapshot.Access.owner
        access.invites = false
        access.organizationTokens = false
        access.repositoryPermissions = false
        access.repositoriesOfMember = "twofactor"
        expectExact(outcome, orgs: ["northwind"], principal: "twofactor", access: access)
        #expect(outcome.snapshot["credential_kind"] == "password")
        #expect(outcome.warnings.contains { $0.contains("pending invites not read") })
        #expect(outcome.requests.contains { $0.path == "/v2/users/2fa-login" })
    }
}
