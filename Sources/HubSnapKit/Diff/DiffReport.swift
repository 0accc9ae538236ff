import Foundation
import SnapshotStore

/// Receives a diff as it is read, section by section, and writes it out.
package protocol DiffRenderer {
    /// The summary sections in the order this format lists them.
    var sectionOrder: [SummarySection] { get }
    /// The compared tables in the order this format lists them.
    func tableOrder(_ tables: [TableSpec]) -> [TableSpec]

    mutating func begin(_ header: DiffHeader, to output: inout some TextOutput)
    mutating func beginSection(_ section: SummarySection, to output: inout some TextOutput)
    mutating func item(_ item: SummaryItem, to output: inout some TextOutput)
    mutating func endSection(_ section: SummarySection, to output: inout some TextOutput)
    mutating func beginTable(
        _ table: TableSpec, counts: [SnapshotComparison.Difference.Kind: Int], to output: inout some TextOutput)
    mutating func difference(
        _ difference: SnapshotComparison.Difference, in table: TableSpec, to output: inout some TextOutput)
    mutating func endTable(_ table: TableSpec, to output: inout some TextOutput)
    mutating func end(_ outcome: DiffOutcome, to output: inout some TextOutput)
}

/// The two snapshots and what sets them apart before any row is compared.
package struct DiffHeader: Sendable {
    package struct Side: Sendable {
        package var path: String
        package var snapshot: CellRow
    }

    package var old: Side
    package var new: Side
    /// Differences in total, over every table.
    package var total: Int
    /// Reasons to read the differences with care (other credentials, other orgs, parts not read).
    package var notes: [String]
}

/// How a diff ended.
package struct DiffOutcome: Sendable, Equatable {
    package var total: Int
    /// The kinds of difference met (``FailKind/any`` when there is any difference).
    package var found: Set<FailKind>
    /// The `--fail-on` kinds asked for (empty: any difference fails).
    package var failOn: Set<FailKind>

    /// Whether `diff` exits with 1.
    package var failed: Bool {
        failOn.isEmpty ? total > 0 : !found.isDisjoint(with: failOn)
    }
}

/// Runs a comparison through a renderer: the summary first, then every table's added, changed and removed rows.
package struct DiffReport: Sendable {
    package var comparison: SnapshotComparison
    package var failOn: Set<FailKind>

    package init(comparison: SnapshotComparison, failOn: Set<FailKind>) {
        self.comparison = comparison
        self.failOn = failOn
    }

    package func run(_ renderer: inout some DiffRenderer, to output: inout some TextOutput) throws -> DiffOutcome {
        var counts: [String: [SnapshotComparison.Difference.Kind: Int]] = [:]
        for table in SnapshotComparison.tables {
            for kind in SnapshotComparison.Difference.Kind.allCases {
                counts[table.name, default: [:]][kind] = try comparison.count(table, kind)
            }
        }
        // Derived tables (org_grants) follow from the stored ones: they are shown, but not counted twice.
        let stored = Set(SnapshotComparison.tables.filter { $0.kind == .stored }.map(\.name))
        let total = counts.filter { stored.contains($0.key) }.values.flatMap(\.values).reduce(0, +)
        let header = DiffHeader(
            old: .init(path: comparison.old.path, snapshot: try comparison.old.snapshotRow()),
            new: .init(path: comparison.new.path, snapshot: try comparison.new.snapshotRow()),
            total: total, notes: [])
        var withNotes = header
        withNotes.notes = Self.notes(header)
        renderer.begin(withNotes, to: &output)
        var found: Set<FailKind> = total > 0 ? [.any] : []
        for section in renderer.sectionOrder {
            renderer.beginSection(section, to: &output)
            try comparison.forEachItem(of: section) { item in
                found.formUnion(item.kinds)
                renderer.item(item, to: &output)
            }
            renderer.endSection(section, to: &output)
        }
        for table in renderer.tableOrder(SnapshotComparison.tables) {
            let tableCounts = counts[table.name] ?? [:]
            renderer.beginTable(table, counts: tableCounts, to: &output)
            for kind in [SnapshotComparison.Difference.Kind.added, .changed, .removed]
            where tableCounts[kind, default: 0] > 0 {
                try comparison.forEach(table, kind) { renderer.difference($0, in: table, to: &output) }
            }
            renderer.endTable(table, to: &output)
        }
        let outcome = DiffOutcome(total: total, found: found, failOn: failOn)
        renderer.end(outcome, to: &output)
        return outcome
    }

    private static func notes(_ header: DiffHeader) -> [String] {
        var notes: [String] = []
        let (old, new) = (header.old.snapshot, header.new.snapshot)
        if old["credential_kind"] != new["credential_kind"] || old["principal"] != new["principal"] {
            notes.append(
                "the snapshots were taken by different principals or credential kinds "
                    + "(\(old["principal"].text)/\(old["credential_kind"].text) and "
                    + "\(new["principal"].text)/\(new["credential_kind"].text)); "
                    + "some differences may be in what each could read")
        }
        if old["api_url"] != new["api_url"] {
            notes.append(
                "the snapshots were taken from different API URLs (\(old["api_url"].text) and "
                    + "\(new["api_url"].text)); they may describe different Docker Hubs")
        }
        if old["started_at"].text > new["started_at"].text {
            notes.append(
                "the old snapshot was taken after the new one (\(old["started_at"].text) and "
                    + "\(new["started_at"].text)); every change reads backwards: swap the two files")
        }
        if Info.stringArray(old["org_filter"]).map(Set.init) != Info.stringArray(new["org_filter"]).map(Set.init) {
            notes.append(
                "the snapshots asked for different orgs (\(orgs(old)) and \(orgs(new))); "
                    + "an org in only one shows as added or removed")
        }
        let oldWarnings = Info.stringArray(old["warnings"])?.count ?? 0
        let newWarnings = Info.stringArray(new["warnings"])?.count ?? 0
        if oldWarnings + newWarnings > 0 {
            notes.append(
                "the old snapshot has \(oldWarnings) warnings and the new one \(newWarnings) "
                    + "('hubsnap info' lists them); a part a sync could not read shows as removed or added")
        }
        return notes
    }

    private static func orgs(_ snapshot: CellRow) -> String {
        Info.stringArray(snapshot["org_filter"]).map { $0.joined(separator: ", ") } ?? "all"
    }
}
