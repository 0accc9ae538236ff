import Foundation
import GRDB

/// Two snapshots compared in SQL: the old one opened read-only with the new one attached to it, so rows are
/// matched by key in SQLite's sorter rather than in memory.
package struct SnapshotComparison: Sendable {
    package let old: SnapshotReader
    package let new: SnapshotReader
    /// Leave out ``TableSpec/volatileColumns`` when deciding whether a row changed.
    package let allFields: Bool
    private let queue: DatabaseQueue

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

    /// Opens both files read-only, after checking each as ``SnapshotReader`` does.
    package init(oldPath: String, newPath: String, allFields: Bool) throws {
        old = try SnapshotReader(path: oldPath)
        new = try SnapshotReader(path: newPath)
        self.allFields = allFields
        do {
            queue = try SnapshotReader.openReadOnly(oldPath)
            try queue.inDatabase { db in
                try db.execute(sql: "ATTACH DATABASE ? AS new", arguments: [newPath])
            }
        } catch let error as DatabaseError {
            throw SnapshotReader.unreadable(newPath, error)
        }
    }

    /// The tables compared, in reader order: every table with a key, `effective_access` included.
    package static var tables: [TableSpec] { TableSpec.all.filter { !$0.key.isEmpty } }

    /// The columns of `table` in both files, in the new file's order.
    package func columns(of table: TableSpec) throws -> [String] {
        let newColumns = try new.columns(of: table)
        let oldColumns = Set(try old.columns(of: table))
        return newColumns.filter(oldColumns.contains)
    }

    /// How many rows of `table` differ in `kind`.
    package func count(_ table: TableSpec, _ kind: Difference.Kind) throws -> Int {
        let columns = try columns(of: table)
        let sql = "SELECT count(*) FROM (\(query(table, columns: columns, kinds: [kind])))"
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
        let columns = try columns(of: table)
        let compared = comparedColumns(table, columns)
        let sql = query(table, columns: columns, kinds: kinds)
        try read { db in
            let cursor = try Row.fetchCursor(db, sql: sql)
            while let row = try cursor.next() {
                let values = Array(row.databaseValues.map(Cell.init))
                let inOld = values[0] != .integer(0)
                let inNew = values[1] != .integer(0)
                let oldRow = CellRow(columns: columns, cells: Array(values[2..<(2 + columns.count)]))
                let newRow = CellRow(columns: columns, cells: Array(values[(2 + columns.count)...]))
                let kind: Difference.Kind = inOld ? (inNew ? .changed : .removed) : .added
                let changed = kind == .changed ? compared.filter { oldRow[$0] != newRow[$0] } : []
                try body(
                    Difference(
                        kind: kind, old: inOld ? oldRow : nil, new: inNew ? newRow : nil, changedColumns: changed))
            }
        }
    }

    /// Teams whose name changed while their Docker id stayed: (org, old name, new name), by org and old name.
    package func renamedTeams() throws -> [(org: String, old: String, new: String)] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT o.org, o.name, n.name FROM main.teams o
                    JOIN new.teams n ON n.org = o.org AND n.id = o.id AND n.name <> o.name
                    WHERE o.id IS NOT NULL
                      AND NOT EXISTS (SELECT 1 FROM new.teams x WHERE x.org = o.org AND x.name = o.name)
                      AND NOT EXISTS (SELECT 1 FROM main.teams y WHERE y.org = n.org AND y.name = n.name)
                    ORDER BY o.org, o.name
                    """
            ).map { ($0[0], $0[1], $0[2]) }
        }
    }

    private func comparedColumns(_ table: TableSpec, _ columns: [String]) -> [String] {
        columns.filter { !table.key.contains($0) && (allFields || !table.volatileColumns.contains($0)) }
    }

    /// Both sides stacked and grouped by key: each output row holds whether the key is in the old and the new
    /// file, then the old columns, then the new ones.
    private func query(_ table: TableSpec, columns: [String], kinds: Set<Difference.Kind>) -> String {
        let list = columns.map(\.quotedDatabaseIdentifier).joined(separator: ", ")
        func side(_ side: Int, _ column: String) -> String {
            "max(CASE WHEN side = \(side) THEN \(column.quotedDatabaseIdentifier) END)"
        }
        let projection = (columns.map { side(0, $0) } + columns.map { side(1, $0) }).joined(separator: ", ")
        let key = table.key.map(\.quotedDatabaseIdentifier).joined(separator: ", ")
        let compared = comparedColumns(table, columns).map { "\(side(0, $0)) IS NOT \(side(1, $0))" }
        let conditions = kinds.sorted { $0.rawValue < $1.rawValue }.map { kind in
            switch kind {
            case .added:
                "sum(side = 0) = 0"
            case .removed:
                "sum(side = 1) = 0"
            case .changed:
                compared.isEmpty
                    ? "0" : "(sum(side = 0) = 1 AND sum(side = 1) = 1 AND (\(compared.joined(separator: " OR "))))"
            }
        }
        return """
            SELECT sum(side = 0), sum(side = 1), \(projection) FROM (
                SELECT 0 AS side, \(list) FROM \(table.source(schema: "main"))
                UNION ALL
                SELECT 1 AS side, \(list) FROM \(table.source(schema: "new"))
            )
            GROUP BY \(key) HAVING \(conditions.isEmpty ? "0" : conditions.joined(separator: " OR ")) ORDER BY \(key)
            """
    }

    private func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.read(body)
        } catch let error as DatabaseError {
            throw StoreError.unreadable(
                path: "\(old.path)' or '\(new.path)",
                problem: "could not be compared (\(error.message ?? "SQLite error")); take new snapshots")
        }
    }

    /// Closes both files.
    package func close() {
        try? queue.close()
        old.close()
        new.close()
    }
}
