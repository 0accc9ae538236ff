import Foundation
import GRDB

/// Two snapshots compared in SQL: the old one opened read-only with the new one attached to it, so rows are
/// matched by key in SQLite's sorter rather than in memory.
///
/// Each table's differing rows are gathered once, when the comparison opens, into a temporary table (SQLite's
/// temporary store, not the snapshots); counts and listings then read those, in key order.
package struct SnapshotComparison: Sendable {
    package let old: SnapshotReader
    package let new: SnapshotReader
    /// Compare ``TableSpec/volatileColumns`` too; when `false` a row that differs only there is not changed.
    package let allFields: Bool
    private let queue: DatabaseQueue
    /// The columns compared for each table: those in both files.
    private let columnsByTable: [String: [String]]

    /// One row that differs between the snapshots.
    package struct Difference: Sendable, Equatable {
        package enum Kind: String, Sendable, CaseIterable {
            case added, removed, changed
        }

        package var kind: Kind
        /// The row in the old snapshot (`nil` when added).
        package var old: CellRow?
        /// The row in the new snapshot (`nil` when removed).
        package var new: CellRow?
        /// For a changed row: the compared columns whose values differ, in column order.
        package var changedColumns: [String]

        /// The new row, or the old one for a removed row.
        package var row: CellRow {
            new ?? old ?? CellRow(columns: [], cells: [])
        }
    }

    /// Opens both files read-only, after checking each as ``SnapshotReader`` does, and gathers the differences.
    package init(oldPath: String, newPath: String, allFields: Bool) throws {
        old = try SnapshotReader(path: oldPath)
        new = try SnapshotReader(path: newPath)
        self.allFields = allFields
        var columnsByTable: [String: [String]] = [:]
        for table in Self.tables {
            columnsByTable[table.name] = table.columns
        }
        self.columnsByTable = columnsByTable
        let queue: DatabaseQueue
        do {
            queue = try SnapshotReader.openReadOnly(oldPath)
        } catch let error as DatabaseError {
            throw SnapshotReader.unreadable(oldPath, error)
        }
        do {
            try queue.inDatabase { db in
                try db.execute(sql: "ATTACH DATABASE ? AS new", arguments: [SnapshotReader.uri(for: newPath)])
            }
        } catch let error as DatabaseError {
            throw SnapshotReader.unreadable(newPath, error)
        }
        self.queue = queue
        let formats = (old: old.formatVersion, new: new.formatVersion)
        do {
            try queue.inDatabase { db in
                for table in Self.tables {
                    try Task.checkCancellation()
                    let query = Self.query(table, allFields: allFields, formats: formats)
                    try db.execute(sql: "CREATE TEMP TABLE \(Self.differences(table)) AS \(query)")
                }
                try db.execute(sql: "CREATE TEMP TABLE renamed_teams AS \(Self.renamedTeamsQuery)")
            }
        } catch let error as DatabaseError {
            throw Self.failure(error, oldPath: oldPath, newPath: newPath)
        }
    }

    /// The tables compared, in reader order: every stored or derived table with a key. The member × repository
    /// expansion is not compared: it follows from these, and changes are explained at their cause.
    package static var tables: [TableSpec] { TableSpec.all.filter { !$0.key.isEmpty && $0.kind != .expansion } }

    /// The columns of `table` in both files, in the new file's order.
    package func columns(of table: TableSpec) -> [String] {
        columnsByTable[table.name] ?? []
    }

    static func differences(_ table: TableSpec) -> String {
        "temp.\("differences_\(table.name)".sqlIdentifier)"
    }

    private static func condition(_ kinds: Set<Difference.Kind>) -> String {
        let conditions = kinds.sorted { $0.rawValue < $1.rawValue }.map { kind in
            switch kind {
            case .added: "in_old = 0"
            case .removed: "in_new = 0"
            case .changed: "(in_old > 0 AND in_new > 0)"
            }
        }
        return conditions.isEmpty ? "0" : conditions.joined(separator: " OR ")
    }

    /// How many rows of `table` differ in `kind`.
    package func count(_ table: TableSpec, _ kind: Difference.Kind) throws -> Int {
        let sql = "SELECT count(*) FROM \(Self.differences(table)) WHERE \(Self.condition([kind]))"
        return try read { db in try Int.fetchOne(db, sql: sql) ?? 0 }
    }

    /// Calls `body` with each row of `table` that differs in `kind`, in key order.
    package func forEach(_ table: TableSpec, _ kind: Difference.Kind, _ body: (Difference) throws -> Void) throws {
        try forEach(table, kinds: [kind], body)
    }

    /// Calls `body` with each row of `table` that differs in one of `kinds`, all kinds merged in key order.
    package func forEach(
        _ table: TableSpec, kinds: Set<Difference.Kind>, _ body: (Difference) throws -> Void
    ) throws {
        let columns = columns(of: table)
        let compared = Self.comparedColumns(table, columns, allFields: allFields)
        let sql = "SELECT * FROM \(Self.differences(table)) WHERE \(Self.condition(kinds)) ORDER BY rowid"
        try read { db in
            let cursor = try Row.fetchCursor(db, sql: sql)
            var count = 0
            while let row = try cursor.next() {
                count += 1
                if count % 4096 == 0 { try Task.checkCancellation() }
                let values = Array(row.databaseValues.map(Cell.init))
                let inOld = values[0] != .integer(0)
                let inNew = values[1] != .integer(0)
                let oldRow = CellRow(columns: columns, cells: Array(values[2..<(2 + columns.count)]))
                let newRow = CellRow(columns: columns, cells: Array(values[(2 + columns.count)...]))
                let kind: Difference.Kind = inOld ? (inNew ? .changed : .removed) : .added
                let changed = kind == .changed ? compared.filter { !oldRow[$0].isIdentical(to: newRow[$0]) } : []
                try body(
                    Difference(
                        kind: kind, old: inOld ? oldRow : nil, new: inNew ? newRow : nil, changedColumns: changed))
            }
        }
    }

    /// Teams whose name changed while their Docker id stayed: (org, old name, new name), by org and old name.
    package func renamedTeams() throws -> [(org: String, old: String, new: String)] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT org, old, new FROM temp.renamed_teams ORDER BY org, old")
                .map { ($0[0], $0[1], $0[2]) }
        }
    }

    private static let renamedTeamsQuery = """
        SELECT o.org AS org, o.name AS old, n.name AS new FROM main.teams o
        JOIN new.teams n ON n.org = o.org AND n.id = o.id AND n.name <> o.name
        WHERE o.id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM new.teams x WHERE x.org = o.org AND x.name = o.name)
          AND NOT EXISTS (SELECT 1 FROM main.teams y WHERE y.org = n.org AND y.name = n.name)
        """

    private static func comparedColumns(_ table: TableSpec, _ columns: [String], allFields: Bool) -> [String] {
        columns.filter { !table.key.contains($0) && (allFields || !table.volatileColumns.contains($0)) }
    }

    /// Both sides stacked and grouped by key, keeping the keys that differ: each output row holds whether the key
    /// is in the old and the new file, then the old columns (`old_<column>`), then the new ones (`new_<column>`),
    /// in key order.
    private static func query(_ table: TableSpec, allFields: Bool, formats: (old: Int, new: Int)) -> String {
        let columns = table.columns
        let list = columns.map(\.sqlIdentifier).joined(separator: ", ")
        func side(_ side: Int, _ column: String) -> String {
            "max(CASE WHEN side = \(side) THEN \(column.sqlIdentifier) END)"
        }
        let projection =
            (columns.map { "\(side(0, $0)) AS \("old_\($0)".sqlIdentifier)" }
            + columns.map { "\(side(1, $0)) AS \("new_\($0)".sqlIdentifier)" }).joined(separator: ", ")
        let key = table.key.map(\.sqlIdentifier).joined(separator: ", ")
        let compared = comparedColumns(table, columns, allFields: allFields).map {
            "\(side(0, $0)) IS NOT \(side(1, $0))"
        }
        let changed = compared.isEmpty ? "0" : compared.joined(separator: " OR ")
        return """
            SELECT sum(side = 0) AS in_old, sum(side = 1) AS in_new, \(projection) FROM (
                SELECT 0 AS side, \(list) FROM \(table.source(prefix: "main.", format: formats.old))
                UNION ALL
                SELECT 1 AS side, \(list) FROM \(table.source(prefix: "new.", format: formats.new))
            )
            GROUP BY \(key) HAVING sum(side = 0) = 0 OR sum(side = 1) = 0 OR \(changed) ORDER BY \(key)
            """
    }

    /// Reads on the comparison's connection. Not reentrant: every question is one query.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.read(body)
        } catch let error as DatabaseError {
            throw Self.failure(error, oldPath: old.path, newPath: new.path)
        }
    }

    /// A disk or memory failure is SQLite's temporary storage; anything else is a file it could not read.
    private static func failure(_ error: DatabaseError, oldPath: String, newPath: String) -> StoreError {
        switch error.resultCode {
        case .SQLITE_FULL, .SQLITE_IOERR, .SQLITE_NOMEM, .SQLITE_CANTOPEN:
            .temporaryStorage(reason: error.message ?? "SQLite error \(error.resultCode.rawValue)")
        default:
            .unreadable(
                path: newPath,
                problem: "could not be compared with '\(oldPath)' (\(error.message ?? "SQLite error")); "
                    + "check both with 'hubsnap info'")
        }
    }

    /// Closes both files.
    package func close() {
        try? queue.close()
        old.close()
        new.close()
    }
}
