import Foundation
import HubSnapKit
import SnapshotStore
import TestSupport
import Testing

/// `DiffReport` on small snapshots written with SQL: what the summary flags, the notes, and valid JSON.
struct DiffReportTests {
    struct Outcome {
        var outcome: DiffOutcome
        var text: String
        var json: String
    }

    /// Builds an old and a new snapshot (`base` then each side's changes) and compares them.
    static func compare(
        failOn: Set<FailKind> = [], base: (SnapshotFixture) throws -> Void,
        old: (SnapshotFixture) throws -> Void = { _ in }, new: (SnapshotFixture) throws -> Void
    ) throws -> Outcome {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let oldFixture = try SnapshotFixture(path: directory.path("old.db"))
        try base(oldFixture)
        try old(oldFixture)
        try oldFixture.close()
        let newFixture = try SnapshotFixture(path: directory.path("new.db"))
        try base(newFixture)
        try new(newFixture)
        try newFixture.close()
        let comparison = try SnapshotComparison(
            oldPath: directory.path("old.db"), newPath: directory.path("new.db"), allFields: false)
        defer { comparison.close() }
        let report = DiffReport(comparison: comparison, failOn: failOn)
        var text = StringOutput()
        var lines = LineDiffRenderer(style: .text(color: false))
        let outcome = try report.run(&lines, to: &text)
        var json = StringOutput()
        var renderer = JSONDiffRenderer()
        #expect(try report.run(&renderer, to: &json) == outcome)
        return Outcome(outcome: outcome, text: text.text, json: json.text)
    }

    static func acme(_ f: SnapshotFixture) throws {
        try f.org("acme")
        try f.member("olga", of: "acme", role: "owner")
        try f.team("readers", of: "acme", members: [])
        try f.repository("api", of: "acme", grants: [("readers", "read")])
    }

    @Test func anAccountAddedAsEditorIsANewEditorAndGainsAdmin() throws {
        let result = try Self.compare(failOn: [.newEditor], base: Self.acme) { f in
            try f.member("ed", of: "acme", role: "editor")
        }
        #expect(result.outcome.failed)
        #expect(result.outcome.found == [.any, .newMember, .newEditor, .accessGained, .permissionEscalation])
        #expect(result.text.contains("    + acme: ed (editor)\n"))
        #expect(result.text.contains("    + ed: acme/api admin via role:editor\n"))
    }

    @Test func aTeamGrantLoweredIsNoEscalationButLosesAccess() throws {
        let result = try Self.compare(
            failOn: [.permissionEscalation],
            base: { f in
                try Self.acme(f)
                try f.member("mia", of: "acme", role: "member")
                try f.team("writers", of: "acme", members: ["mia"])
            },
            old: { f in try f.execute("INSERT INTO repository_permissions VALUES ('acme', 'api', 'writers', 'admin')")
            },
            new: { f in try f.execute("INSERT INTO repository_permissions VALUES ('acme', 'api', 'writers', 'read')") })
        #expect(!result.outcome.failed)
        #expect(result.outcome.found == [.any, .accessLost])
        #expect(result.text.contains("    ~ acme/api: team writers admin → read\n"))
        #expect(result.text.contains("    - mia: acme/api admin → read via team:writers (was via team:writers)\n"))
    }

    @Test func snapshotsTakenDifferentlyCarryNotes() throws {
        let result = try Self.compare(base: Self.acme) { f in
            try f.execute(
                "UPDATE snapshot SET credential_kind = 'oat', principal = 'acme', org_filter = '[\"acme\"]', "
                    + "warnings = '[\"members of acme not read\"]'")
        }
        #expect(result.outcome.total == 0)
        #expect(!result.outcome.failed)
        #expect(result.text.contains("note: the snapshots were taken by different principals or credential kinds"))
        #expect(result.text.contains("note: the snapshots asked for different orgs (all and acme)"))
        #expect(result.text.contains("note: the old snapshot has 0 warnings and the new one 1"))
    }

    @Test func theJSONReportParsesAndListsEveryTableAndSection() throws {
        let result = try Self.compare(base: Self.acme) { f in
            try f.execute("UPDATE repositories SET is_private = 0")
            try f.execute("DELETE FROM repository_permissions")
        }
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.json.utf8)) as? [String: Any])
        #expect(object["differences"] as? Int == 2)
        let summary = try #require(object["summary"] as? [String: [[String: Any]]])
        #expect(Set(summary.keys) == Set(SummarySection.allCases.map(\.rawValue)))
        #expect(summary["repositories_made_public"]?.first?["name"] as? String == "api")
        #expect(summary["repository_permission_changes"]?.first?["change"] as? String == "removed")
        let tables = try #require(object["tables"] as? [String: [String: [Any]]])
        #expect(Set(tables.keys) == Set(SnapshotComparison.tables.map(\.name)))
        #expect(tables.values.allSatisfy { Set($0.keys) == ["added", "changed", "removed"] })
        let changed = try #require(tables["repositories"]?["changed"]?.first as? [String: Any])
        #expect((changed["key"] as? [String: String]) == ["namespace": "acme", "name": "api"])
        let verdict = try #require(object["verdict"] as? [String: Any])
        #expect(verdict["failed"] as? Bool == true)
        #expect(verdict["found"] as? [String] == ["any", "repo-made-public"])
    }
}
