import Foundation
import SnapshotStore

/// `diff --format text` (for a terminal, coloured when asked) and `--format markdown` (for a CI job summary or a
/// pull-request comment): the summary first, then each table that differs.
package struct LineDiffRenderer: DiffRenderer {
    package enum Style: Sendable {
        case text(color: Bool)
        case markdown
    }

    private let style: Style
    /// Markdown lists at most this many lines per summary section or table, so that a report stays within what a
    /// CI job summary or a pull-request comment takes (about a megabyte); the JSON report lists everything.
    private let markdownLimit: Int
    /// Markdown stops listing lines once this many characters are written: a pull-request comment takes 65,536.
    private let markdownBudget: Int
    private var markdownCharacters = 0
    private var shownInBlock = 0
    private var hiddenInBlock = 0
    private var section: SummarySection?
    private var sectionHasItems = false
    private var detailsOpen = false
    private var summaryItems = 0
    private var total = 0

    package init(style: Style, markdownLimit: Int = 100, markdownBudget: Int = 60_000) {
        self.style = style
        self.markdownLimit = markdownLimit
        self.markdownBudget = markdownBudget
    }

    /// Whether the next line of a Markdown block is over the limit (and counts it as hidden).
    private mutating func overLimit() -> Bool {
        guard isMarkdown else { return false }
        if shownInBlock >= markdownLimit || markdownCharacters >= markdownBudget {
            hiddenInBlock += 1
            return true
        }
        shownInBlock += 1
        return false
    }

    private mutating func endBlock(to output: inout some TextOutput) {
        if hiddenInBlock > 0 {
            output.write("- … and \(hiddenInBlock) more (`hubsnap diff --format json` lists them all)\n")
        }
        shownInBlock = 0
        hiddenInBlock = 0
    }

    package var sectionOrder: [SummarySection] { SummarySection.allCases }

    package func tableOrder(_ tables: [TableSpec]) -> [TableSpec] { tables }

    private var isMarkdown: Bool {
        if case .markdown = style { return true }
        return false
    }

    private func paint(_ text: String, _ code: String) -> String {
        if case .text(color: true) = style { return "\u{1B}[\(code)m\(text)\u{1B}[0m" }
        return text
    }

    /// User-supplied text made inert in Markdown: no emphasis, links, HTML, tables or mentions.
    private func escape(_ text: String) -> String {
        guard isMarkdown else { return CellFormatting.terminal(.text(text)) }
        var result = ""
        for character in CellFormatting.terminal(.text(text)) {
            if character == "&" {
                result += "&amp;"
                continue
            }
            if "\\`*_[]<>|~@#".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }

    private func describe(_ side: DiffHeader.Side) -> String {
        let snapshot = side.snapshot
        let path = CellFormatting.terminal(.text(side.path))
        let file = isMarkdown ? "`\(path.replacingOccurrences(of: "`", with: "'"))`" : path
        return "\(file), taken \(escape(snapshot["finished_at"].text)) by \(escape(snapshot["principal"].text)) "
            + "(\(escape(snapshot["credential_kind"].text)))"
    }

    package mutating func begin(_ header: DiffHeader, to output: inout some TextOutput) {
        total = header.total
        if isMarkdown {
            output.write("## hubsnap diff\n\n- **old:** \(describe(header.old))\n- **new:** \(describe(header.new))\n")
            for note in header.notes { output.write("\n> **Note:** \(escape(note))\n") }
            output.write(header.total == 0 ? "\n**No differences.**\n" : "\n### Summary\n")
        } else {
            output.write("old: \(describe(header.old))\nnew: \(describe(header.new))\n")
            for note in header.notes { output.write(paint("note: \(escape(note))", "33") + "\n") }
            output.write(header.total == 0 ? "\nNo differences.\n" : "\n" + paint("Summary", "1") + "\n")
        }
    }

    package mutating func beginSection(_ section: SummarySection, to output: inout some TextOutput) {
        self.section = section
        sectionHasItems = false
    }

    package mutating func item(_ item: SummaryItem, to output: inout some TextOutput) {
        if !sectionHasItems {
            let title = section?.title ?? ""
            output.write(isMarkdown ? "\n**\(title)**\n\n" : "  " + paint(title, "1") + "\n")
            sectionHasItems = true
        }
        summaryItems += 1
        if overLimit() { return }
        if isMarkdown {
            // The sign as code: a bare "-" or "+" after the bullet would start a nested list.
            let text = escape(item.text)
            let line = item.alert ? "- `\(item.sign)` **\(text)**\n" : "- `\(item.sign)` \(text)\n"
            markdownCharacters += line.utf8.count
            output.write(line)
        } else {
            let line = "\(item.sign) \(escape(item.text))"
            output.write("    " + (item.alert ? paint(line, "1;31") : paint(line, Self.color(item.sign))) + "\n")
        }
    }

    package mutating func endSection(_ section: SummarySection, to output: inout some TextOutput) {
        endBlock(to: &output)
        if section == sectionOrder.last, total > 0 {
            if summaryItems == 0 {
                output.write(
                    isMarkdown
                        ? "\nNothing that changes access: see the table changes below.\n"
                        : "  nothing that changes access: see the table changes below\n")
            }
            output.write(isMarkdown ? "\n### Changes by table\n" : "\n" + paint("Changes by table", "1") + "\n")
        }
    }

    package mutating func beginTable(
        _ table: TableSpec, counts: [SnapshotComparison.Difference.Kind: Int], to output: inout some TextOutput
    ) {
        let parts = [SnapshotComparison.Difference.Kind.added, .changed, .removed].compactMap { kind in
            counts[kind, default: 0] > 0 ? "\(counts[kind, default: 0]) \(kind.rawValue)" : nil
        }
        detailsOpen = !parts.isEmpty
        guard detailsOpen else { return }
        let title = "\(table.name): \(parts.joined(separator: ", "))"
        output.write(isMarkdown ? "\n<details><summary>\(title)</summary>\n\n" : "  " + paint(title, "1") + "\n")
    }

    package mutating func difference(
        _ difference: SnapshotComparison.Difference, in table: TableSpec, to output: inout some TextOutput
    ) {
        if overLimit() { return }
        let row = difference.row
        let key = table.key.map { row[$0].text }.joined(separator: "/")
        let detail: String
        switch difference.kind {
        case .added, .removed:
            detail = row.columns.filter { !table.key.contains($0) && !row[$0].isNull }
                .map { "\($0)=\(row[$0].text)" }.joined(separator: ", ")
        case .changed:
            detail = difference.changedColumns.map { column in
                "\(column) \(Self.shown(difference.old?[column])) → \(Self.shown(difference.new?[column]))"
            }.joined(separator: ", ")
        }
        let sign = SnapshotComparison.sign(difference.kind)
        let line = escape(key) + (detail.isEmpty ? "" : ": \(escape(detail))")
        if isMarkdown {
            markdownCharacters += line.utf8.count
            output.write("- `\(sign)` \(line)\n")
        } else {
            output.write("    " + paint("\(sign) \(line)", Self.color(sign)) + "\n")
        }
    }

    private static func shown(_ cell: Cell?) -> String {
        guard let cell, !cell.isNull else { return "NULL" }
        return cell.text
    }

    package mutating func endTable(_ table: TableSpec, to output: inout some TextOutput) {
        // Markdown closes the <details> block opened for a table with differences.
        endBlock(to: &output)
        if isMarkdown, detailsOpen { output.write("\n</details>\n") }
        detailsOpen = false
    }

    package mutating func end(_ outcome: DiffOutcome, to output: inout some TextOutput) {
        guard outcome.total > 0 else { return }
        var verdict = "\(outcome.total) \(outcome.total == 1 ? "difference" : "differences")"
        if !outcome.failOn.isEmpty {
            let matched = outcome.found.intersection(outcome.failOn).sorted().map(\.rawValue)
            verdict +=
                matched.isEmpty
                ? "; none of the kinds in --fail-on (\(outcome.failOn.sorted().map(\.rawValue).joined(separator: ", ")))"
                : "; --fail-on matched \(matched.joined(separator: ", "))"
        }
        output.write(isMarkdown ? "\n**\(verdict).**\n" : "\n\(verdict)\n")
    }

    private static func color(_ sign: Character) -> String {
        switch sign {
        case "+": "32"
        case "-": "31"
        default: "33"
        }
    }
}
