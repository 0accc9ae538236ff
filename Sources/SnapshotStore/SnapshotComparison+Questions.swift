import GRDB

/// The questions an auditor's summary asks of a comparison, each answered by one query over the gathered
/// differences and both files: access changes at their cause, never member × repository.
extension SnapshotComparison {
    /// An org-wide grant (admin on every repository of an org) gained, lost, or held through other sources.
    package struct OrgGrantChange: Sendable, Equatable {
        package var kind: Difference.Kind
        package var org: String
        package var username: String
        package var oldVia: String?
        package var newVia: String?
        /// The org's repositories in the snapshot that holds the grant (the new one, or the old one when lost).
        package var repositories: Int
    }

    /// A member added to or removed from a team, with what the team grants.
    package struct MembershipChange: Sendable, Equatable {
        package var added: Bool
        package var org: String
        package var team: String
        package var username: String
        /// The team's org role (`owner`, `editor`, …), in the snapshot where the membership is.
        package var teamRole: String?
        /// The team's repository grants there: how many repositories at each permission.
        package var grants: [String: Int]
        /// Whether the account is an org member there (a team membership alone grants nothing).
        package var isOrgMember: Bool
        /// The account's org-wide grant there (`role:owner`, …): it already reaches every repository.
        package var orgWideVia: String?
        /// The membership continues under a renamed team (same Docker id): nothing was gained or lost.
        package var carriedByRename: Bool
    }

    /// A team's permission on a repository added, removed or changed.
    package struct PermissionChange: Sendable, Equatable {
        package var kind: Difference.Kind
        package var namespace: String
        package var repository: String
        package var team: String
        package var oldPermission: String?
        package var newPermission: String?
        /// Team members it reaches (new snapshot; the old one when removed): org members without an org-wide grant.
        package var reach: Int
        /// The repository itself was created (`added`) or deleted (`removed`) between the snapshots.
        package var repositoryChange: Difference.Kind?
        /// For a grant of a renamed team: the old name, and what the team held there under it.
        package var renamedFrom: String?
        package var heldBeforeRename: String?
        /// For a grant removed from a team that was renamed: the new name, and what the team holds there under it.
        package var renamedTo: String?
        package var heldAfterRename: String?
    }

    /// A repository created or deleted, with the teams granted on it.
    package struct RepositoryChange: Sendable, Equatable {
        package var added: Bool
        package var namespace: String
        package var name: String
        package var isPrivate: Bool?
        /// "team permission members" for each team granted on it, by team name.
        package var teams: [(team: String, permission: String, members: Int)]

        package static func == (lhs: RepositoryChange, rhs: RepositoryChange) -> Bool {
            lhs.added == rhs.added && lhs.namespace == rhs.namespace && lhs.name == rhs.name
                && lhs.isPrivate == rhs.isPrivate && lhs.teams.map(\.team) == rhs.teams.map(\.team)
                && lhs.teams.map(\.permission) == rhs.teams.map(\.permission)
                && lhs.teams.map(\.members) == rhs.teams.map(\.members)
        }
    }

    /// A team whose org role changed, under the same name or across a rename.
    package struct TeamRoleChange: Sendable, Equatable {
        package var org: String
        package var team: String
        package var oldRole: String?
        package var newRole: String?
        package var renamedFrom: String?
    }

    private static func kind(_ row: Row) -> Difference.Kind {
        let inOld: Int = row["in_old"]
        let inNew: Int = row["in_new"]
        return inOld == 0 ? .added : inNew == 0 ? .removed : .changed
    }

    private var orgGrants: String { Self.differences(TableSpec.orgGrants) }

    private func table(_ name: String) throws -> String {
        guard let table = TableSpec.named(name) else { throw StoreError.unknownTable(name) }
        return Self.differences(table)
    }

    private func grants(_ schema: String) -> String {
        TableSpec.orgGrants.source(
            prefix: "\(schema).", format: schema == "new" ? new.formatVersion : old.formatVersion)
    }

    /// Org-wide grants gained, lost or changed in `via`, in key order.
    package func orgGrantChanges(_ body: (OrgGrantChange) throws -> Void) throws {
        let sql = """
            SELECT in_old, in_new, coalesce(new_org, old_org) AS org, coalesce(new_username, old_username) AS username,
                   old_via, new_via,
                   CASE WHEN in_new > 0
                       THEN (SELECT count(*) FROM new.repositories r WHERE r.namespace = coalesce(new_org, old_org))
                       ELSE (SELECT count(*) FROM main.repositories r WHERE r.namespace = coalesce(new_org, old_org))
                   END AS repositories
            FROM \(orgGrants) ORDER BY rowid
            """
        try each(sql) { row in
            try body(
                OrgGrantChange(
                    kind: Self.kind(row), org: row["org"], username: row["username"], oldVia: row["old_via"],
                    newVia: row["new_via"], repositories: row["repositories"]))
        }
    }

    /// Team memberships added or removed, in key order, each with what the team grants where it is.
    package func membershipChanges(_ body: (MembershipChange) throws -> Void) throws {
        func side(_ schema: String, added: Bool) throws -> String {
            let carried =
                added
                ? """
                EXISTS (SELECT 1 FROM temp.renamed_teams rt JOIN main.team_members o ON o.org = rt.org AND o.team = rt.old
                        WHERE rt.org = d.new_org AND rt.new = d.new_team AND o.username = d.new_username)
                """
                : """
                EXISTS (SELECT 1 FROM temp.renamed_teams rt JOIN new.team_members n ON n.org = rt.org AND n.team = rt.new
                        WHERE rt.org = d.old_org AND rt.old = d.old_team AND n.username = d.old_username)
                """
            let p = added ? "new_" : "old_"
            return """
                SELECT \(added ? 1 : 0) AS added, d.\(p)org AS org, d.\(p)team AS team, d.\(p)username AS username,
                    t.role AS team_role,
                    (SELECT count(*) FROM \(schema).repository_permissions rp
                     WHERE rp.namespace = d.\(p)org AND rp.team = d.\(p)team AND rp.permission = 'admin') AS admin,
                    (SELECT count(*) FROM \(schema).repository_permissions rp
                     WHERE rp.namespace = d.\(p)org AND rp.team = d.\(p)team AND rp.permission = 'write') AS write,
                    (SELECT count(*) FROM \(schema).repository_permissions rp
                     WHERE rp.namespace = d.\(p)org AND rp.team = d.\(p)team AND rp.permission = 'read') AS read,
                    EXISTS (SELECT 1 FROM \(schema).org_members m
                            WHERE m.org = d.\(p)org AND m.username = d.\(p)username) AS is_member,
                    (SELECT g.via FROM \(grants(schema)) g
                     WHERE g.org = d.\(p)org AND g.username = d.\(p)username) AS org_wide,
                    \(carried) AS carried
                FROM \(try table("team_members")) d
                LEFT JOIN \(schema).teams t ON t.org = d.\(p)org AND t.name = d.\(p)team
                WHERE d.\(added ? "in_old = 0" : "in_new = 0")
                """
        }
        let sql = "\(try side("new", added: true)) UNION ALL \(try side("main", added: false)) ORDER BY 2, 3, 4"
        try each(sql) { row in
            var grants: [String: Int] = [:]
            for permission in AccessRules.permissions {
                let count: Int = row[permission]
                if count > 0 { grants[permission] = count }
            }
            try body(
                MembershipChange(
                    added: (row["added"] as Int) == 1, org: row["org"], team: row["team"], username: row["username"],
                    teamRole: row["team_role"], grants: grants, isOrgMember: (row["is_member"] as Int) == 1,
                    orgWideVia: row["org_wide"], carriedByRename: (row["carried"] as Int) == 1))
        }
    }

    /// Team permissions on repositories added, removed or changed, in key order, with whom each reaches.
    package func permissionChanges(_ body: (PermissionChange) throws -> Void) throws {
        func reach(_ schema: String, _ p: String) -> String {
            """
            (SELECT count(*) FROM \(schema).team_members tm
             JOIN \(schema).org_members m ON m.org = tm.org AND m.username = tm.username
             WHERE tm.org = d.\(p)namespace AND tm.team = d.\(p)team
               AND NOT EXISTS (SELECT 1 FROM \(grants(schema)) g WHERE g.org = tm.org AND g.username = tm.username))
            """
        }
        let sql = """
            SELECT d.in_old, d.in_new, coalesce(d.new_namespace, d.old_namespace) AS namespace,
                coalesce(d.new_repository, d.old_repository) AS repository, coalesce(d.new_team, d.old_team) AS team,
                d.old_permission, d.new_permission,
                CASE WHEN d.in_new > 0 THEN \(reach("new", "new_")) ELSE \(reach("main", "old_")) END AS reach,
                (SELECT CASE WHEN r.in_old = 0 THEN 'added' WHEN r.in_new = 0 THEN 'removed' END
                 FROM \(try table("repositories")) r
                 WHERE coalesce(r.new_namespace, r.old_namespace) = coalesce(d.new_namespace, d.old_namespace)
                   AND coalesce(r.new_name, r.old_name) = coalesce(d.new_repository, d.old_repository)) AS repository_change,
                rf.old AS renamed_from,
                (SELECT o.permission FROM main.repository_permissions o
                 WHERE o.namespace = d.new_namespace AND o.repository = d.new_repository AND o.team = rf.old) AS held,
                rt.new AS renamed_to,
                (SELECT n.permission FROM new.repository_permissions n
                 WHERE n.namespace = d.old_namespace AND n.repository = d.old_repository AND n.team = rt.new)
                    AS held_after
            FROM \(try table("repository_permissions")) d
            LEFT JOIN temp.renamed_teams rf ON d.in_old = 0 AND rf.org = d.new_namespace AND rf.new = d.new_team
            LEFT JOIN temp.renamed_teams rt ON d.in_new = 0 AND rt.org = d.old_namespace AND rt.old = d.old_team
            ORDER BY d.rowid
            """
        try each(sql) { row in
            let repositoryChange: String? = row["repository_change"]
            try body(
                PermissionChange(
                    kind: Self.kind(row), namespace: row["namespace"], repository: row["repository"], team: row["team"],
                    oldPermission: row["old_permission"], newPermission: row["new_permission"], reach: row["reach"],
                    repositoryChange: repositoryChange.flatMap(Difference.Kind.init(rawValue:)),
                    renamedFrom: row["renamed_from"], heldBeforeRename: row["held"], renamedTo: row["renamed_to"],
                    heldAfterRename: row["held_after"]))
        }
    }

    /// Repositories created or deleted, in key order, with the teams granted on each and their members.
    package func repositoryChanges(_ body: (RepositoryChange) throws -> Void) throws {
        func side(_ schema: String, added: Bool) throws -> String {
            let p = added ? "new_" : "old_"
            return """
                SELECT \(added ? 1 : 0) AS added, d.\(p)namespace AS namespace, d.\(p)name AS name,
                    d.\(p)is_private AS is_private, rp.team AS team, rp.permission AS permission,
                    (SELECT count(*) FROM \(schema).team_members tm
                     WHERE tm.org = rp.namespace AND tm.team = rp.team) AS members
                FROM \(try table("repositories")) d
                LEFT JOIN \(schema).repository_permissions rp
                    ON rp.namespace = d.\(p)namespace AND rp.repository = d.\(p)name
                WHERE d.\(added ? "in_old = 0" : "in_new = 0")
                """
        }
        let sql = "\(try side("new", added: true)) UNION ALL \(try side("main", added: false)) ORDER BY 2, 3, 1, 5"
        var current: RepositoryChange?
        try each(sql) { row in
            let added = (row["added"] as Int) == 1
            let namespace: String = row["namespace"]
            let name: String = row["name"]
            if let change = current, change.added != added || change.namespace != namespace || change.name != name {
                try body(change)
                current = nil
            }
            if current == nil {
                let isPrivate: Int? = row["is_private"]
                current = RepositoryChange(
                    added: added, namespace: namespace, name: name, isPrivate: isPrivate.map { $0 != 0 }, teams: [])
            }
            if let team: String = row["team"] {
                current?.teams.append((team, row["permission"], row["members"]))
            }
        }
        if let current { try body(current) }
    }

    /// Teams whose org role changed, under the same name or across a rename, in key order.
    package func teamRoleChanges(_ body: (TeamRoleChange) throws -> Void) throws {
        let sql = """
            SELECT new_org AS org, new_name AS team, old_role, new_role, NULL AS renamed_from
            FROM \(try table("teams")) WHERE in_old > 0 AND in_new > 0 AND old_role IS NOT new_role
            UNION ALL
            SELECT rt.org, rt.new, o.role, n.role, rt.old FROM temp.renamed_teams rt
            JOIN main.teams o ON o.org = rt.org AND o.name = rt.old
            JOIN new.teams n ON n.org = rt.org AND n.name = rt.new
            WHERE o.role IS NOT n.role
            ORDER BY 1, 2
            """
        try each(sql) { row in
            try body(
                TeamRoleChange(
                    org: row["org"], team: row["team"], oldRole: row["old_role"], newRole: row["new_role"],
                    renamedFrom: row["renamed_from"]))
        }
    }

    private func each(_ sql: String, _ body: (Row) throws -> Void) throws {
        try read { db in
            let cursor = try Row.fetchCursor(db, sql: sql)
            var count = 0
            while let row = try cursor.next() {
                count += 1
                if count % 4096 == 0 { try Task.checkCancellation() }
                try body(row)
            }
        }
    }
}
