import SnapshotStore

extension SnapshotComparison {
    /// The items of the effective-access sections: gained (new or higher), lost (gone or lower), or reached
    /// through other sources at the same permission.
    func forEachAccessItem(of section: SummarySection, _ body: (SummaryItem) throws -> Void) throws {
        guard let access = TableSpec.named("effective_access") else { return }
        try forEachInKeyOrder(access) { difference in
            let old = difference.old?["permission"] ?? .null
            let new = difference.new?["permission"] ?? .null
            let belongs: Bool
            let kinds: Set<FailKind>
            switch section {
            case .accessGained:
                belongs = Self.rank(new) > Self.rank(old)
                kinds = [.accessGained, .permissionEscalation]
            case .accessLost:
                belongs = Self.rank(new) < Self.rank(old)
                kinds = [.accessLost]
            default:
                belongs = Self.rank(new) == Self.rank(old)
                kinds = []
            }
            guard belongs else { return }
            // Reading a public repository is open to everyone: a member who joins or leaves with only that
            // gains or loses nothing a policy needs to stop, though the row is still listed.
            let publicOnly = [difference.old, difference.new].allSatisfy { $0 == nil || $0?["via"] == .text("public") }
            try body(Self.accessItem(difference, section: section, kinds: publicOnly ? [] : kinds))
        }
    }

    private static func accessItem(_ difference: Difference, section: SummarySection, kinds: Set<FailKind>)
        -> SummaryItem
    {
        let row = difference.row
        let old = difference.old ?? CellRow(columns: [], cells: [])
        let new = difference.new ?? CellRow(columns: [], cells: [])
        let subject = "\(row["username"].text): \(row["namespace"].text)/\(row["repository"].text)"
        let text: String
        switch (difference.old, difference.new) {
        case (nil, _): text = "\(subject) \(new["permission"].text) via \(new["via"].text)"
        case (_, nil): text = "\(subject) \(old["permission"].text) (was via \(old["via"].text))"
        default:
            text =
                section == .accessViaChanges
                ? "\(subject) \(new["permission"].text), via \(old["via"].text) → \(new["via"].text)"
                : "\(subject) \(old["permission"].text) → \(new["permission"].text) via \(new["via"].text)"
                    + " (was via \(old["via"].text))"
        }
        return SummaryItem(
            sign: section == .accessGained ? "+" : section == .accessLost ? "-" : "~", text: text,
            alert: section == .accessGained && new["permission"] == .text("admin"),
            fields: fields(row, ["org", "username", "namespace", "repository"]) + [
                ("old_permission", CellFormatting.json(old["permission"])),
                ("new_permission", CellFormatting.json(new["permission"])),
                ("old_via", CellFormatting.json(old["via"])), ("new_via", CellFormatting.json(new["via"])),
            ],
            kinds: kinds)
    }
}
