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
}
