import Foundation
import GRDB
import SnapshotStore

/// A small snapshot file written row by row with SQL, for tests of the rules that read snapshots.
package struct SnapshotFixture {
    package let path: String
    private let queue: DatabaseQueue

    /// Creates `path` in `format` (the current one by default) with its `snapshot` row.
    package init(path: String, format: Int = SnapshotSchema.currentVersion) throws {
        self.path = path
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

    /// Closes the file.
    package func close() throws {
        try queue.close()
    }
}

/// Compares text with a file under a test target's `Golden/` directory.
package enum Golden {
    /// Whether `RECORD_GOLDEN=1` asks to rewrite golden files.
    package static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" }

    /// `nil` when `actual` matches the golden file `name` beside `testFile`; otherwise a message with the first
    /// differing lines. A missing file (or `RECORD_GOLDEN=1`) is written and reported as a mismatch, so a
    /// recording run never passes by accident.
    package static func mismatch(_ actual: String, named name: String, testFile: String = #filePath) -> String? {
        let url = URL(fileURLWithPath: testFile).deletingLastPathComponent().appendingPathComponent("Golden/\(name)")
        let expected = try? String(contentsOf: url, encoding: .utf8)
        if recording || expected == nil {
            try? FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? actual.write(to: url, atomically: true, encoding: .utf8)
            return "recorded \(url.path); review it, then run the tests again without RECORD_GOLDEN"
        }
        guard let expected, expected != actual else { return nil }
        let old = expected.components(separatedBy: "\n")
        let new = actual.components(separatedBy: "\n")
        let first = Array(zip(old, new)).firstIndex { $0 != $1 } ?? min(old.count, new.count)
        let context = (max(0, first - 2)..<first).map { "  \(new[$0])" }
        let expectedLine = first < old.count ? old[first] : "(end of file)"
        let actualLine = first < new.count ? new[first] : "(end of output)"
        return "\(name) differs at line \(first + 1) (RECORD_GOLDEN=1 re-records it):\n"
            + context.joined(separator: "\n") + "\n- \(expectedLine)\n+ \(actualLine)"
    }
}
