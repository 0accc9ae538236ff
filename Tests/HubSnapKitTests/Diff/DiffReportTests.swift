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
        var markdown: String
    }

    /// Builds an old and a new snapshot (`base` then each side's changes) and compares them.
    static func compare(
        failOn: Set<FailKind> = [], markdownLimit: Int = 100, markdownBudget: Int = 60_000,
        base: (SnapshotFixture) throws -> Void,
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
        var markdown = StringOutput()
        var markdownRenderer = LineDiffRenderer(
            style: .markdown, markdownLimit: markdownLimit, markdownBudget: markdownBudget)
        #expect(try report.run(&markdownRenderer, to: &markdown) == outcome)
        _ = try JSONSerialization.jsonObject(with: Data(json.text.utf8))
        return Outcome(outcome: outcome, text: text.text, json: json.text, markdown: markdown.text)
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

    static func releng(_ f: SnapshotFixture) throws {
        try Self.acme(f)
        try f.member("mia", of: "acme", role: "member")
        try f.team("owners", of: "acme", role: "owner", id: 1, members: ["olga"])
    }

    @Test func aTeamRenamedAloneIsATeamChangeButNoEscalation() throws {
        let result = try Self.compare(
            failOn: [.permissionEscalation, .newOwner, .accessGained], base: Self.releng,
            old: { f in
                try f.team("release-eng", of: "acme", id: 64, members: ["mia"])
                try f.execute("INSERT INTO repository_permissions VALUES ('acme', 'api', 'release-eng', 'admin')")
            },
            new: { f in
                try f.team("releng", of: "acme", id: 64, members: ["mia"])
                try f.execute("INSERT INTO repository_permissions VALUES ('acme', 'api', 'releng', 'admin')")
            })
        #expect(!result.outcome.failed, "\(result.text)")
        #expect(result.outcome.found == [.any, .teamChange])
        #expect(result.text.contains("    ~ acme: release-eng → releng\n"))
        #expect(
            result.text.contains("    + acme/api: team releng admin (renamed from release-eng, which held admin)\n"))
        #expect(result.text.contains("    ~ mia: acme/api admin, via team:release-eng → team:releng\n"))
    }

    @Test func joiningATeamThatHoldsTheOwnerRoleMakesANewOwner() throws {
        let result = try Self.compare(failOn: [.newOwner], base: Self.releng) { f in
            try f.execute("INSERT INTO team_members VALUES ('acme', 'owners', 'mia')")
        }
        #expect(result.outcome.failed)
        #expect(result.outcome.found.isSuperset(of: [.newOwner, .teamChange, .accessGained]))
        #expect(
            result.text.contains(
                "    + acme/owners: mia (the team holds the owner role: admin on every repository of the org)\n"))
    }

    @Test func aTeamGivenTheEditorRoleMakesItsMembersEditors() throws {
        let result = try Self.compare(
            failOn: [.newEditor], base: Self.releng,
            old: { f in try f.team("ops", of: "acme", role: "member", members: ["mia"]) },
            new: { f in try f.team("ops", of: "acme", role: "editor", members: ["mia"]) })
        #expect(result.outcome.failed)
        #expect(result.outcome.found == [.any, .newEditor, .roleChange, .accessGained, .permissionEscalation])
        #expect(result.text.contains("    ~ acme/ops: member → editor (its members are now admin on every repository"))
    }

    @Test func aRepositoryCreatedPublicIsFlagged() throws {
        let result = try Self.compare(failOn: [.repoMadePublic], base: Self.acme) { f in
            try f.repository("new-public", of: "acme", isPrivate: false)
            try f.repository("new-private", of: "acme")
        }
        #expect(result.outcome.failed)
        #expect(result.text.contains("    ~ acme/new-public was created public (read for everyone)\n"))
        #expect(!result.text.contains("new-private was created"))
    }

    @Test func nullAndEmptyTextAreDifferentValues() throws {
        let result = try Self.compare(base: Self.acme) { f in
            try f.execute("UPDATE repositories SET description = ''")
        }
        #expect(result.outcome.total == 1)
        #expect(result.text.contains("    ~ acme/api: description NULL → \n"))
        #expect(result.json.contains("\"changes\": {\"description\": {\"new\": \"\", \"old\": null}}"))
    }

    @Test func noDifferencesGiveValidJSONAndExitZero() throws {
        let result = try Self.compare(base: Self.acme) { _ in }
        #expect(!result.outcome.failed)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.json.utf8)) as? [String: Any])
        #expect(object["differences"] as? Int == 0)
        #expect((object["verdict"] as? [String: Any])?["failed"] as? Bool == false)
        #expect(result.text.hasSuffix("\nNo differences.\n"))
        #expect(result.markdown.hasSuffix("\n**No differences.**\n"))
    }

    @Test func markdownMakesNamesInertAndCapsLongLists() throws {
        let result = try Self.compare(markdownLimit: 2, base: Self.acme) { f in
            for index in 0..<5 {
                try f.repository(
                    "repo-\(index)", of: "acme", isPrivate: false,
                    description: "<img src=x onerror=alert(1)> @acme/owners [click](http://x.example) & *bold*")
            }
        }
        #expect(result.markdown.contains("- `~` **acme/repo-0 was created public (read for everyone)**\n"))
        #expect(result.markdown.contains("- … and 3 more (`hubsnap diff --format json` lists them all)\n"))
        #expect(
            result.markdown.contains(
                "description=\\<img src=x onerror=alert(1)\\> \\@acme/owners \\[click\\](http://x.example) &amp; \\*bold\\*"
            ))
        #expect(!result.markdown.replacingOccurrences(of: "\\<img", with: "").contains("<img"))
        // The other formats list everything.
        #expect(result.text.contains("repo-4 was created public"))
    }

    @Test func aTeamRenamedAndGivenTheEditorRoleInOneGoMakesEditors() throws {
        let result = try Self.compare(
            failOn: [.newEditor], base: Self.releng,
            old: { f in try f.team("ops", of: "acme", role: "member", id: 70, members: ["mia"]) },
            new: { f in try f.team("platform", of: "acme", role: "editor", id: 70, members: ["mia"]) })
        #expect(result.outcome.failed, "\(result.text)")
        #expect(result.outcome.found.isSuperset(of: [.newEditor, .roleChange, .teamChange]))
        #expect(
            result.text.contains(
                "    ~ acme/platform: member → editor (renamed from ops) (its members are now admin on every repository"
            ))
        #expect(result.text.contains("    + acme/platform: mia (the team holds the editor role"))
    }

    @Test func aMemberWhoOnlyReadsPublicRepositoriesGainsNothingAPolicyStops() throws {
        let result = try Self.compare(
            failOn: [.permissionEscalation, .accessGained],
            base: { f in
                try Self.acme(f)
                try f.repository("open", of: "acme", isPrivate: false)
            },
            new: { f in try f.member("newbie", of: "acme", role: "member") })
        #expect(!result.outcome.failed)
        #expect(result.outcome.found == [.any, .newMember])
        #expect(result.text.contains("    + newbie: acme/open read via public\n"), "still listed: \(result.text)")
    }

    @Test func markdownStopsListingPastItsBudget() throws {
        let result = try Self.compare(markdownBudget: 150, base: Self.acme) { f in
            for index in 0..<6 { try f.repository("repo-\(index)", of: "acme") }
        }
        #expect(result.markdown.contains("- `+` **olga: acme/repo-0 admin via role:owner**\n"))
        #expect(!result.markdown.contains("repo-5 admin"))
        #expect(result.markdown.contains(" more (`hubsnap diff --format json` lists them all)\n"))
        #expect(result.text.contains("olga: acme/repo-5 admin via role:owner"))
    }
}
