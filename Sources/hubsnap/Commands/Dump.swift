import ArgumentParser
import Foundation
import HubSnapKit
import SnapshotStore

extension HubSnap {
    /// `hubsnap dump`: a snapshot's tables for people (aligned columns) and scripts (JSON, NDJSON, CSV).
    struct Dump: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a snapshot's tables as aligned columns, CSV, JSON or NDJSON.",
            discussion: """
                Tables: \(TableSpec.all.map(\.name).joined(separator: ", ")). effective_access lists, for every \
                account and org repository it can reach, the highest permission and every source of it (see \
                docs/schema.md). Rows come in key order and JSON keys are sorted, so two dumps diff cleanly. CSV \
                cells that a spreadsheet would run as formulas are prefixed with '. The file is opened read-only.

                \(ExitCodes.helpText(ExitCodes.dump))
                """
        )

        @Argument(help: ArgumentHelp("The snapshot file.", valueName: "snapshot"))
        var snapshot: String

        @Option(help: ArgumentHelp("A table to print; repeat for several. Default: all.", valueName: "name"))
        var table: [String] = []

        @Option(
            help: ArgumentHelp(
                "Only the rows of this organization; repeat or separate with commas for several.", valueName: "org"))
        var org: [String] = []

        @Option(
            help: ArgumentHelp(
                "Everything about this account: its accounts row, org roles, teams, effective access, invites and "
                    + "tokens (unless --table says otherwise); repeat or separate with commas for several.",
                valueName: "username"))
        var user: [String] = []

        @Option(help: "table, csv, json or ndjson. Default: table on a terminal, json otherwise.")
        var format: HubSnapKit.Dump.Format?

        @Option(
            help: ArgumentHelp(
                "Write DIR/<table>.csv for every selected table instead of printing (implies --format csv).",
                valueName: "dir"))
        var outputDir: String?

        @Flag(
            inversion: .prefixedNo,
            help: ArgumentHelp(
                "Prefix CSV text cells starting with = + - @ tab CR or ' with ', so a spreadsheet shows them as text. "
                    + "Turn it off for programs that read the CSV."))
        var defuseFormulas = true

        func validate() throws {
            if outputDir != nil, let format, format != .csv {
                throw ValidationError("--output-dir writes CSV files; drop --format \(format.rawValue) or --output-dir")
            }
        }

        func run() throws {
            do {
                let orgs = ListValues.split(org)
                let users = ListValues.split(user)
                var dump = try HubSnapKit.Dump(tableNames: table, orgs: orgs, users: users)
                dump.defusesFormulas = defuseFormulas
                let reader = try SnapshotReader(path: snapshot)
                defer { reader.close() }
                try Self.noteUnknownNames(orgs: orgs, users: users, in: reader)
                if let outputDir {
                    let directory = URL(fileURLWithPath: outputDir)
                    do {
                        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                    } catch {
                        throw Failure(
                            "cannot create the directory '\(outputDir)' (\(error.localizedDescription)); "
                                + "check the path and its permissions", exitCode: ExitCodes.cannotCreate)
                    }
                    let files = try dump.writeCSVFiles(from: reader, into: directory)
                    Terminal.note("wrote \(files.count) CSV \(files.count == 1 ? "file" : "files") to \(outputDir)")
                    return
                }
                var output = FileOutput(FileHandle.standardOutput)
                let chosen = format ?? (Terminal.standardOutputIsTerminal ? .table : .json)
                try dump.write(from: reader, format: chosen, to: &output)
                try output.flush()
            } catch {
                throw Failure(error)
            }
        }

        /// A filter that matches nothing is more often a typo than a question: say so on stderr.
        static func noteUnknownNames(orgs: [String], users: [String], in reader: SnapshotReader) throws {
            guard let organizations = TableSpec.named("organizations"), let accounts = TableSpec.named("accounts")
            else { return }
            for org in orgs {
                var found = false
                try reader.forEachRow(of: organizations, columns: ["name"], orgs: [org]) { _ in found = true }
                if !found { Terminal.note("no organization '\(org)' in '\(reader.path)'") }
            }
            for user in users {
                var found = false
                try reader.forEachRow(of: accounts, columns: ["username"], users: [user]) { _ in found = true }
                if !found { Terminal.note("no member account '\(user)' in '\(reader.path)'") }
            }
        }
    }
}

extension HubSnapKit.Dump.Format: ExpressibleByArgument {}
