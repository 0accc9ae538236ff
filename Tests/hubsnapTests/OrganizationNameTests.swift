import FakeHub
import Foundation
import TestSupport
import Testing

/// `--org` names an org the principal must be able to read, and the snapshot keeps Docker Hub's spelling of it.
struct OrganizationNameTests {
    /// The generated dataset with the admin taken out of the second org (and of its teams): an org that exists,
    /// whose public profile the admin sees, but whose members it may not read.
    static let dataset: Dataset = {
        var dataset = SyncFailureTests.dataset
        dataset.orgs[1].members.removeAll { $0.username == DemoCredentials.username }
        for index in dataset.orgs[1].teams.indices {
            dataset.orgs[1].teams[index].members.removeAll { $0 == DemoCredentials.username }
        }
        return dataset
    }()
    static let publicProfiles = FakeHubOptions(rateLimit: 1_000_000, publicOrganizationProfiles: true)

    @Test func anOrgThePasswordUserIsNotAMemberOfExits77() async throws {
        let org = Self.dataset.orgs[1].name
        let result = try await SyncFailureTests().failingSync(
            ["--org", org], environment: CLIHarness.password, options: Self.publicProfiles, dataset: Self.dataset)
        #expect(result.status == 77, "\(result.stderr)")
        #expect(
            result.stderr.contains(
                "hubsnap: error: '\(DemoCredentials.username)' cannot read the members of organization '\(org)'"),
            "\(result.stderr)")
        #expect(result.stderr.contains("not a member"), "\(result.stderr)")
    }

    @Test func anOrgAnotherOrganizationsTokenNamesExits77() async throws {
        let (own, other) = (Self.dataset.orgs[0].name, Self.dataset.orgs[1].name)
        var environment = CLIHarness.oat(own)
        environment["DOCKERHUB_USERNAME"] = own
        let result = try await SyncFailureTests().failingSync(
            ["--org", other], environment: environment, options: Self.publicProfiles, dataset: Self.dataset)
        #expect(result.status == 77, "\(result.stderr)")
        #expect(
            result.stderr.contains("'\(own)' cannot read the members of organization '\(other)'"), "\(result.stderr)")
    }

    /// `--org ACME` and `--org acme` read the same org: both snapshots store the name Docker Hub gives it, so
    /// they hold the same tables and `diff` finds nothing.
    @Test func theOrgNameIsStoredAsDockerHubSpellsIt() async throws {
        let org = Self.dataset.orgs[0].name
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (upper, lower) = (directory.path("upper.db"), directory.path("lower.db"))
        let results = try await CLIHarness.withHub(Self.dataset) { hub in
            var results: [Binary.Result] = []
            for (spelling, output) in [(org.uppercased(), upper), (org, lower)] {
                results.append(
                    try await Binary.run(
                        ["sync", "--api-url", hub.baseURL, "--org", spelling, "--output", output],
                        environment: CLIHarness.password))
            }
            return results
        }
        for result in results { #expect(result.status == 0, "\(result.stderr)") }
        let (upperTables, lowerTables) = (try SnapshotDump.tables(at: upper), try SnapshotDump.tables(at: lower))
        #expect(upperTables["organizations"]?.map { $0[0] } == [org])
        for (table, rows) in lowerTables {
            #expect(upperTables[table] == rows, "\(table)")
        }
        #expect(try SnapshotDump.snapshotRow(at: upper)["org_filter"] == "[\"\(org)\"]")
        let diff = try await Binary.run(["diff", lower, upper])
        #expect(diff.status == 0, "\(diff.stdout)\(diff.stderr)")
    }

    /// A reply about another org than the one asked for is not stored under either name.
    @Test func anOrgDetailNamingAnotherOrgExits69() async throws {
        let org = Self.dataset.orgs[0].name
        let options = FakeHubOptions(
            rateLimit: 1_000_000,
            rewriteBody: { request, body in
                request.path == "/v2/orgs/\(org)" ? body.setting("orgname", to: .string("someone-else")) : body
            })
        let result = try await SyncFailureTests().failingSync(
            ["--org", org], environment: CLIHarness.password, options: options, dataset: Self.dataset)
        #expect(result.status == 69, "\(result.stderr)")
        #expect(result.stderr.contains("orgname 'someone-else' is not the organization asked for"), "\(result.stderr)")
    }
}
