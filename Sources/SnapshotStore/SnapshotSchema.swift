import GRDB

/// The snapshot file format: a public contract, documented in `docs/schema.md`.
///
/// Each step moves `PRAGMA user_version` from its index to the next. Steps are never edited once shipped.
package enum SnapshotSchema {
    /// `PRAGMA application_id`: ASCII "HSNP".
    package static let applicationID: Int32 = 1_213_419_088
    /// The newest format this build writes and reads.
    package static var currentVersion: Int { migrations.count }

    static let migrations: [(name: String, apply: @Sendable (Database) throws -> Void)] = [
        ("v1", v1),
        ("v2", { try $0.execute(sql: v2) }),
        ("v3", { try $0.execute(sql: v3) }),
    ]

    /// Brings a new or older file up to ``currentVersion``, stamping the application id.
    ///
    /// - Parameter target: the format to stop at; tests use it to make files of older formats.
    package static func migrate(_ db: Database, upTo target: Int = currentVersion) throws {
        try db.execute(sql: "PRAGMA application_id = \(applicationID)")
        let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        for (index, migration) in migrations.enumerated() where index >= version && index < target {
            try migration.apply(db)
            try db.execute(sql: "PRAGMA user_version = \(index + 1)")
        }
    }

    /// Fills what a file of the current format derives from its facts, once every org's rows are in: the org-wide
    /// grants and the rows per table. Call it in the transaction that stores the `snapshot` row.
    package static func storeDerived(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM org_grants; DELETE FROM table_rows")
        try db.execute(
            sql: "INSERT INTO org_grants (org, username, permission, via) \(AccessRules.orgGrantsQuery(""))")
        for table in TableSpec.stored(inFormat: currentVersion) where table.name != "snapshot" {
            try db.execute(
                sql: "INSERT INTO table_rows (name, rows) SELECT ?, count(*) FROM \(table.name.sqlIdentifier)",
                arguments: [table.name])
        }
    }

    /// Format 3 stores the org-wide grants (`org_grants`: one row per member and org holding admin on every
    /// repository of it, present and future) and the rows per table (`table_rows`), both filled at sync time, and
    /// bases `effective_access` on `org_grants`. Literal text, frozen with the format.
    private static let v3 = """
        CREATE TABLE org_grants (
            org        TEXT NOT NULL REFERENCES organizations(name),
            username   TEXT NOT NULL REFERENCES accounts(username),
            permission TEXT NOT NULL CHECK (permission IN ('read', 'write', 'admin')),
            via        TEXT NOT NULL,
            PRIMARY KEY (org, username)
        );
        CREATE INDEX org_grants_by_username ON org_grants(username);
        CREATE TABLE table_rows (
            name TEXT NOT NULL PRIMARY KEY,
            rows INTEGER NOT NULL
        );
        DROP VIEW effective_access;
        CREATE VIEW effective_access AS WITH
        orgwide AS (SELECT org, username, via AS prefix FROM org_grants),
        granted AS (
            SELECT tm.org, tm.username, rp.repository,
                   max(CASE rp.permission WHEN 'read' THEN 1 WHEN 'write' THEN 2 WHEN 'admin' THEN 3 ELSE 0 END)
                       OVER w AS rank,
                   group_concat('team:' || tm.team, ', ') OVER w AS via, row_number() OVER w AS position
            FROM team_members tm
            JOIN org_members m ON m.org = tm.org AND m.username = tm.username
            JOIN repository_permissions rp ON rp.namespace = tm.org AND rp.team = tm.team
            WINDOW w AS (PARTITION BY tm.org, tm.username, rp.repository ORDER BY tm.team
                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
        )
        SELECT o.org, o.username, r.namespace, r.name AS repository, 'admin' AS permission,
               CASE WHEN r.is_private = 0 THEN 'public, ' ELSE '' END || o.prefix || coalesce(', ' || g.via, '')
                   AS via
        FROM orgwide o
        JOIN repositories r ON r.namespace = o.org
        LEFT JOIN granted g
            ON g.org = o.org AND g.username = o.username AND g.repository = r.name AND g.position = 1
        UNION ALL
        SELECT g.org, g.username, g.org, g.repository,
               CASE g.rank WHEN 3 THEN 'admin' WHEN 2 THEN 'write' ELSE 'read' END,
               CASE WHEN r.is_private = 0 THEN 'public, ' ELSE '' END || g.via
        FROM granted g JOIN repositories r ON r.namespace = g.org AND r.name = g.repository
        WHERE g.position = 1
          AND NOT EXISTS (SELECT 1 FROM orgwide o WHERE o.org = g.org AND o.username = g.username)
        UNION ALL
        SELECT m.org, m.username, r.namespace, r.name, 'read', 'public'
        FROM org_members m JOIN repositories r ON r.namespace = m.org AND r.is_private = 0
        WHERE NOT EXISTS (SELECT 1 FROM orgwide o WHERE o.org = m.org AND o.username = m.username)
          AND NOT EXISTS (
              SELECT 1 FROM granted g WHERE g.org = m.org AND g.username = m.username AND g.repository = r.name);
        """

    /// Format 2 adds the `effective_access` view. Literal text, frozen with the format.
    private static let v2 = #"""
        CREATE VIEW effective_access AS WITH
        orgwide AS (
            SELECT org, username, group_concat(source, ', ') OVER w AS prefix, row_number() OVER w AS position
            FROM (
                SELECT org, username, 'role:' || role AS source FROM org_members
                WHERE role IN ('owner', 'editor')
                UNION ALL
                SELECT tm.org, tm.username, 'team-role:' || tm.team
                FROM team_members tm
                JOIN org_members m ON m.org = tm.org AND m.username = tm.username
                JOIN teams t ON t.org = tm.org AND t.name = tm.team
                WHERE t.role IN ('owner', 'editor')
            )
            WINDOW w AS (PARTITION BY org, username ORDER BY source
                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
        ),
        granted AS (
            SELECT tm.org, tm.username, rp.repository,
                   max(CASE rp.permission WHEN 'admin' THEN 3 WHEN 'write' THEN 2 ELSE 1 END) OVER w AS rank,
                   group_concat('team:' || tm.team, ', ') OVER w AS via, row_number() OVER w AS position
            FROM team_members tm
            JOIN org_members m ON m.org = tm.org AND m.username = tm.username
            JOIN repository_permissions rp ON rp.namespace = tm.org AND rp.team = tm.team
            WHERE 1
            WINDOW w AS (PARTITION BY tm.org, tm.username, rp.repository ORDER BY tm.team
                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
        )
        SELECT o.org, o.username, r.namespace, r.name AS repository, 'admin' AS permission,
               CASE WHEN r.is_private = 0 THEN 'public, ' ELSE '' END || o.prefix || coalesce(', ' || g.via, '')
                   AS via
        FROM orgwide o
        JOIN repositories r ON r.namespace = o.org
        LEFT JOIN granted g
            ON g.org = o.org AND g.username = o.username AND g.repository = r.name AND g.position = 1
        WHERE o.position = 1
        UNION ALL
        SELECT g.org, g.username, g.org, g.repository,
               CASE g.rank WHEN 3 THEN 'admin' WHEN 2 THEN 'write' ELSE 'read' END,
               CASE WHEN r.is_private = 0 THEN 'public, ' ELSE '' END || g.via
        FROM granted g JOIN repositories r ON r.namespace = g.org AND r.name = g.repository
        WHERE g.position = 1
          AND NOT EXISTS (SELECT 1 FROM orgwide o WHERE o.org = g.org AND o.username = g.username)
        UNION ALL
        SELECT m.org, m.username, r.namespace, r.name, 'read', 'public'
        FROM org_members m JOIN repositories r ON r.namespace = m.org AND r.is_private = 0
        WHERE NOT EXISTS (SELECT 1 FROM orgwide o WHERE o.org = m.org AND o.username = m.username)
          AND NOT EXISTS (
              SELECT 1 FROM granted g WHERE g.org = m.org AND g.username = m.username AND g.repository = r.name);
        """#

    private static func v1(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE snapshot (
                    format_version  INTEGER NOT NULL,
                    tool_version    TEXT NOT NULL,
                    started_at      TEXT NOT NULL,
                    finished_at     TEXT NOT NULL,
                    api_url         TEXT NOT NULL,
                    credential_kind TEXT NOT NULL CHECK (credential_kind IN ('password', 'pat', 'oat')),
                    principal       TEXT NOT NULL,
                    org_filter      TEXT,
                    http_requests   INTEGER NOT NULL,
                    warnings        TEXT NOT NULL DEFAULT '[]'
                );
                CREATE TABLE organizations (
                    name        TEXT NOT NULL PRIMARY KEY,
                    id          TEXT,
                    full_name   TEXT,
                    company     TEXT,
                    location    TEXT,
                    date_joined TEXT
                );
                CREATE TABLE accounts (
                    username  TEXT NOT NULL PRIMARY KEY,
                    id        TEXT,
                    full_name TEXT,
                    email     TEXT,
                    type      TEXT
                );
                CREATE TABLE org_members (
                    org               TEXT NOT NULL REFERENCES organizations(name),
                    username          TEXT NOT NULL REFERENCES accounts(username),
                    role              TEXT NOT NULL,
                    is_guest          INTEGER NOT NULL CHECK (is_guest IN (0, 1)),
                    date_joined       TEXT,
                    last_logged_in_at TEXT,
                    PRIMARY KEY (org, username)
                );
                CREATE INDEX org_members_by_username ON org_members(username);
                CREATE TABLE teams (
                    org          TEXT NOT NULL REFERENCES organizations(name),
                    name         TEXT NOT NULL,
                    id           INTEGER,
                    uuid         TEXT,
                    description  TEXT,
                    member_count INTEGER,
                    role         TEXT,
                    PRIMARY KEY (org, name)
                );
                CREATE TABLE team_members (
                    org      TEXT NOT NULL,
                    team     TEXT NOT NULL,
                    username TEXT NOT NULL REFERENCES accounts(username),
                    PRIMARY KEY (org, team, username),
                    FOREIGN KEY (org, team) REFERENCES teams(org, name)
                );
                CREATE INDEX team_members_by_username ON team_members(username);
                CREATE TABLE repositories (
                    namespace       TEXT NOT NULL REFERENCES organizations(name),
                    name            TEXT NOT NULL,
                    is_private      INTEGER NOT NULL CHECK (is_private IN (0, 1)),
                    status          TEXT,
                    description     TEXT,
                    repository_type TEXT,
                    date_registered TEXT,
                    last_updated    TEXT,
                    PRIMARY KEY (namespace, name)
                );
                CREATE TABLE repository_permissions (
                    namespace  TEXT NOT NULL,
                    repository TEXT NOT NULL,
                    team       TEXT NOT NULL,
                    permission TEXT NOT NULL CHECK (permission IN ('read', 'write', 'admin')),
                    PRIMARY KEY (namespace, repository, team),
                    FOREIGN KEY (namespace, repository) REFERENCES repositories(namespace, name)
                );
                CREATE INDEX repository_permissions_by_team ON repository_permissions(namespace, team);
                CREATE TABLE invites (
                    org        TEXT NOT NULL REFERENCES organizations(name),
                    id         TEXT NOT NULL,
                    invitee    TEXT,
                    role       TEXT,
                    team       TEXT,
                    inviter    TEXT,
                    created_at TEXT,
                    PRIMARY KEY (org, id)
                );
                CREATE TABLE access_tokens (
                    kind         TEXT NOT NULL CHECK (kind IN ('personal', 'organization')),
                    id           TEXT NOT NULL,
                    org          TEXT REFERENCES organizations(name),
                    owner        TEXT,
                    label        TEXT,
                    scopes       TEXT NOT NULL DEFAULT '[]',
                    is_active    INTEGER NOT NULL CHECK (is_active IN (0, 1)),
                    created_at   TEXT,
                    last_used_at TEXT,
                    expires_at   TEXT,
                    PRIMARY KEY (kind, id)
                );
                """
        )
    }

}
