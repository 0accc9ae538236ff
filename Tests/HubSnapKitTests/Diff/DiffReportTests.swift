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
        #expect(result.text.contains("    + acme: ed now admin on every repository of acme: 1, via role:editor\n"))
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
        #expect(result.text.contains("    ~ acme/api: team writers admin → read (reaches 1 member)\n"))
        #expect(!result.text.contains("mia: acme/api"), "told at its cause, not per member")
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
        // What the team kept under its new name is told by the rename alone.
        #expect(!result.text.contains("    + acme/api: team releng"))
        #expect(!result.text.contains("    + acme/releng: mia"))
        #expect(result.text.contains("  Teams renamed\n    ~ acme: release-eng → releng\n\nChanges by table"))
    }

    @Test func joiningATeamThatHoldsTheOwnerRoleMakesANewOwner() throws {
        let result = try Self.compare(failOn: [.newOwner], base: Self.releng) { f in
            try f.execute("INSERT INTO team_members VALUES ('acme', 'owners', 'mia')")
        }
        #expect(result.outcome.failed)
        #expect(result.outcome.found.isSuperset(of: [.newOwner, .teamChange, .accessGained]))
        #expect(
            result.text.contains(
                "    + acme/owners: mia (the team holds the owner role: admin on every repository of acme)\n"))
        #expect(
            result.text.contains("    + acme: mia now admin on every repository of acme: 1, via team-role:owners\n"))
    }

    @Test func aTeamGivenTheEditorRoleMakesItsMembersEditors() throws {
        let result = try Self.compare(
            failOn: [.newEditor], base: Self.releng,
            old: { f in try f.team("ops", of: "acme", role: "member", members: ["mia"]) },
            new: { f in try f.team("ops", of: "acme", role: "editor", members: ["mia"]) })
        #expect(result.outcome.failed)
        #expect(result.outcome.found == [.any, .newEditor, .roleChange, .accessGained, .permissionEscalation])
        #expect(result.text.contains("    ~ acme/ops: member → editor\n"))
        #expect(result.text.contains("    + acme: mia now admin on every repository of acme: 1, via team-role:ops\n"))
    }

    @Test func aRepositoryCreatedPublicIsFlagged() throws {
        let result = try Self.compare(failOn: [.repoMadePublic], base: Self.acme) { f in
            try f.repository("new-public", of: "acme", isPrivate: false)
            try f.repository("new-private", of: "acme")
        }
        #expect(result.outcome.failed)
        #expect(result.outcome.found == [.any, .repoMadePublic])
        #expect(result.text.contains("    + acme/new-public (public: read for everyone; no team grants)\n"))
        #expect(result.text.contains("    + acme/new-private (private; no team grants)\n"))
        #expect(!result.text.contains("  Repositories made public\n"), "a repository created public is told once")
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
        #expect(result.markdown.contains("- `+` **acme/repo-0 (public: read for everyone; no team grants)**\n"))
        #expect(result.markdown.contains("- … and 3 more (`hubsnap diff --format json` lists them all)\n"))
        #expect(
            result.markdown.contains(
                "description=\\<img src=x onerror=alert(1)\\> \\@acme/owners \\[click\\](http://x.example) &amp; \\*bold\\*"
            ))
        #expect(!result.markdown.replacingOccurrences(of: "\\<img", with: "").contains("<img"))
        // The other formats list everything.
        #expect(result.text.contains("    + acme/repo-4 (public: read for everyone; no team grants)\n"))
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
                "    ~ acme/platform: member → editor (renamed from ops)\n"))
        #expect(
            result.text.contains("    + acme: mia now admin on every repository of acme: 1, via team-role:platform\n"))
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
        #expect(result.text.contains("    + acme: newbie (member)\n"))
        #expect(!result.text.contains("newbie: acme/open"), "a public repository is a fact about it, not a grant")
    }

    @Test func markdownStopsListingPastItsBudget() throws {
        let result = try Self.compare(markdownBudget: 150, base: Self.acme) { f in
            for index in 0..<6 { try f.repository("repo-\(index)", of: "acme") }
        }
        #expect(result.markdown.contains("- `+` acme/repo-0 (private; no team grants)\n"))
        #expect(!result.markdown.contains("repo-5 (private"))
        #expect(result.markdown.contains(" more (`hubsnap diff --format json` lists them all)\n"))
        #expect(result.text.contains("    + acme/repo-5 (private; no team grants)\n"))
    }

    // MARK: Changes told at their cause

    /// The summary's lines (those indented under a section title), without the table changes.
    static func summaryLines(_ text: String) -> [String] {
        let summary = text.components(separatedBy: "\nChanges by table\n")[0]
        return summary.split(separator: "\n").filter { $0.hasPrefix("    ") }.map { String($0.dropFirst(4)) }
    }

    @Test func anOwnerAddedIsOneLineWhateverTheOrgHolds() throws {
        let result = try Self.compare(
            failOn: [.accessGained],
            base: { f in
                try Self.acme(f)
                for index in 0..<1_200 { try f.repository("repo-\(index)", of: "acme") }
            },
            new: { f in try f.member("neo", of: "acme", role: "owner") })
        #expect(result.outcome.failed)
        #expect(result.outcome.found == [.any, .newMember, .newOwner, .accessGained, .permissionEscalation])
        #expect(
            Self.summaryLines(result.text) == [
                "+ acme: neo (owner)", "+ acme: neo now admin on every repository of acme: 1,201, via role:owner",
            ])
    }

    @Test func aNewPrivateRepositoryGrantsOwnersAndEditorsNothingNew() throws {
        let result = try Self.compare(
            failOn: [.accessGained, .permissionEscalation, .newOwner],
            base: { f in
                try Self.acme(f)
                try f.member("ed", of: "acme", role: "editor")
            },
            new: { f in try f.repository("secret", of: "acme") })
        #expect(!result.outcome.failed, "\(result.text)")
        #expect(result.outcome.found == [.any])
        #expect(Self.summaryLines(result.text) == ["+ acme/secret (private; no team grants)"])
    }

    @Test func aNewRepositoryIsListedWithWhoReachesItThroughTeams() throws {
        let result = try Self.compare(
            failOn: [.accessGained],
            base: { f in
                try Self.acme(f)
                try f.member("mia", of: "acme", role: "member")
                try f.team("writers", of: "acme", members: ["mia", "olga"])
            },
            new: { f in try f.repository("tools", of: "acme", grants: [("writers", "write"), ("readers", "read")]) })
        #expect(result.outcome.failed)
        #expect(result.outcome.found == [.any, .accessGained, .permissionEscalation])
        #expect(
            Self.summaryLines(result.text) == [
                "+ acme/tools (private; teams: readers read, 0 members; writers write, 2 members)"
            ])
    }

    @Test func joiningATeamIsOneLineWithWhatTheTeamGrants() throws {
        let result = try Self.compare(
            failOn: [.accessGained],
            base: { f in
                try Self.acme(f)
                try f.member("mia", of: "acme", role: "member")
                try f.team("writers", of: "acme", members: [])
                for index in 0..<30 { try f.repository("w\(index)", of: "acme", grants: [("writers", "write")]) }
                try f.repository("ops", of: "acme", grants: [("writers", "admin")])
            },
            new: { f in try f.execute("INSERT INTO team_members VALUES ('acme', 'writers', 'mia')") })
        #expect(result.outcome.failed)
        #expect(result.outcome.found == [.any, .teamChange, .accessGained, .permissionEscalation])
        #expect(
            Self.summaryLines(result.text) == [
                "+ acme/writers: mia (the team grants admin on 1 repository, write on 30 repositories)"
            ])
    }

    @Test func anOwnerJoiningATeamGainsNothing() throws {
        let result = try Self.compare(failOn: [.accessGained, .permissionEscalation], base: Self.acme) { f in
            try f.execute("INSERT INTO team_members VALUES ('acme', 'readers', 'olga')")
        }
        #expect(!result.outcome.failed)
        #expect(result.outcome.found == [.any, .teamChange])
        #expect(
            Self.summaryLines(result.text) == [
                "+ acme/readers: olga (the team grants read on 1 repository; already admin on every repository via "
                    + "role:owner)"
            ])
    }

    @Test func leavingATeamThatGrantsSomethingLosesAccess() throws {
        let result = try Self.compare(
            failOn: [.accessLost],
            base: { f in
                try Self.acme(f)
                try f.member("mia", of: "acme", role: "member")
            },
            old: { f in try f.execute("INSERT INTO team_members VALUES ('acme', 'readers', 'mia')") },
            new: { _ in })
        #expect(result.outcome.failed)
        #expect(result.outcome.found == [.any, .teamChange, .accessLost])
        #expect(Self.summaryLines(result.text) == ["- acme/readers: mia (the team grants read on 1 repository)"])
    }

    @Test func aTeamGrantRaisedIsOneLineWithTheMembersItReaches() throws {
        let result = try Self.compare(
            failOn: [.permissionEscalation],
            base: { f in
                try f.org("acme")
                try f.member("olga", of: "acme", role: "owner")
                for index in 0..<40 { try f.member("m\(index)", of: "acme", role: "member") }
                try f.team("readers", of: "acme", members: ["olga"] + (0..<40).map { "m\($0)" })
            },
            old: { f in try f.repository("api", of: "acme", grants: [("readers", "read")]) },
            new: { f in try f.repository("api", of: "acme", grants: [("readers", "write")]) })
        #expect(result.outcome.failed)
        #expect(result.outcome.found == [.any, .permissionEscalation, .accessGained])
        // The owner already holds admin: the raise reaches the 40 others.
        #expect(Self.summaryLines(result.text) == ["~ acme/api: team readers read → write (reaches 40 members)"])
    }

    @Test func anOwnerRemovedLosesTheOrgWideGrant() throws {
        let result = try Self.compare(
            failOn: [.accessLost], base: Self.acme,
            old: { f in try f.member("neo", of: "acme", role: "owner") }, new: { _ in })
        #expect(result.outcome.failed)
        #expect(result.outcome.found == [.any, .removedMember, .accessLost])
        #expect(
            Self.summaryLines(result.text) == [
                "- acme: neo (owner)",
                "- acme: neo no longer admin on every repository of acme: 1 (was via role:owner)",
            ])
    }

    @Test func aRoleRaisedToOwnerIsARoleChangeAndAnOrgWideGrant() throws {
        let result = try Self.compare(
            failOn: [.newOwner], base: Self.acme,
            old: { f in try f.member("mia", of: "acme", role: "member") },
            new: { f in try f.member("mia", of: "acme", role: "owner") })
        #expect(result.outcome.failed)
        #expect(result.outcome.found == [.any, .roleChange, .newOwner, .accessGained, .permissionEscalation])
        #expect(
            Self.summaryLines(result.text) == [
                "~ acme: mia member → owner", "+ acme: mia now admin on every repository of acme: 1, via role:owner",
            ])
    }

    @Test func anOwnerAlsoGivenAnOwnerTeamKeepsTheGrantThroughAnotherSource() throws {
        let result = try Self.compare(
            failOn: [.accessGained, .newOwner],
            base: { f in
                try Self.acme(f)
                try f.team("owners", of: "acme", role: "owner", members: [])
            },
            new: { f in try f.execute("INSERT INTO team_members VALUES ('acme', 'owners', 'olga')") })
        #expect(!result.outcome.failed, "\(result.text)")
        #expect(result.outcome.found == [.any, .teamChange])
        #expect(
            Self.summaryLines(result.text).contains(
                "~ acme: olga admin on every repository, via role:owner → role:owner, team-role:owners"))
    }
}
