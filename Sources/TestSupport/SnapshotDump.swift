import Foundation
import GRDB

/// Reads a snapshot file's tables as plain rows, for comparing with an ``ExpectedSnapshot``.
package enum SnapshotDump {
    package static let dataTables = [
        "organizations", "accounts", "org_members", "teams", "team_members", "repositories",
        "repository_permissions", "invites", "access_tokens",
    ]

    /// Every data table of the file at `path`, rows sorted.
    package static func tables(at path: String) throws -> [String: ExpectedSnapshot.Rows] {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in
            var tables: [String: ExpectedSnapshot.Rows] = [:]
            for table in dataTables {
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM \(table)").map { row -> [String?] in
                    Array(row.databaseValues).map { value -> String? in
                        switch value.storage {
                        case .null: nil
                        case .int64(let int): String(int)
                        case .double(let double): String(double)
                        case .string(let string): string
                        case .blob(let data): data.base64EncodedString()
                        }
                    }
                }
                tables[table] = rows.sorted(by: rowOrder)
            }
            return tables
        }
    }

    /// The `snapshot` row as column → value.
    package static func snapshotRow(at path: String) throws -> [String: String?] {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM snapshot")
            guard rows.count == 1, let row = rows.first else { return [:] }
            var result: [String: String?] = [:]
            for (column, value) in row {
                switch value.storage {
                case .null: result[column] = .some(nil)
                case .int64(let int): result[column] = String(int)
                default: result[column] = String.fromDatabaseValue(value)
                }
            }
            return result
        }
    }

    /// Orders rows column by column, NULL first.
    package static func rowOrder(_ lhs: [String?], _ rhs: [String?]) -> Bool {
        for (left, right) in zip(lhs, rhs) where left != right {
            switch (left, right) {
            case (nil, _): return true
            case (_, nil): return false
            case (let left?, let right?): return left < right
            }
        }
        return lhs.count < rhs.count
    }

    /// A short account of how `actual` differs from `expected`, table by table; empty when equal.
    package static func differences(
        actual: [String: ExpectedSnapshot.Rows], expected: [String: ExpectedSnapshot.Rows]
    ) -> String {
        var report: [String] = []
        for table in dataTables {
            let have = actual[table] ?? []
            let want = expected[table] ?? []
            guard have != want else { continue }
            let missing = want.filter { !have.contains($0) }
            let extra = have.filter { !want.contains($0) }
            report.append(
                "\(table): \(have.count) rows, expected \(want.count); missing \(missing.prefix(3)); extra \(extra.prefix(3))"
            )
        }
        return report.joined(separator: "\n")
    }
}
