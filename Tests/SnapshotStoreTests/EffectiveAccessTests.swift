import Foundation
import GRDB
import TestSupport
import Testing

@testable import SnapshotStore

/// Docker Hub's access rules as `effective_access` applies them, one rule per test.
struct EffectiveAccessTests {
    /// `effective_access` of a fixture built by `build`, as "username namespace/repository permission [via]".
    static func access(format: Int = SnapshotSchema.currentVersion, _ build: (SnapshotFixture) throws -> Void) throws
        -> [String]
    {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let fixture = try SnapshotFixture(path: directory.path("s.db"), format: format)
        try build(fixture)
        try fixture.close()
        let reader = try SnapshotReader(path: fixture.path)
        defer { reader.close() }
        var lines: [String] = []
        let table = try #require(TableSpec.named("effective_access"))
        try reader.forEachRow(of: table, columns: SnapshotSchema.effectiveAccessColumns) { cells in
            #expect(cells[0] == cells[2], "org and namespace agree")
            lines.append("\(cells[1].text) \(cells[2].text)/\(cells[3].text) \(cells[4].text) [\(cells[5].text)]")
        }
        return lines
    }

    @Test func ownersAndEditorsHoldAdminOnEveryRepositoryOfTheirOrg() throws {
        let rows = try Self.access { f in
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

    @Test func membersHoldTheHighestGrantOfTheirTeamsWithEveryTeamInVia() throws {
        let rows = try Self.access { f in
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

    @Test func aPublicRepositoryIsReadForMembersAndNeedsNoRowForOthers() throws {
        let rows = try Self.access { f in
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

    @Test func pendingInviteesHoldNothingEvenWhenTheirAccountIsKnown() throws {
        let rows = try Self.access { f in
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

    @Test func aTeamMembershipWithoutOrgMembershipGrantsNothing() throws {
        let rows = try Self.access { f in
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

    @Test func aTeamHoldingTheOwnerOrEditorRoleGivesItsMembersAdmin() throws {
        let rows = try Self.access { f in
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

    @Test func formatOneFilesAreReadWithTheSameRulesAndLeftUntouched() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let fixture = try SnapshotFixture(path: directory.path("v1.db"), format: 1)
        try fixture.org("acme")
        try fixture.member("olga", of: "acme", role: "owner")
        try fixture.repository("api", of: "acme")
        try fixture.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: fixture.path))
        let modified = try FileManager.default.attributesOfItem(atPath: fixture.path)[.modificationDate] as? Date

        let reader = try SnapshotReader(path: fixture.path)
        #expect(reader.formatVersion == 1)
        let counts = try reader.rowCounts()
        reader.close()

        #expect(counts.first { $0.table == "effective_access" }?.rows == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: fixture.path)) == before)
        #expect(try FileManager.default.attributesOfItem(atPath: fixture.path)[.modificationDate] as? Date == modified)
        let views = try DatabaseQueue(path: fixture.path).read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'view'")
        }
        #expect(views.isEmpty)
    }

    @Test func theViewInAFormatTwoFileMatchesWhatReadersCompute() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let fixture = try SnapshotFixture(path: directory.path("v2.db"))
        try fixture.org("acme")
        try fixture.member("olga", of: "acme", role: "owner")
        try fixture.member("mia", of: "acme", role: "member")
        try fixture.team("writers", of: "acme", members: ["mia", "olga"])
        try fixture.repository("api", of: "acme", grants: [("writers", "write")])
        try fixture.repository("open", of: "acme", isPrivate: false)
        try fixture.close()
        let queue = try DatabaseQueue(path: fixture.path)
        let (view, computed) = try queue.read { db in
            let order = " ORDER BY org, username, namespace, repository"
            return (
                try Row.fetchAll(db, sql: "SELECT * FROM effective_access" + order),
                try Row.fetchAll(db, sql: "SELECT * FROM (\(SnapshotSchema.effectiveAccessQuery(schema: nil)))" + order)
            )
        }
        #expect(view.count == 4)
        #expect(view == computed)
        #expect(
            view.map { $0["via"] as String? } == [
                "team:writers", "public", "role:owner, team:writers", "public, role:owner",
            ])
    }
}
