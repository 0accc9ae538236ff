import Foundation
import GRDB
import TestSupport
import Testing

@testable import SnapshotStore

/// Docker Hub's access rules as `org_grants` and `effective_access` apply them, one rule per test, each on a file
/// of every format (formats 1 and 2 derive the grants on the fly, format 3 stores them at sync time).
struct AccessRulesTests {
    static let formats = Array(1...SnapshotSchema.currentVersion)

    /// Rows of `table` in a fixture built by `build`, through `filter`.
    static func rows(
        _ table: String, format: Int, filter: RowFilter = RowFilter(), _ build: (SnapshotFixture) throws -> Void
    ) throws -> [[Cell]] {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let fixture = try SnapshotFixture(path: directory.path("s.db"), format: format)
        try build(fixture)
        try fixture.close()
        let reader = try SnapshotReader(path: fixture.path)
        defer { reader.close() }
        var rows: [[Cell]] = []
        let spec = try #require(TableSpec.named(table))
        try reader.forEachRow(of: spec, columns: spec.columns, filter: filter) { rows.append($0) }
        return rows
    }

    /// `effective_access` of a fixture built by `build`, as "username namespace/repository permission [via]".
    static func access(
        format: Int = SnapshotSchema.currentVersion, filter: RowFilter = RowFilter(),
        _ build: (SnapshotFixture) throws -> Void
    ) throws -> [String] {
        try rows("effective_access", format: format, filter: filter, build).map { cells in
            #expect(cells[0] == cells[2], "org and namespace agree")
            return "\(cells[1].text) \(cells[2].text)/\(cells[3].text) \(cells[4].text) [\(cells[5].text)]"
        }
    }

    /// `org_grants` of a fixture, as "org username permission [via]".
    static func grants(format: Int, _ build: (SnapshotFixture) throws -> Void) throws -> [String] {
        try rows("org_grants", format: format, build).map {
            "\($0[0].text) \($0[1].text) \($0[2].text) [\($0[3].text)]"
        }
    }

    @Test(arguments: formats) func ownersAndEditorsHoldAdminOnEveryRepositoryOfTheirOrg(format: Int) throws {
        let rows = try Self.access(format: format) { f in
            try f.org("acme")
            try f.org("other")
            try f.member("olga", of: "acme", role: "owner")
            try f.member("ed", of: "acme", role: "editor")
            try f.repository("api", of: "acme")
            try f.repository("ungranted", of: "acme")
            try f.repository("elsewhere", of: "other")
        }
        #expect(
            rows == [
                "ed acme/api admin [role:editor]", "ed acme/ungranted admin [role:editor]",
                "olga acme/api admin [role:owner]", "olga acme/ungranted admin [role:owner]",
            ])
    }

    @Test(arguments: formats) func membersHoldTheHighestGrantOfTheirTeamsWithEveryTeamInVia(format: Int) throws {
        let rows = try Self.access(format: format) { f in
            try f.org("acme")
            try f.member("mia", of: "acme", role: "member")
            try f.member("rex", of: "acme", role: "member")
            try f.team("readers", of: "acme", members: ["mia", "rex"])
            try f.team("writers", of: "acme", members: ["mia"])
            try f.team("admins", of: "acme", role: "member", members: [])
            try f.repository(
                "api", of: "acme", grants: [("readers", "read"), ("writers", "write"), ("admins", "admin")])
            try f.repository("web", of: "acme", grants: [("writers", "admin"), ("readers", "read")])
            try f.repository("private-nobody", of: "acme")
        }
        #expect(
            rows == [
                "mia acme/api write [team:readers, team:writers]", "mia acme/web admin [team:readers, team:writers]",
                "rex acme/api read [team:readers]", "rex acme/web read [team:readers]",
            ])
    }

    @Test(arguments: formats) func aPublicRepositoryIsReadForMembersAndNeedsNoRowForOthers(format: Int) throws {
        let rows = try Self.access(format: format) { f in
            try f.org("acme")
            try f.org("other")
            try f.member("mia", of: "acme", role: "member")
            try f.member("stranger", of: "other", role: "member")
            try f.team("writers", of: "acme", members: ["mia"])
            try f.repository("open", of: "acme", isPrivate: false)
            try f.repository("open-written", of: "acme", isPrivate: false, grants: [("writers", "write")])
            try f.repository("closed", of: "acme")
        }
        #expect(rows == ["mia acme/open read [public]", "mia acme/open-written write [public, team:writers]"])
    }

    @Test(arguments: formats) func pendingInviteesHoldNothingEvenWhenTheirAccountIsKnown(format: Int) throws {
        let rows = try Self.access(format: format) { f in
            try f.org("acme")
            try f.org("other")
            try f.member("olga", of: "acme", role: "owner")
            // An account the snapshot knows from another org, invited to acme as an owner into a writing team.
            try f.member("newbie", of: "other", role: "member")
            try f.team("writers", of: "acme", members: [])
            try f.repository("api", of: "acme", isPrivate: false, grants: [("writers", "write")])
            try f.repository("closed", of: "acme")
            try f.invite("newbie", to: "acme", team: "writers", role: "owner")
            try f.invite("new.hire@acme.example", to: "acme", team: "writers")
        }
        #expect(rows == ["olga acme/api admin [public, role:owner]", "olga acme/closed admin [role:owner]"])
    }

    @Test(arguments: formats) func aTeamMembershipWithoutOrgMembershipGrantsNothing(format: Int) throws {
        let rows = try Self.access(format: format) { f in
            try f.org("acme")
            try f.org("other")
            try f.member("gone", of: "other", role: "member")
            try f.team("ops", of: "acme", role: "editor", members: [])
            try f.team("writers", of: "acme", members: [])
            try f.execute("INSERT INTO team_members (org, team, username) VALUES ('acme', 'ops', 'gone')")
            try f.execute("INSERT INTO team_members (org, team, username) VALUES ('acme', 'writers', 'gone')")
            try f.repository("api", of: "acme", grants: [("writers", "write")])
        }
        #expect(rows.isEmpty)
    }

    @Test(arguments: formats) func aTeamHoldingTheOwnerOrEditorRoleGivesItsMembersAdmin(format: Int) throws {
        let rows = try Self.access(format: format) { f in
            try f.org("acme")
            try f.member("sam", of: "acme", role: "member")
            try f.member("custom", of: "acme", role: "security auditor")
            try f.team("ops", of: "acme", role: "editor", members: ["sam"])
            try f.team("auditors", of: "acme", role: "security auditor", members: ["custom"])
            try f.repository("tools", of: "acme", grants: [("ops", "read")])
        }
        // A custom role grants nothing hubsnap can see; only the editor team's members gain admin.
        #expect(rows == ["sam acme/tools admin [team-role:ops, team:ops]"])
    }

    @Test(arguments: formats) func orgGrantsHoldOneRowPerMemberAndOrgWithEverySource(format: Int) throws {
        let rows = try Self.grants(format: format) { f in
            try f.org("acme")
            try f.org("other")
            try f.member("olga", of: "acme", role: "owner")
            try f.member("olga", of: "other", role: "member")
            try f.member("ed", of: "acme", role: "editor")
            try f.member("sam", of: "acme", role: "member")
            try f.member("mia", of: "acme", role: "member")
            try f.member("custom", of: "acme", role: "security auditor")
            try f.team("ops", of: "acme", role: "editor", members: ["sam", "olga"])
            try f.team("owners", of: "acme", role: "owner", members: ["olga"])
            try f.team("writers", of: "acme", members: ["mia"])
            try f.repository("api", of: "acme", grants: [("writers", "write")])
            // Repositories are not multiplied in: a grant is one row whatever the org holds.
            for index in 0..<50 { try f.repository("r\(index)", of: "acme") }
        }
        #expect(
            rows == [
                "acme ed admin [role:editor]", "acme olga admin [role:owner, team-role:ops, team-role:owners]",
                "acme sam admin [team-role:ops]",
            ])
    }

    @Test(arguments: formats) func orgGrantsNeedOrgMembershipAndAnOrgWideRole(format: Int) throws {
        let rows = try Self.grants(format: format) { f in
            try f.org("acme")
            try f.org("other")
            try f.member("gone", of: "other", role: "owner")
            try f.member("mia", of: "acme", role: "member")
            try f.team("ops", of: "acme", role: "editor", members: [])
            try f.team("auditors", of: "acme", role: "security auditor", members: ["mia"])
            // A team membership left behind by an account that is not an org member grants nothing.
            try f.execute("INSERT INTO team_members (org, team, username) VALUES ('acme', 'ops', 'gone')")
            try f.invite("newbie", to: "acme", team: "ops", role: "owner")
        }
        #expect(rows == ["other gone admin [role:owner]"])
    }

    @Test(arguments: formats) func filtersKeepTheRowsOfTheFullExpansionAboutThatUserOrRepository(format: Int) throws {
        let build: (SnapshotFixture) throws -> Void = { f in
            try f.org("acme")
            try f.org("other")
            try f.member("olga", of: "acme", role: "owner")
            try f.member("mia", of: "acme", role: "member")
            try f.member("mia", of: "other", role: "member")
            try f.member("rex", of: "other", role: "member")
            try f.team("writers", of: "acme", members: ["mia"])
            try f.team("readers", of: "other", members: ["mia", "rex"])
            try f.repository("api", of: "acme", grants: [("writers", "write")])
            try f.repository("open", of: "acme", isPrivate: false)
            try f.repository("lib", of: "other", grants: [("readers", "read")])
            try f.repository("closed", of: "other")
        }
        let all = try Self.access(format: format, build)
        #expect(all.count == 6)
        let mia = try Self.access(format: format, filter: RowFilter(users: ["mia"]), build)
        #expect(mia == all.filter { $0.hasPrefix("mia ") })
        #expect(mia.count == 3)
        let api = RepositoryName(namespace: "acme", name: "api")
        let onAPI = try Self.access(format: format, filter: RowFilter(repositories: [api]), build)
        #expect(onAPI == all.filter { $0.contains(" acme/api ") })
        #expect(onAPI == ["mia acme/api write [team:writers]", "olga acme/api admin [role:owner]"])
        let nobody = try Self.access(format: format, filter: RowFilter(users: []), build)
        #expect(nobody.isEmpty)
        let otherOrg = try Self.access(format: format, filter: RowFilter(orgs: ["other"]), build)
        #expect(otherOrg == all.filter { $0.contains(" other/") })
    }

    @Test(arguments: [1, 2]) func olderFormatsAreReadWithTodaysRulesAndLeftUntouched(format: Int) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let fixture = try SnapshotFixture(path: directory.path("old.db"), format: format)
        try fixture.org("acme")
        try fixture.member("olga", of: "acme", role: "owner")
        try fixture.repository("api", of: "acme")
        try fixture.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: fixture.path))
        let modified = try FileManager.default.attributesOfItem(atPath: fixture.path)[.modificationDate] as? Date

        let reader = try SnapshotReader(path: fixture.path)
        #expect(reader.formatVersion == format)
        let counts = try reader.rowCounts()
        var grants: [[Cell]] = []
        let spec = try #require(TableSpec.named("org_grants"))
        try reader.forEachRow(of: spec, columns: spec.columns) { grants.append($0) }
        reader.close()

        #expect(counts.first { $0.table == "org_grants" }?.rows == 1)
        #expect(counts.first { $0.table == "effective_access" } == nil, "the expansion is never counted")
        #expect(grants == [[.text("acme"), .text("olga"), .text("admin"), .text("role:owner")]])
        #expect(try Data(contentsOf: URL(fileURLWithPath: fixture.path)) == before)
        #expect(try FileManager.default.attributesOfItem(atPath: fixture.path)[.modificationDate] as? Date == modified)
        let tables = try DatabaseQueue(path: fixture.path).read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE name LIKE 'org_grants%'")
        }
        #expect(tables.isEmpty)
    }

    @Test(arguments: [2, 3]) func theViewInAFileMatchesWhatReadersCompute(format: Int) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let fixture = try SnapshotFixture(path: directory.path("s.db"), format: format)
        try fixture.org("acme")
        try fixture.member("olga", of: "acme", role: "owner")
        try fixture.member("mia", of: "acme", role: "member")
        try fixture.team("writers", of: "acme", members: ["mia", "olga"])
        try fixture.repository("api", of: "acme", grants: [("writers", "write")])
        try fixture.repository("open", of: "acme", isPrivate: false)
        try fixture.close()
        let spec = try #require(TableSpec.named("effective_access"))
        let queue = try DatabaseQueue(path: fixture.path)
        let (view, computed) = try queue.read { db in
            let order = " ORDER BY org, username, namespace, repository"
            return (
                try Row.fetchAll(db, sql: "SELECT * FROM effective_access" + order),
                try Row.fetchAll(db, sql: "SELECT * FROM \(spec.source(prefix: "", format: format))" + order)
            )
        }
        #expect(view.count == 4)
        #expect(view == computed)
        #expect(
            view.map { $0["via"] as String? } == [
                "team:writers", "public", "role:owner, team:writers", "public, role:owner",
            ])
    }

    @Test func formatThreeCountsEveryStoredTableAtSyncTime() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let fixture = try SnapshotFixture(path: directory.path("s.db"))
        try fixture.org("acme")
        try fixture.member("olga", of: "acme", role: "owner")
        try fixture.member("mia", of: "acme", role: "member")
        try fixture.repository("api", of: "acme")
        try fixture.close()
        // A count recorded at sync time is what info shows: change the facts behind it and the count stays.
        try DatabaseQueue(path: fixture.path).write { db in
            try db.execute(sql: "UPDATE table_rows SET rows = 41 WHERE name = 'org_members'")
        }
        let reader = try SnapshotReader(path: fixture.path)
        defer { reader.close() }
        let counts = Dictionary(uniqueKeysWithValues: try reader.rowCounts().map { ($0.table, $0.rows) })
        #expect(counts["org_members"] == 41)
        #expect(counts["org_grants"] == 1)
        #expect(counts["repositories"] == 1)
        #expect(counts["effective_access"] == nil)
    }
}
