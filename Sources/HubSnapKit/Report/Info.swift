import Foundation
import SnapshotStore

/// What `hubsnap info` shows: the `snapshot` row and the row count of every table.
package struct Info: Sendable {
    package enum Format: String, CaseIterable, Sendable {
        case text, json
    }

    package var path: String
    package var formatVersion: Int
    package var snapshot: CellRow
    package var rowCounts: [(table: String, rows: Int)]

    package init(reader: SnapshotReader) throws {
        path = reader.path
        formatVersion = reader.formatVersion
        snapshot = try reader.snapshotRow()
        rowCounts = try reader.rowCounts()
    }

    /// Seconds from `started_at` to `finished_at`, when both can be read.
    package var durationSeconds: Int? {
        guard let start = Self.date(snapshot["started_at"]), let end = Self.date(snapshot["finished_at"]) else {
            return nil
        }
        return Int(end.timeIntervalSince(start).rounded())
    }

    package var warnings: [String] {
        Self.stringArray(snapshot["warnings"]) ?? []
    }

    package func render(_ format: Format) -> String {
        switch format {
        case .text: text
        case .json: json
        }
    }

    /// A `snapshot` column made safe for a terminal.
    private func shown(_ column: String) -> String {
        CellFormatting.terminal(snapshot[column])
    }

    private var text: String {
        let orgs =
            Self.stringArray(snapshot["org_filter"]).map { CellFormatting.terminal(.text($0.joined(separator: ", "))) }
            ?? "all of the user's"
        let duration = durationSeconds.map { " (\($0) s)" } ?? ""
        var lines = [
            "snapshot:       \(path) (format \(formatVersion))",
            "taken:          \(shown("started_at")) to \(shown("finished_at"))\(duration)",
            "by:             \(shown("principal")) (\(shown("credential_kind"))), hubsnap \(shown("tool_version"))",
            "api:            \(shown("api_url"))",
            "organizations:  \(orgs)",
            "http requests:  \(snapshot["http_requests"].text)",
            "warnings:       \(warnings.count)",
        ]
        lines += warnings.map { "  - \(CellFormatting.terminal(.text($0)))" }
        lines.append("rows:")
        let width = rowCounts.map(\.table.count).max() ?? 0
        lines += rowCounts.map {
            "  " + $0.table.padding(toLength: width + 2, withPad: " ", startingAt: 0) + "\($0.rows)"
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private var json: String {
        var fields: [(String, String)] = zip(snapshot.columns, snapshot.cells).map { column, cell in
            switch column {
            case "warnings", "org_filter":
                (column, Self.jsonArray(cell))
            default:
                (column, CellFormatting.json(cell))
            }
        }
        fields.append(("duration_seconds", durationSeconds.map(String.init) ?? "null"))
        let counts = CellFormatting.jsonObject(rowCounts.map { ($0.table, String($0.rows)) })
        let top: [(String, String)] = [
            ("file", CellFormatting.jsonString(path)),
            ("format_version", String(formatVersion)),
            ("snapshot", CellFormatting.jsonObject(fields)),
            ("row_counts", counts),
        ]
        return "{\n"
            + top.sorted { $0.0 < $1.0 }.map { "  \(CellFormatting.jsonString($0.0)): \($0.1)" }
            .joined(separator: ",\n") + "\n}\n"
    }

    /// A text cell holding a JSON array of strings, re-encoded as an array; anything else as it is.
    static func jsonArray(_ cell: Cell) -> String {
        guard let strings = stringArray(cell) else { return CellFormatting.json(cell) }
        return "[" + strings.map(CellFormatting.jsonString).joined(separator: ", ") + "]"
    }

    /// A JSON array of strings stored in a text cell, or `nil` when the cell holds something else.
    static func stringArray(_ cell: Cell) -> [String]? {
        guard case .text(let text) = cell, let data = text.data(using: .utf8),
            let array = try? JSONSerialization.jsonObject(with: data) as? [String]
        else { return nil }
        return array
    }

    static func date(_ cell: Cell) -> Date? {
        guard case .text(let text) = cell else { return nil }
        return try? Date(text, strategy: .iso8601)
    }
}
