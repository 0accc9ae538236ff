import SnapshotStore

/// `diff --format json`: one object, keys sorted, rows in key order, so two runs compare byte for byte.
///
/// ```
/// {"differences": N, "new": {...}, "notes": [...], "old": {...}, "summary": {"access_gained": [...], ...},
///  "tables": {"accounts": {"added": [...], "changed": [{"changes": {"column": {"new": ..., "old": ...}},
///  "key": {...}}], "removed": [...]}, ...}, "verdict": {"fail_on": [...], "failed": bool, "found": [...]}}
/// ```
package struct JSONDiffRenderer: DiffRenderer {
    private var firstInList = true
    private var firstTable = true
    private var listOpen = false
    /// The index in ``kinds`` of the next list to open in the current table.
    private var nextKind = 0

    package init() {}

    package var sectionOrder: [SummarySection] { SummarySection.allCases.sorted { $0.rawValue < $1.rawValue } }

    package func tableOrder(_ tables: [TableSpec]) -> [TableSpec] { tables.sorted { $0.name < $1.name } }

    package mutating func begin(_ header: DiffHeader, to output: inout some TextOutput) {
        // The counts are known before any row is read; what the rows add up to comes last, under "verdict".
        output.write("{\n  \"differences\": \(header.total),\n")
        output.write("  \"new\": \(side(header.new)),\n")
        output.write("  \"notes\": [" + header.notes.map(CellFormatting.jsonString).joined(separator: ", ") + "],\n")
        output.write("  \"old\": \(side(header.old)),\n")
        output.write("  \"summary\": {")
        firstInList = true
    }

    private func side(_ side: DiffHeader.Side) -> String {
        let snapshot = side.snapshot
        return CellFormatting.jsonObject(
            [("file", CellFormatting.jsonString(side.path))]
                + ["finished_at", "principal", "credential_kind", "api_url"].map {
                    ($0, CellFormatting.json(snapshot[$0]))
                }
                + [("org_filter", Info.jsonArray(snapshot["org_filter"]))])
    }

    package mutating func beginSection(_ section: SummarySection, to output: inout some TextOutput) {
        output.write(section == sectionOrder.first ? "\n" : ",\n")
        output.write("    \(CellFormatting.jsonString(section.rawValue)): [")
        firstInList = true
    }

    package mutating func item(_ item: SummaryItem, to output: inout some TextOutput) {
        output.write(firstInList ? "\n      " : ",\n      ")
        output.write(CellFormatting.jsonObject(item.fields))
        firstInList = false
    }

    package mutating func endSection(_ section: SummarySection, to output: inout some TextOutput) {
        output.write(firstInList ? "]" : "\n    ]")
        if section == sectionOrder.last {
            output.write("\n  },\n  \"tables\": {")
            firstTable = true
        }
    }

    package mutating func beginTable(
        _ table: TableSpec, counts: [SnapshotComparison.Difference.Kind: Int], to output: inout some TextOutput
    ) {
        output.write(firstTable ? "\n" : ",\n")
        output.write("    \(CellFormatting.jsonString(table.name)): {")
        firstTable = false
        nextKind = 0
    }

    package mutating func difference(
        _ difference: SnapshotComparison.Difference, in table: TableSpec, to output: inout some TextOutput
    ) {
        if let index = Self.kinds.firstIndex(of: difference.kind), index >= nextKind {
            open(through: index, to: &output)
        }
        output.write(firstInList ? "\n        " : ",\n        ")
        firstInList = false
        let row = difference.row
        switch difference.kind {
        case .added, .removed:
            output.write(CellFormatting.jsonObject(columns: row.columns, cells: row.cells))
        case .changed:
            let key = CellFormatting.jsonObject(columns: table.key, cells: table.key.map { row[$0] })
            let changes = difference.changedColumns.map { column in
                (
                    column,
                    CellFormatting.jsonObject([
                        ("old", CellFormatting.json(difference.old?[column] ?? .null)),
                        ("new", CellFormatting.json(difference.new?[column] ?? .null)),
                    ])
                )
            }
            output.write(CellFormatting.jsonObject([("key", key), ("changes", CellFormatting.jsonObject(changes))]))
        }
    }

    /// Opens the lists of every kind up to `index`, closing the ones before it (empty or not): each table lists
    /// `added`, `changed` and `removed`, empty or not, so scripts need no existence checks.
    private mutating func open(through index: Int, to output: inout some TextOutput) {
        while nextKind <= index {
            closeList(to: &output)
            output.write(nextKind == 0 ? "\n" : ",\n")
            output.write("      \(CellFormatting.jsonString(Self.kinds[nextKind].rawValue)): [")
            listOpen = true
            firstInList = true
            nextKind += 1
        }
    }

    private mutating func closeList(to output: inout some TextOutput) {
        if listOpen { output.write(firstInList ? "]" : "\n      ]") }
        listOpen = false
    }

    package mutating func endTable(_ table: TableSpec, to output: inout some TextOutput) {
        open(through: Self.kinds.count - 1, to: &output)
        closeList(to: &output)
        output.write("\n    }")
    }

    private static let kinds: [SnapshotComparison.Difference.Kind] = [.added, .changed, .removed]

    package mutating func end(_ outcome: DiffOutcome, to output: inout some TextOutput) {
        output.write(firstTable ? "},\n" : "\n  },\n")
        let fields: [(String, String)] = [
            ("failed", outcome.failed ? "true" : "false"),
            (
                "fail_on",
                "[" + outcome.failOn.sorted().map { CellFormatting.jsonString($0.rawValue) }.joined(separator: ", ")
                    + "]"
            ),
            (
                "found",
                "[" + outcome.found.sorted().map { CellFormatting.jsonString($0.rawValue) }.joined(separator: ", ")
                    + "]"
            ),
        ]
        output.write("  \"verdict\": \(CellFormatting.jsonObject(fields))\n}\n")
    }
}
