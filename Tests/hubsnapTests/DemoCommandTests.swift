import FakeHub
import Foundation
import TestSupport
import Testing

/// `hubsnap demo`: the smoke test a CI pipeline runs, with no network and no credentials.
struct DemoCommandTests {
    @Test func demoSyncsTheBuiltInDatasetExactly() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let output = directory.path("demo.db")
        let result = try await Binary.run(["demo", "--output", output])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        let expected = ExpectedSnapshot(
            dataset: .demo, orgs: Dataset.demo.orgs.map(\.name), principal: DemoCredentials.username, access: .owner)
        let differences = SnapshotDump.differences(
            actual: try SnapshotDump.tables(at: output), expected: expected.tables)
        #expect(differences.isEmpty, "\(differences)")
        let summary = result.stdout.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        for table in SnapshotDump.dataTables {
            let rows = expected.tables[table]?.count ?? 0
            #expect(summary.contains([table, String(rows)]), "summary line for \(table) should say \(rows)")
        }
        #expect(result.stdout.contains("warnings: 0"))
    }

    @Test func demoWithAnOrganizationTokenReadsOneOrganization() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let output = directory.path("demo.db")
        let result = try await Binary.run(["demo", "--output", output, "--credential", "oat"])
        #expect(result.status == 0, "\(result.stderr)")
        let org = try #require(Dataset.demo.orgs.first).name
        let expected = ExpectedSnapshot(dataset: .demo, orgs: [org], principal: org, access: .readAllOAT)
        let differences = SnapshotDump.differences(
            actual: try SnapshotDump.tables(at: output), expected: expected.tables)
        #expect(differences.isEmpty, "\(differences)")
        #expect(try SnapshotDump.snapshotRow(at: output)["credential_kind"] == "oat")
    }
}
