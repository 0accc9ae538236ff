/// Docker Hub's access rules, defined once: the permission order, the org-wide roles, and the SQL that derives
/// grants from the stored facts (`docs/schema.md#access`).
///
/// Today's rules: a file's migrations keep the SQL of its own format as literal text, so editing these never
/// changes what an old file's views say.
package enum AccessRules {
    /// Repository permissions, lowest first.
    package static let permissions = ["read", "write", "admin"]
    /// The org roles (of a member, or of a team for all its members) that give admin on every repository.
    package static let orgWideRoles = ["owner", "editor"]

    /// The rank of a permission (`read` 1, `write` 2, `admin` 3), 0 for anything else.
    package static func rank(_ permission: String?) -> Int {
        permission.flatMap { permissions.firstIndex(of: $0) }.map { $0 + 1 } ?? 0
    }

    /// `CASE` turning `column` into its rank.
    static func rankSQL(_ column: String) -> String {
        "CASE \(column) " + permissions.enumerated().map { "WHEN '\($1)' THEN \($0 + 1) " }.joined() + "ELSE 0 END"
    }

    /// `CASE` turning a rank back into a permission.
    static func permissionSQL(_ rank: String) -> String {
        "CASE \(rank) " + permissions.enumerated().map { "WHEN \($0 + 1) THEN '\($1)' " }.joined() + "END"
    }

    private static var orgWideList: String {
        orgWideRoles.map { "'\($0)'" }.joined(separator: ", ")
    }

    /// The org-wide grants of the tables in `prefix` (`""`, `"main."`, `"new."`): one row per org member who is
    /// an owner or editor, or in a team holding one of those roles, with `permission` admin and `via` the sorted
    /// sources (`role:owner`, `team-role:T`). A team membership without org membership grants nothing.
    package static func orgGrantsQuery(_ prefix: String) -> String {
        """
        SELECT org, username, 'admin' AS permission, via FROM (
            SELECT org, username, group_concat(source, ', ') OVER w AS via, row_number() OVER w AS position
            FROM (
                SELECT org, username, 'role:' || role AS source FROM \(prefix)org_members
                WHERE role IN (\(orgWideList))
                UNION ALL
                SELECT tm.org, tm.username, 'team-role:' || tm.team
                FROM \(prefix)team_members tm
                JOIN \(prefix)org_members m ON m.org = tm.org AND m.username = tm.username
                JOIN \(prefix)teams t ON t.org = tm.org AND t.name = tm.team
                WHERE t.role IN (\(orgWideList))
            )
            WINDOW w AS (PARTITION BY org, username ORDER BY source
                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
        ) WHERE position = 1
        """
    }

    /// The member × repository expansion (`effective_access`): for each org member and each repository of the org
    /// it can reach, the highest permission and every source of it in `via` (sorted: `public`, `role:…`,
    /// `team-role:…`, `team:…`).
    ///
    /// - Parameters:
    ///   - prefix: the schema of the tables (`""`, `"main."`, `"new."`).
    ///   - grants: the `FROM` source of the org-wide grants: the stored `org_grants` table, or
    ///     ``orgGrantsQuery(_:)`` in parentheses for files older than format 3.
    ///   - filter: conditions pushed into every branch, so one user's or one repository's rows come from indexes.
    package static func effectiveAccessQuery(prefix: String, grants: String, filter: RowFilter = RowFilter()) -> String
    {
        let users = filter.usersList
        let repos = filter.repositoriesList
        let orgs = filter.orgsList
        func condition(_ parts: [String?]) -> String {
            parts.compactMap { $0 }.map { " AND \($0)" }.joined()
        }
        let orgwide = condition([
            users.map { "username IN \($0)" }, orgs.map { "org IN \($0)" },
            repos.map { "org IN (SELECT namespace FROM \($0))" },
        ])
        let granted = condition([
            users.map { "tm.username IN \($0)" }, orgs.map { "tm.org IN \($0)" },
            repos.map { "(rp.namespace, rp.repository) IN (SELECT namespace, name FROM \($0))" },
        ])
        let repository = { (alias: String) in
            condition([repos.map { "(\(alias).namespace, \(alias).name) IN (SELECT namespace, name FROM \($0))" }])
        }
        let member = condition([users.map { "m.username IN \($0)" }, orgs.map { "m.org IN \($0)" }])
        return """
            WITH
            orgwide AS (SELECT org, username, via AS prefix FROM \(grants) WHERE 1\(orgwide)),
            granted AS (
                SELECT tm.org, tm.username, rp.repository,
                       max(\(rankSQL("rp.permission"))) OVER w AS rank,
                       group_concat('team:' || tm.team, ', ') OVER w AS via, row_number() OVER w AS position
                FROM \(prefix)team_members tm
                JOIN \(prefix)org_members m ON m.org = tm.org AND m.username = tm.username
                JOIN \(prefix)repository_permissions rp ON rp.namespace = tm.org AND rp.team = tm.team
                WHERE 1\(granted)
                WINDOW w AS (PARTITION BY tm.org, tm.username, rp.repository ORDER BY tm.team
                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
            )
            SELECT o.org, o.username, r.namespace, r.name AS repository, 'admin' AS permission,
                   CASE WHEN r.is_private = 0 THEN 'public, ' ELSE '' END || o.prefix || coalesce(', ' || g.via, '')
                       AS via
            FROM orgwide o
            JOIN \(prefix)repositories r ON r.namespace = o.org\(repository("r"))
            LEFT JOIN granted g
                ON g.org = o.org AND g.username = o.username AND g.repository = r.name AND g.position = 1
            UNION ALL
            SELECT g.org, g.username, g.org, g.repository, \(permissionSQL("g.rank")),
                   CASE WHEN r.is_private = 0 THEN 'public, ' ELSE '' END || g.via
            FROM granted g JOIN \(prefix)repositories r ON r.namespace = g.org AND r.name = g.repository
            WHERE g.position = 1
              AND NOT EXISTS (SELECT 1 FROM orgwide o WHERE o.org = g.org AND o.username = g.username)
            UNION ALL
            SELECT m.org, m.username, r.namespace, r.name, 'read', 'public'
            FROM \(prefix)org_members m
            JOIN \(prefix)repositories r ON r.namespace = m.org AND r.is_private = 0\(repository("r"))
            WHERE NOT EXISTS (SELECT 1 FROM orgwide o WHERE o.org = m.org AND o.username = m.username)\(member)
              AND NOT EXISTS (
                  SELECT 1 FROM granted g WHERE g.org = m.org AND g.username = m.username AND g.repository = r.name)
            """
    }
}
