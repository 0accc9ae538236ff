import Foundation
import SnapshotStore

/// What `hubsnap dump` writes: tables of a snapshot, filtered, in one of four formats.
package struct Dump: Sendable {
    package enum Format: String, CaseIterable, Sendable {
        case table, csv, json, ndjson
    }

    package var tables: [TableSpec]
    /// Which rows to keep, named as stored (``SnapshotReader/resolve(orgs:)`` and its siblings).
    package var filter: RowFilter
    /// Prefix CSV text cells that a spreadsheet would run as formulas with `'` (see ``CellFormatting/csv(_:defusingFormulas:)``).
    package var defusesFormulas = true
    /// Widest a `table` column gets on a terminal before its cells are cut with `…`.
    package var maximumColumnWidth = 60

    /// - Parameters:
    ///   - tableNames: the tables asked for with `--table`; empty means every stored table (``TableSpec/dumpedByDefault``),
    ///     or, with a user or repository filter, those about an account (``TableSpec/aboutAccount``) or a
    ///     repository (``TableSpec/aboutRepository``).
    /// - Throws: ``DumpError/unknownTable(_:)``.
    package init(tableNames: [String], filter: RowFilter = RowFilter()) throws {
        var names = tableNames
        if names.isEmpty {
            if filter.users != nil { names += TableSpec.aboutAccount }
            if filter.repositories != nil { names += TableSpec.aboutRepository }
            if names.isEmpty { names = TableSpec.dumpedByDefault }
        }
        var seen = Set<String>()
        tables = try names.filter { seen.insert($0).inserted }.map { name in
            guard let spec = TableSpec.named(name) else { throw DumpError.unknownTable(name) }
            return spec
        }
        self.filter = filter
    }

    /// Writes the selected tables to `output`.
    ///
    /// `csv` writes one table only (use ``writeCSVFiles(from:into:)`` for several); the other formats write them
    /// all. Rows are read twice for `table` (once for the column widths) and once otherwise, never held.
    package func write(from reader: SnapshotReader, format: Format, to output: inout some TextOutput) throws {
        switch format {
        case .json:
            // Keys sorted: tables by name.
            output.write("{")
            for (index, table) in tables.sorted(by: { $0.name < $1.name }).enumerated() {
                output.write(index == 0 ? "\n" : ",\n")
                output.write("  \(CellFormatting.jsonString(table.name)): [")
                let columns = reader.columns(of: table)
                var first = true
                try reader.forEachRow(of: table, columns: columns, filter: filter) { cells in
                    output.write(first ? "\n    " : ",\n    ")
                    output.write(CellFormatting.jsonObject(columns: columns, cells: cells))
                    first = false
                }
                output.write(first ? "]" : "\n  ]")
            }
            output.write(tables.isEmpty ? "}\n" : "\n}\n")
        case .ndjson:
            for table in tables {
                let columns = reader.columns(of: table)
                let name = CellFormatting.jsonString(table.name)
                try reader.forEachRow(of: table, columns: columns, filter: filter) { cells in
                    output.write(
                        "{\"row\": \(CellFormatting.jsonObject(columns: columns, cells: cells)), \"table\": \(name)}\n")
                }
            }
        case .csv:
            guard tables.count == 1, let table = tables.first else { throw DumpError.csvNeedsOneTable(tables.count) }
            try writeCSV(table, from: reader, to: &output)
        case .table:
            for (index, table) in tables.enumerated() {
                if index > 0 { output.write("\n") }
                try writeAligned(table, from: reader, to: &output)
            }
        }
    }

    /// Writes `DIRECTORY/<table>.csv` for each selected table, each built under a temporary name and renamed into
    /// place when complete.
    ///
    /// - Returns: the files written.
    package func writeCSVFiles(from reader: SnapshotReader, into directory: URL) throws -> [URL] {
        // Every destination is checked before the first is written, so a refusal leaves the directory as it was.
        for table in tables {
            try FileKind.checkReplaceable(directory.appendingPathComponent("\(table.name).csv"))
        }
        var written: [URL] = []
        for table in tables {
            let destination = directory.appendingPathComponent("\(table.name).csv")
            let temporary = directory.appendingPathComponent(".\(table.name).csv.\(UUID().uuidString).tmp")
            // Mode 0600 like the snapshot itself: accounts.csv holds email addresses.
            let descriptor = open(temporary.path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else {
                throw DumpError.cannotWrite(destination.path, String(cString: strerror(errno)))
            }
            let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
            do {
                var output = FileOutput(handle, name: "'\(destination.path)'")
                try writeCSV(table, from: reader, to: &output)
                try output.flush()
                try handle.close()
                try FileKind.checkReplaceable(destination)
                guard rename(temporary.path, destination.path) == 0 else {
                    throw DumpError.cannotWrite(destination.path, String(cString: strerror(errno)))
                }
            } catch let error as StoreError {
                try? FileManager.default.removeItem(at: temporary)
                throw error
            } catch let error as OutputError {
                try? FileManager.default.removeItem(at: temporary)
                throw DumpError.cannotWrite(destination.path, error.reason)
            } catch let error as DumpError {
                try? FileManager.default.removeItem(at: temporary)
                throw error
            } catch {
                try? FileManager.default.removeItem(at: temporary)
                throw DumpError.cannotWrite(destination.path, error.localizedDescription)
            }
            written.append(destination)
        }
        return written
    }

    private func writeCSV(_ table: TableSpec, from reader: SnapshotReader, to output: inout some TextOutput) throws {
        let columns = reader.columns(of: table)
        let defuse = defusesFormulas
        output.write(CellFormatting.csvLine(columns.map { CellFormatting.csv(.text($0), defusingFormulas: defuse) }))
        try reader.forEachRow(of: table, columns: columns, filter: filter) { cells in
            output.write(CellFormatting.csvLine(cells.map { CellFormatting.csv($0, defusingFormulas: defuse) }))
        }
    }

    private func writeAligned(_ table: TableSpec, from reader: SnapshotReader, to output: inout some TextOutput) throws
    {
        let columns = reader.columns(of: table)
        var widths = columns.map(CellFormatting.displayWidth)
        var rows = 0
        try reader.forEachRow(of: table, columns: columns, filter: filter) { cells in
            rows += 1
            for (index, cell) in cells.enumerated() {
                widths[index] = max(widths[index], CellFormatting.displayWidth(CellFormatting.terminal(cell)))
            }
        }
        widths = widths.map { min($0, maximumColumnWidth) }
        output.write("\(table.name) (\(rows) \(rows == 1 ? "row" : "rows"))\n")
        func line(_ texts: [String]) -> String {
            var line = ""
            for (index, text) in texts.enumerated() {
                if index > 0 { line += "  " }
                line += CellFormatting.fit(text, width: widths[index], pad: index < texts.count - 1)
            }
            while line.utf8.last == UInt8(ascii: " ") { line.removeLast() }
            return line + "\n"
        }
        output.write(line(columns))
        output.write(line(widths.map { String(repeating: "-", count: $0) }))
        try reader.forEachRow(of: table, columns: columns, filter: filter) { cells in
            output.write(line(cells.map(CellFormatting.terminal)))
        }
    }
}

/// Why a dump cannot be written as asked.
package enum DumpError: Error, LocalizedError, Equatable, Sendable {
    case unknownTable(String)
    case csvNeedsOneTable(Int)
    case cannotWrite(String, String)

    package var errorDescription: String? {
        switch self {
        case .unknownTable(let name):
            "no table '\(name)'; use one of \(TableSpec.all.map(\.name).joined(separator: ", "))"
        case .csvNeedsOneTable(let count):
            "--format csv writes one table to stdout, and \(count) are selected; pick one with --table NAME or "
                + "write them all with --output-dir DIR"
        case .cannotWrite(let path, let reason):
            "cannot write '\(path)' (\(reason)); check that the directory exists and is writable"
        }
    }
}
