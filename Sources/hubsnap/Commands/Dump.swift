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
                Tables: \(TableSpec.all.map(\.name).joined(separator: ", ")). Without --table every table but \
                effective_access is written. org_grants lists the members who are admin on every repository of \
                an org (as owner or editor, or through a team holding that role); effective_access expands every \
                grant into one row per account and repository it reaches, and is written only when asked for by \
                name or for --user and --repo (see docs/schema.md). Rows come in key order and JSON keys are \
                sorted, so two dumps diff cleanly. CSV cells that a spreadsheet would run as formulas are \
                prefixed with '. The file is opened read-only.

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
                "Everything about this account (a username or an email, any case): its accounts row, org roles, "
                    + "teams, org-wide grants, effective access, invites and tokens (unless --table says otherwise); "
                    + "repeat or separate with commas for several.",
                valueName: "username"))
        var user: [String] = []

        @Option(
            help: ArgumentHelp(
                "Who can reach this repository and through what: the repository, its team grants and its effective "
                    + "access (unless --table says otherwise); repeat or separate with commas for several.",
                valueName: "namespace/name"))
        var repo: [String] = []

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
            for text in ListValues.split(repo) where RepositoryName(text) == nil {
                throw ValidationError("--repo '\(text)' is not NAMESPACE/NAME; write it as in 'acme/api'")
            }
            if outputDir != nil, let format, format != .csv {
                throw ValidationError("--output-dir writes CSV files; drop --format \(format.rawValue) or --output-dir")
            }
        }

        func run() throws {
            do {
                let reader = try SnapshotReader(path: snapshot)
                defer { reader.close() }
                var dump = try HubSnapKit.Dump(
                    tableNames: table, filter: try Self.filter(org: org, user: user, repo: repo, in: reader))
                dump.defusesFormulas = defuseFormulas
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

        /// The names typed turned into the names stored (any case; an account by username or email). A name that
        /// matches nothing is more often a typo than a question: it is said on stderr, and keeps no rows.
        static func filter(org: [String], user: [String], repo: [String], in reader: SnapshotReader) throws
            -> RowFilter
        {
            var filter = RowFilter()
            let orgs = ListValues.split(org)
            if !orgs.isEmpty {
                let (names, unknown) = try reader.resolve(orgs: orgs)
                for org in unknown { Terminal.note("no organization '\(org)' in '\(reader.path)'") }
                filter.orgs = names
            }
            let users = ListValues.split(user)
            if !users.isEmpty {
                let (names, unknown) = try reader.resolve(users: users)
                for user in unknown { Terminal.note("no member account '\(user)' in '\(reader.path)'") }
                // An unknown name is kept as typed: it may still be an invitee or a token owner.
                filter.users = names + unknown
            }
            let repositories = ListValues.split(repo).compactMap(RepositoryName.init)
            if !repositories.isEmpty {
                let (names, unknown) = try reader.resolve(repositories: repositories)
                for repository in unknown { Terminal.note("no repository '\(repository)' in '\(reader.path)'") }
                filter.repositories = names
            }
            return filter
        }
    }
}

extension HubSnapKit.Dump.Format: ExpressibleByArgument {}
