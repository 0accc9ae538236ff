import FakeHub
import Foundation
import HubAPI
import HubSnapKit
import TestSupport
import Testing

/// A real sync over HTTP against FakeHub must store exactly the dataset: nothing missing, nothing doubled.
struct SyncEndToEndTests {
    static let generated = Dataset.generate(seed: 7, sizes: .fewThousandRows)
    /// What an owner's password sync of ``generated`` must store.
    static let ownerView = ExpectedSnapshot(
        dataset: generated, orgs: generated.orgs.map(\.name), principal: DemoCredentials.username, access: .owner)

    @Test func generatedDatasetIsLargeEnough() {
        let expected = Self.ownerView
        let rows = expected.tables.values.map(\.count).reduce(0, +)
        #expect(rows >= 2_000, "the generated dataset should hold a few thousand rows, has \(rows)")
    }

    @Test func passwordSyncStoresEveryTableExactly() async throws {
        let outcome = try await SyncHarness.sync(
            Self.generated, credentials: SyncHarness.credentials(.password, org: ""))
        let expected = Self.ownerView
        let differences = SnapshotDump.differences(actual: outcome.tables, expected: expected.tables)
        #expect(differences.isEmpty, "\(differences)")
        #expect(outcome.warnings.isEmpty, "\(outcome.warnings)")
        #expect(outcome.snapshot["credential_kind"] == "password")
        #expect(outcome.snapshot["principal"] == DemoCredentials.username)
        #expect(outcome.snapshot["org_filter"] == .some(nil))
        #expect(outcome.snapshot["http_requests"] == String(outcome.requests.count))
    }

    @Test func patSyncStoresRepositoriesAndWarnsAboutTheRest() async throws {
        let outcome = try await SyncHarness.sync(Self.generated, credentials: SyncHarness.credentials(.pat, org: ""))
        let expected = ExpectedSnapshot(
            dataset: Self.generated, orgs: Self.generated.orgs.map(\.name), principal: DemoCredentials.username,
            access: .adminPAT)
        let differences = SnapshotDump.differences(actual: outcome.tables, expected: expected.tables)
        #expect(differences.isEmpty, "\(differences)")
        #expect(outcome.snapshot["credential_kind"] == "pat")
        for org in Self.generated.orgs {
            #expect(outcome.warnings.contains { $0.contains("'\(org.name)'") && $0.contains("members") })
        }
        #expect(outcome.warnings.contains { $0.hasPrefix("personal access tokens not read") })
        #expect(outcome.warnings.allSatisfy { !$0.contains("forbidden") })
    }

    @Test func oatSyncStoresItsOrganizationAndWarnsAboutTokenLists() async throws {
        let org = try #require(Self.generated.orgs.first).name
        let outcome = try await SyncHarness.sync(
            Self.generated, credentials: SyncHarness.credentials(.oat, org: org), orgs: [org])
        let expected = ExpectedSnapshot(
            dataset: Self.generated, orgs: [org], principal: org, access: .readAllOAT)
        let differences = SnapshotDump.differences(actual: outcome.tables, expected: expected.tables)
        #expect(differences.isEmpty, "\(differences)")
        #expect(outcome.snapshot["credential_kind"] == "oat")
        #expect(outcome.snapshot["principal"] == org)
        #expect(outcome.snapshot["org_filter"] == "[\"\(org)\"]")
        #expect(outcome.warnings.contains { $0.contains("organization access tokens not read") })
        #expect(outcome.warnings.contains { $0.hasPrefix("personal access tokens not read") })
    }

    @Test func everyListIsReadWithPageSize100AndNoRequestIsSentTwice() async throws {
        let outcome = try await SyncHarness.sync(
            Self.generated, credentials: SyncHarness.credentials(.password, org: ""))
        let gets = outcome.requests.filter { $0.method == "GET" }
        let keys = gets.map { "\($0.path)?\($0.query ?? "")" }
        #expect(
            Set(keys).count == keys.count,
            "repeated: \(Dictionary(grouping: keys, by: { $0 }).filter { $1.count > 1 }.keys.prefix(5))")
        let lists = gets.filter { $0.query?.contains("page") ?? false }
        #expect(!lists.isEmpty)
        #expect(lists.allSatisfy { $0.query?.contains("page_size=100") ?? false })
        #expect(outcome.requests.allSatisfy { $0.status < 400 })
        #expect(outcome.requests.contains { $0.query?.contains("page=2") ?? false }, "the dataset should need paging")
    }

    @Test func legacyRepositoryRouteIsUsedOnlyWhenTheNewOneIsMissing() async throws {
        var options = FakeHubOptions(rateLimit: 1_000_000)
        options.legacyRepositoryRouteOnly = true
        let outcome = try await SyncHarness.sync(
            Self.generated, options: options, credentials: SyncHarness.credentials(.password, org: ""))
        let expected = Self.ownerView
        #expect(SnapshotDump.differences(actual: outcome.tables, expected: expected.tables).isEmpty)
        #expect(outcome.requests.contains { $0.path.hasPrefix("/v2/repositories/") && $0.path.hasSuffix("/") })

        let modern = try await SyncHarness.sync(
            Self.generated, credentials: SyncHarness.credentials(.password, org: ""))
        #expect(!modern.requests.contains { $0.path.hasPrefix("/v2/repositories/") && $0.path.hasSuffix("/") })
    }

    @Test func anExpiredTokenIsMintedAgainAndTheSyncCompletes() async throws {
        var options = FakeHubOptions(rateLimit: 1_000_000)
        options.tokenExpiresAfterRequests = 25
        let outcome = try await SyncHarness.sync(
            Self.generated, options: options, credentials: SyncHarness.credentials(.password, org: ""))
        let expected = Self.ownerView
        #expect(SnapshotDump.differences(actual: outcome.tables, expected: expected.tables).isEmpty)
        let logins = outcome.requests.filter { $0.path == "/v2/auth/token" }
        #expect(logins.count > 1)
        // No storm of doomed requests: once a 401 is seen, requests wait for the new token instead of
        // spending the dead one; at most the requests already in flight (concurrency 8) fail per expiry.
        let rejected = outcome.requests.filter { $0.status == 401 }.count
        #expect(rejected <= (logins.count - 1) * 8, "\(rejected) requests rejected for \(logins.count) logins")
    }
}
