import Foundation
import GRDB

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Builds a snapshot under a temporary name beside its destination and moves it into place only once it is
/// complete and has passed `PRAGMA integrity_check`, so the destination holds a whole snapshot or its
/// previous content — never a half-written file.
package struct SnapshotWriter: Sendable {
    /// Where the finished snapshot goes.
    package let destination: URL
    /// The file being built; removed by ``discard()``.
    package let temporaryURL: URL
    let queue: DatabaseQueue

    /// Creates the temporary file (mode 0600) with the current schema.
    ///
    /// - Throws: ``StoreError/cannotWrite(path:reason:)`` when the directory is missing or not writable,
    ///   ``StoreError/refusedPath(path:problem:)`` when the destination exists and is not a regular file.
    package static func begin(destination: URL) throws -> SnapshotWriter {
        let directory = destination.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            throw StoreError.cannotWrite(path: destination.path, reason: "directory '\(directory.path)' does not exist")
        }
        try FileKind.checkReplaceable(destination)
        let temporary = TemporaryFiles.newName(for: destination)
        let fd = open(temporary.path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw StoreError.cannotWrite(path: destination.path, reason: String(cString: strerror(errno)))
        }
        close(fd)
        do {
            var configuration = Configuration()
            configuration.foreignKeysEnabled = true
            configuration.label = "snapshot-writer"
            let queue = try DatabaseQueue(path: temporary.path, configuration: configuration)
            try queue.writeWithoutTransaction { db in
                // The file is private until the rename; a crash leaves a temporary file to discard, not a
                // snapshot to recover, so rollback journals and syncs per statement buy nothing here.
                try db.execute(sql: "PRAGMA journal_mode = MEMORY")
                try db.execute(sql: "PRAGMA synchronous = OFF")
                try db.inTransaction {
                    try SnapshotSchema.migrate(db)
                    return .commit
                }
            }
            return SnapshotWriter(destination: destination, temporaryURL: temporary, queue: queue)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw StoreError.cannotWrite(path: destination.path, reason: "\(error)")
        }
    }

    /// Writes one organization's rows in one transaction.
    ///
    /// - Throws: ``StoreError/cannotWrite(path:reason:)`` when the disk is full or failing.
    package func write(_ batch: OrganizationBatch) async throws {
        try await storing { db in
            try batch.organization.insert(db)
            for account in batch.accounts {
                try Self.upsert(account, db)
            }
            for row in batch.members { try row.insert(db) }
            for row in batch.teams { try row.insert(db) }
            for row in batch.teamMembers { try row.insert(db) }
            for row in batch.repositories { try row.insert(db) }
            for row in batch.permissions { try row.insert(db) }
            for row in batch.invites { try row.insert(db) }
            for row in batch.accessTokens { try row.insert(db) }
        }
    }

    /// Writes rows that belong to no single organization, such as the user's personal access tokens.
    package func write(accessTokens: [AccessTokenRow]) async throws {
        try await storing { db in
            for row in accessTokens { try row.insert(db) }
        }
    }

    /// An account seen in several orgs keeps the first non-null value of each field.
    private static func upsert(_ account: AccountRow, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO accounts (username, id, full_name, email, type) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (username) DO UPDATE SET
                    id = coalesce(accounts.id, excluded.id),
                    full_name = coalesce(accounts.full_name, excluded.full_name),
                    email = coalesce(accounts.email, excluded.email),
                    type = coalesce(accounts.type, excluded.type)
                """,
            arguments: [account.username, account.id, account.fullName, account.email, account.type]
        )
    }

    /// Stores the `snapshot` row, checks the file, and moves it over the destination.
    ///
    /// - Throws: ``StoreError/integrityCheckFailed(path:detail:)`` or ``StoreError/cannotWrite(path:reason:)``;
    ///   in both cases the destination is untouched.
    package func finish(_ info: SnapshotInfo) async throws {
        try await storing { db in
            try info.insert(db)
            try SnapshotSchema.storeDerived(db)
        }
        let problems: [String] = try await queue.read { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            let foreignKeys = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
            var problems = integrity == ["ok"] ? [] : integrity
            problems += foreignKeys.map { "foreign key violation in \($0[0] as String? ?? "?")" }
            return problems
        }
        guard problems.isEmpty else {
            throw StoreError.integrityCheckFailed(
                path: destination.path, detail: problems.prefix(3).joined(separator: "; "))
        }
        try queue.close()
        // Checked again: the path may have been replaced while the sync ran.
        try FileKind.checkReplaceable(destination)
        try TemporaryFiles.syncAndRename(temporaryURL, to: destination)
    }

    /// Runs a write transaction; SQLite's file-system failures (disk full, I/O error, read-only or vanished
    /// file) become ``StoreError/cannotWrite(path:reason:)``. Other database errors are bugs and pass through.
    private func storing(_ updates: @Sendable @escaping (Database) throws -> Void) async throws {
        do {
            try await queue.write(updates)
        } catch let error as DatabaseError where Self.fileSystemCodes.contains(error.resultCode) {
            throw StoreError.cannotWrite(
                path: destination.path, reason: error.message ?? "SQLite error \(error.resultCode.rawValue)")
        }
    }

    private static let fileSystemCodes: [ResultCode] = [
        .SQLITE_FULL, .SQLITE_IOERR, .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_NOTADB,
        .SQLITE_CORRUPT,
    ]

    /// Closes and deletes the temporary file; the destination is untouched.
    package func discard() {
        try? queue.close()
        try? FileManager.default.removeItem(at: temporaryURL)
    }
}

extension SnapshotWriter {
    /// Rows per stored table so far, in reader order (`snapshot` left out).
    package func rowCounts() async throws -> [(table: String, rows: Int)] {
        try await queue.read { db in
            try TableSpec.stored(inFormat: SnapshotSchema.currentVersion).filter { $0.name != "snapshot" }.map {
                ($0.name, try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0.name.sqlIdentifier)") ?? 0)
            }
        }
    }
}
