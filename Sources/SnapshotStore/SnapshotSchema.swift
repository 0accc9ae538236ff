import GRDB

/// The snapshot file format: a public contract, documented in `docs/schema.md`.
///
/// Each step moves `PRAGMA user_version` from its index to the next. Steps are never edited once shipped.
package enum SnapshotSchema {
    /// `PRAGMA application_id`: ASCII "HSNP".
    package static let applicationID: Int32 = 1_213_419_088
    /// The newest format this build writes and reads.
    package static var currentVersion: Int { migrations.count }

    /// The data tables, in the order a reader should meet them (`snapshot` excluded).
    package static let tables = [
        "organizations", "accounts", "org_members", "teams", "team_members", "repositories",
        "repository_permissions", "invites", "access_tokens",
    ]

    static let migrations: [(name: String, apply: @Sendable (Database) throws -> Void)] = [
        ("v1", v1)
    ]

    /// Brings a new or older file up to ``currentVersion``, stamping the application id.
    package static func migrate(_ db: Database) throws {
        try db.execute(sql: "PRAGMA application_id = \(applicationID)")
        let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        for (index, migration) in migrations.enumerated() where index >= version {
            try migration.apply(db)
            try db.execute(sql: "PRAGMA user_version = \(index + 1)")
        }
    }

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
