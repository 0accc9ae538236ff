import Foundation
import GRDB
import SnapshotStore

/// A small snapshot file written row by row with SQL, for tests of the rules that read snapshots.
package struct SnapshotFixture {
    package let path: String
    package let format: Int
    private let queue: DatabaseQueue

    /// Creates `path` in `format` (the current one by default) with its `snapshot` row.
    package init(path: String, format: Int = SnapshotSchema.currentVersion) throws {
        self.path = path
        self.format = format
        queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try SnapshotSchema.migrate(db, upTo: format)
            try db.execute(
                sql: """
                    INSERT INTO snapshot (format_version, tool_version, started_at, finished_at, api_url,
                        credential_kind, principal, org_filter, http_requests, warnings)
                    VALUES (?, '0.1.0', '2026-01-01T00:00:00Z', '2026-01-01T00:00:07Z', 'https://hub.docker.com',
                        'password', 'admin', NULL, 12, '[]')
                    """, arguments: [format])
        }
    }

    /// Runs `sql` with `arguments`.
    package func execute(_ sql: String, _ arguments: StatementArguments = []) throws {
        try queue.write { db in try db.execute(sql: sql, arguments: arguments) }
    }

    /// Adds an org.
    package func org(_ name: String) throws {
        try execute("INSERT INTO organizations (name) VALUES (?)", [name])
    }

    /// Adds an account (once) and its membership of `org` with `role`.
    package func member(_ username: String, of org: String, role: String) throws {
        try execute("INSERT OR IGNORE INTO accounts (username, type) VALUES (?, 'User')", [username])
        try execute(
            "INSERT INTO org_members (org, username, role, is_guest) VALUES (?, ?, ?, 0)", [org, username, role])
    }

    /// Adds a team with `role` (or none), Docker's numeric `id` (or none), and its members.
    package func team(_ name: String, of org: String, role: String? = nil, id: Int? = nil, members: [String]) throws {
        try execute("INSERT INTO teams (org, name, role, id) VALUES (?, ?, ?, ?)", [org, name, role, id])
        for member in members {
            try execute("INSERT INTO team_members (org, team, username) VALUES (?, ?, ?)", [org, name, member])
        }
    }

    /// Adds a repository of `org` with team `grants` (team → permission).
    package func repository(
        _ name: String, of org: String, isPrivate: Bool = true, description: String? = nil,
        grants: [(String, String)] = []
    ) throws {
        try execute(
            "INSERT INTO repositories (namespace, name, is_private, description) VALUES (?, ?, ?, ?)",
            [org, name, isPrivate, description])
        for (team, permission) in grants {
            try execute(
                "INSERT INTO repository_permissions (namespace, repository, team, permission) VALUES (?, ?, ?, ?)",
                [org, name, team, permission])
        }
    }

    /// Adds a pending invite.
    package func invite(_ invitee: String, to org: String, team: String? = nil, role: String? = nil) throws {
        try execute(
            "INSERT INTO invites (org, id, invitee, role, team) VALUES (?, ?, ?, ?, ?)",
            [org, UUID().uuidString.lowercased(), invitee, role, team])
    }

    /// Fills what the format derives from the facts, as a sync does when it finishes, and closes the file.
    package func close() throws {
        if format >= 3 {
            try queue.write { db in try SnapshotSchema.storeDerived(db) }
        }
        try queue.close()
    }
}
