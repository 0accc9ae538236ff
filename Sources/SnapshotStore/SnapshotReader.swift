import Foundation
import GRDB

/// A snapshot opened read-only: `dump`, `info` and `diff` read through it and never change the file.
///
/// Opening checks, in order, that the path is a file, that it is SQLite, that its `application_id` is hubsnap's,
/// that its format is one this build reads, and that it passes `PRAGMA quick_check`; each failure is a
/// ``StoreError/unreadable(path:problem:)`` naming the file and the problem.
package struct SnapshotReader: Sendable {
    package let path: String
    /// The file's format (`PRAGMA user_version`).
    package let formatVersion: Int
    let queue: DatabaseQueue

    package init(path: String) throws {
        self.path = path
        try Self.checkFile(path)
        do {
            queue = try Self.openReadOnly(path)
            formatVersion = try queue.read { db in try Self.checkContent(db, path: path) }
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw Self.unreadable(path, error)
        }
    }

    static func openReadOnly(_ path: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "snapshot-reader"
        return try DatabaseQueue(path: path, configuration: configuration)
    }

    /// What the file system and the first bytes tell, before SQLite opens the file.
    private static func checkFile(_ path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw StoreError.unreadable(path: path, problem: "does not exist; check the path")
        }
        guard !isDirectory.boolValue else {
            throw StoreError.unreadable(path: path, problem: "is a directory, not a snapshot file")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StoreError.unreadable(path: path, problem: "cannot be read; check its permissions")
        }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 100)) ?? Data()
        guard header.starts(with: Data("SQLite format 3\u{0}".utf8)) else {
            throw StoreError.unreadable(
                path: path,
                problem: header.isEmpty
                    ? "is empty, not a hubsnap snapshot" : "is not a SQLite database, so not a hubsnap snapshot")
        }
        guard header.count == 100 else {
            throw StoreError.unreadable(path: path, problem: "is truncated (shorter than a SQLite header)")
        }
    }

    private static func checkContent(_ db: Database, path: String) throws -> Int {
        let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        guard applicationID == SnapshotSchema.applicationID else {
            throw StoreError.unreadable(
                path: path,
                problem: "is a SQLite database but not a hubsnap snapshot (application_id \(applicationID), "
                    + "expected \(SnapshotSchema.applicationID))")
        }
        let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        guard version <= SnapshotSchema.currentVersion else {
            throw StoreError.unreadable(
                path: path,
                problem: "is a snapshot of format \(version), newer than this hubsnap reads "
                    + "(up to \(SnapshotSchema.currentVersion)); upgrade hubsnap to read it")
        }
        guard version >= 1 else {
            throw StoreError.unreadable(path: path, problem: "is an incomplete hubsnap snapshot (no format version)")
        }
        let present = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
        let missing = TableSpec.all.map(\.name).filter { $0 != "effective_access" && !present.contains($0) }
        guard missing.isEmpty else {
            throw StoreError.unreadable(
                path: path,
                problem: "is an incomplete hubsnap snapshot (no \(missing.joined(separator: ", ")) table)")
        }
        let check = try String.fetchAll(db, sql: "PRAGMA quick_check")
        guard check == ["ok"] else {
            throw StoreError.unreadable(
                path: path, problem: "is corrupt (\(check.prefix(2).joined(separator: "; "))); take a new snapshot")
        }
        let snapshotRows = try Int.fetchOne(db, sql: "SELECT count(*) FROM snapshot") ?? 0
        guard snapshotRows == 1 else {
            throw StoreError.unreadable(
                path: path, problem: "is an incomplete hubsnap snapshot (\(snapshotRows) snapshot rows, expected 1)")
        }
        return version
    }

    static func unreadable(_ path: String, _ error: DatabaseError) -> StoreError {
        switch error.resultCode {
        case .SQLITE_NOTADB:
            .unreadable(path: path, problem: "is not a SQLite database, so not a hubsnap snapshot")
        case .SQLITE_CORRUPT, .SQLITE_IOERR:
            .unreadable(
                path: path, problem: "is truncated or corrupt (\(error.message ?? "SQLite error")); take a new snapshot"
            )
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
            .unreadable(
                path: path, problem: "cannot be opened (\(error.message ?? "SQLite error")); check its permissions")
        default:
            .unreadable(
                path: path,
                problem:
                    "cannot be read as a hubsnap snapshot (\(error.message ?? "SQLite error \(error.resultCode.rawValue)"))"
            )
        }
    }

    /// Runs `body` in one read transaction; SQLite errors become ``StoreError/unreadable(path:problem:)``.
    package func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.read(body)
        } catch let error as DatabaseError {
            throw Self.unreadable(path, error)
        }
    }

    /// Closes the file.
    package func close() {
        try? queue.close()
    }
}

extension SnapshotReader {
    /// The columns `table` has in this file, in their order.
    package func columns(of table: TableSpec) throws -> [String] {
        if table.name == "effective_access" { return SnapshotSchema.effectiveAccessColumns }
        return try read { db in try Self.columns(of: table.name, schema: "main", db) }
    }

    static func columns(of table: String, schema: String, _ db: Database) throws -> [String] {
        try Row.fetchAll(db, sql: "PRAGMA \(schema).table_info(\(table.quotedDatabaseIdentifier))").map { $0["name"] }
    }

    /// Calls `body` with each row of `table` that passes the filters, in key order, without holding the table in
    /// memory.
    ///
    /// - Parameters:
    ///   - org: keep the rows of this org only.
    ///   - user: keep the rows about this account only.
    package func forEachRow(
        of table: TableSpec, columns: [String], org: String? = nil, user: String? = nil,
        _ body: ([Cell]) throws -> Void
    ) throws {
        var conditions: [String] = []
        var arguments: [String] = []
        if let org, let condition = table.orgCondition {
            conditions.append(condition)
            arguments.append(org)
        }
        if let user, let condition = table.userCondition {
            conditions.append(condition)
            arguments.append(user)
        }
        let list = columns.map(\.quotedDatabaseIdentifier).joined(separator: ", ")
        var sql = "SELECT \(list) FROM \(table.source(schema: nil))"
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        if !table.key.isEmpty {
            sql += " ORDER BY " + table.key.map(\.quotedDatabaseIdentifier).joined(separator: ", ")
        }
        try read { db in
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(arguments))
            var count = 0
            while let row = try cursor.next() {
                try body(Array(row.databaseValues.map(Cell.init)))
                count += 1
                // Ctrl-C ends a long dump promptly.
                if count % 4096 == 0 { try Task.checkCancellation() }
            }
        }
    }

    /// Rows per table, `effective_access` included, in ``TableSpec/all`` order.
    package func rowCounts() throws -> [(table: String, rows: Int)] {
        try read { db in
            try TableSpec.all.map { table in
                (table.name, try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table.source(schema: nil))") ?? 0)
            }
        }
    }

    /// The `snapshot` row.
    package func snapshotRow() throws -> CellRow {
        guard let spec = TableSpec.named("snapshot") else { return CellRow(columns: [], cells: []) }
        let columns = try columns(of: spec)
        var result = CellRow(columns: columns, cells: [])
        try forEachRow(of: spec, columns: columns) { result.cells = $0 }
        return result
    }
}
