import Foundation
import GRDB

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

    /// Opens `path` read-only and immutable: SQLite then creates nothing beside it (no `-wal` or `-shm`, even for a
    /// file in WAL mode) and takes no locks. ``checkFile(_:)`` has already refused a file with a journal or a
    /// write-ahead log beside it, whose content immutable mode would not see.
    static func openReadOnly(_ path: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "snapshot-reader"
        return try DatabaseQueue(path: uri(for: path), configuration: configuration)
    }

    /// The `file:` URI that opens `path` read-only and immutable, for opening and for `ATTACH`.
    static func uri(for path: String) -> String {
        let absolute = URL(fileURLWithPath: path).path
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<"\u{80}"))
        allowed.insert(charactersIn: "-._~/")
        let encoded = absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute
        return "file:\(encoded)?mode=ro&immutable=1"
    }

    /// What the file system and the first bytes tell, before SQLite opens the file: anything but a regular file
    /// (a FIFO would block the open, a device never ends) is refused at once.
    private static func checkFile(_ path: String) throws {
        let kind = FileKind(path: path)
        switch kind {
        case .regular:
            break
        case .missing:
            throw StoreError.unreadable(path: path, problem: "does not exist; check the path")
        case .directory:
            throw StoreError.unreadable(path: path, problem: "is a directory, not a snapshot file")
        default:
            throw StoreError.unreadable(path: path, problem: "is \(kind.description), not a snapshot file")
        }
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw StoreError.unreadable(path: path, problem: "cannot be read; check its permissions")
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        defer { try? handle.close() }
        let opened = FileKind(descriptor: descriptor)
        guard opened == .regular else {
            throw StoreError.unreadable(path: path, problem: "is \(opened.description), not a snapshot file")
        }
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
        // hubsnap writes neither; a non-empty one holds changes made by another program that an immutable read
        // would not see.
        for suffix in ["-wal", "-journal"] where Self.isNonEmpty(path + suffix) {
            throw StoreError.unreadable(
                path: path,
                problem: "has changes not yet written into it ('\(path)\(suffix)' beside it); let the program that "
                    + "wrote them finish, or merge them with sqlite3 '\(path)' 'PRAGMA wal_checkpoint'")
        }
    }

    private static func isNonEmpty(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && (status.st_mode & S_IFMT != S_IFREG || status.st_size > 0)
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
        let expected = TableSpec.stored(inFormat: version).map(\.name) + (version >= 3 ? ["table_rows"] : [])
        let missing = expected.filter { !present.contains($0) }
        guard missing.isEmpty else {
            throw StoreError.unreadable(
                path: path,
                problem: "is an incomplete hubsnap snapshot (no \(missing.joined(separator: ", ")) table)")
        }
        try checkColumns(db, path: path, format: version)
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

    /// Every table must be an ordinary table with exactly the columns of ``TableSpec/columns``: readers then name
    /// only columns they know, and a crafted name never reaches a query.
    private static func checkColumns(_ db: Database, path: String, format: Int) throws {
        for table in TableSpec.stored(inFormat: format) {
            let definition =
                try String.fetchOne(
                    db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", arguments: [table.name])
                ?? ""
            let columns = try Row.fetchAll(db, sql: "PRAGMA main.table_xinfo(\(table.name.sqlIdentifier))").map {
                row -> String in
                let hidden: Int = row["hidden"]
                return hidden == 0 ? row["name"] : "\(row["name"] as String) (hidden)"
            }
            guard definition.hasPrefix("CREATE TABLE ") else {
                throw StoreError.unreadable(
                    path: path,
                    problem: "is not a snapshot as hubsnap writes it (\(table.name) is not an ordinary table); "
                        + "take a new snapshot")
            }
            guard columns == table.columns else {
                let unexpected = columns.filter { !table.columns.contains($0) }.prefix(3).map(Self.quotedName)
                let missing = table.columns.filter { !columns.contains($0) }.prefix(3).map(Self.quotedName)
                let detail =
                    unexpected.isEmpty && missing.isEmpty
                    ? "columns in another order"
                    : (unexpected.map { "unexpected column \($0)" } + missing.map { "no column \($0)" })
                        .joined(separator: ", ")
                throw StoreError.unreadable(
                    path: path,
                    problem: "is not a snapshot as hubsnap writes it (table \(table.name): \(detail)); "
                        + "take a new snapshot")
            }
        }
    }

    /// A name from a file, quoted for a one-line message: control characters escaped, at most 60 characters.
    private static func quotedName(_ name: String) -> String {
        var result = ""
        for scalar in name.unicodeScalars.prefix(60) {
            if scalar.value < 0x20 || (0x7f...0x9f).contains(scalar.value) {
                result += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return "'\(result)\(name.unicodeScalars.count > 60 ? "…" : "")'"
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
    /// The columns of `table`, in their order: the ones every readable file has, checked when it was opened.
    package func columns(of table: TableSpec) -> [String] {
        table.columns
    }

    /// Calls `body` with each row of `table` that passes `filter`, in key order, without holding the table in
    /// memory.
    package func forEachRow(
        of table: TableSpec, columns: [String], filter: RowFilter = RowFilter(), _ body: ([Cell]) throws -> Void
    ) throws {
        let list = columns.map(\.sqlIdentifier).joined(separator: ", ")
        var sql = "SELECT \(list) FROM \(table.source(prefix: "", format: formatVersion, filter: filter))"
        if let conditions = table.conditions(filter, format: formatVersion) { sql += " WHERE " + conditions }
        if !table.key.isEmpty {
            sql += " ORDER BY " + table.key.map(\.sqlIdentifier).joined(separator: ", ")
        }
        try read { db in
            let statement = try db.makeStatement(sql: sql)
            try statement.setArguments(filter.arguments)
            let cursor = try Row.fetchCursor(statement)
            var count = 0
            while let row = try cursor.next() {
                try body(Array(row.databaseValues.map(Cell.init)))
                count += 1
                // Ctrl-C ends a long dump promptly.
                if count % 4096 == 0 { try Task.checkCancellation() }
            }
        }
    }

    /// Rows per table the file stores or derives, in ``TableSpec/all`` order; the member × repository expansion is
    /// not counted (it is as large as members × repositories). Format 3 files answer from the counts stored at sync
    /// time.
    package func rowCounts() throws -> [(table: String, rows: Int)] {
        try read { db in
            var stored: [String: Int] = [:]
            if formatVersion >= 3 {
                for row in try Row.fetchAll(db, sql: "SELECT name, rows FROM table_rows") {
                    stored[row["name"]] = row["rows"]
                }
            }
            return try TableSpec.all.filter { $0.kind != .expansion }.map { table in
                if let rows = stored[table.name] { return (table.name, rows) }
                let source = table.source(prefix: "", format: formatVersion)
                return (table.name, try Int.fetchOne(db, sql: "SELECT count(*) FROM \(source)") ?? 0)
            }
        }
    }

    /// The org names stored for what the user typed (any case): the stored names, and the typed ones that match
    /// nothing.
    package func resolve(orgs typed: [String]) throws -> (names: [String], unknown: [String]) {
        try resolve(typed, sql: "SELECT name FROM organizations WHERE name COLLATE NOCASE = ?")
    }

    /// The usernames stored for what the user typed: a username or an email address, in any case.
    package func resolve(users typed: [String]) throws -> (names: [String], unknown: [String]) {
        try resolve(
            typed,
            sql: "SELECT username FROM accounts WHERE username COLLATE NOCASE = :value OR email COLLATE NOCASE = :value"
        )
    }

    /// The repositories stored for `NAMESPACE/NAME` as typed, in any case.
    package func resolve(repositories typed: [RepositoryName]) throws -> (
        names: [RepositoryName], unknown: [RepositoryName]
    ) {
        try read { db in
            var names: [RepositoryName] = []
            var unknown: [RepositoryName] = []
            for repository in typed {
                let rows = try Row.fetchAll(
                    db,
                    sql: "SELECT namespace, name FROM repositories "
                        + "WHERE namespace COLLATE NOCASE = ? AND name COLLATE NOCASE = ?",
                    arguments: [repository.namespace, repository.name])
                if rows.isEmpty { unknown.append(repository) }
                for row in rows where !names.contains(RepositoryName(namespace: row[0], name: row[1])) {
                    names.append(RepositoryName(namespace: row[0], name: row[1]))
                }
            }
            return (names, unknown)
        }
    }

    private func resolve(_ typed: [String], sql: String) throws -> (names: [String], unknown: [String]) {
        try read { db in
            var names: [String] = []
            var unknown: [String] = []
            for value in typed {
                let arguments: StatementArguments =
                    sql.contains(":value") ? ["value": value] : [value]
                let found = try String.fetchAll(db, sql: sql, arguments: arguments)
                if found.isEmpty { unknown.append(value) }
                for name in found where !names.contains(name) { names.append(name) }
            }
            return (names, unknown)
        }
    }

    /// The `snapshot` row.
    package func snapshotRow() throws -> CellRow {
        guard let spec = TableSpec.named("snapshot") else { return CellRow(columns: [], cells: []) }
        let columns = columns(of: spec)
        var result = CellRow(columns: columns, cells: [])
        try forEachRow(of: spec, columns: columns) { result.cells = $0 }
        return result
    }
}
