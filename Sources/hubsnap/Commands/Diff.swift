import ArgumentParser
import Foundation
import HubSnapKit
import SnapshotStore

extension HubSnap {
    /// `hubsnap diff`: what changed in access between two snapshots, with an exit code for CI.
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare two snapshots: who gained or lost access, and every row added, removed or changed.",
            discussion: """
                Exits 0 when there are no differences (or none of the --fail-on kinds), 1 when there are, 65 when a \
                file is not a readable snapshot. --fail-on narrows which differences exit 1: \(FailKind.names). Fields that \
                change without access meaning (last_logged_in_at, last_updated, member_count, a token's \
                last_used_at) are compared only with --all-fields. Both files are opened read-only.

                \(ExitCodes.helpText(ExitCodes.diff))
                """
        )

        @Argument(help: ArgumentHelp("The older snapshot.", valueName: "old"))
        var old: String

        @Argument(help: ArgumentHelp("The newer snapshot.", valueName: "new"))
        var new: String

        @Option(help: "text, json or markdown. Text is coloured on a terminal unless NO_COLOR is set.")
        var format: DiffFormat = .text

        @Option(help: ArgumentHelp("Exit 1 only for these kinds of difference; repeatable.", valueName: "kind"))
        var failOn: [FailKind] = []

        @Flag(help: "Compare every column, timestamps of last use and counts included.")
        var allFields = false

        enum DiffFormat: String, ExpressibleByArgument, CaseIterable {
            case text, json, markdown
        }

        func run() throws {
            let outcome: DiffOutcome
            do {
                let comparison = try SnapshotComparison(oldPath: old, newPath: new, allFields: allFields)
                defer { comparison.close() }
                let report = DiffReport(comparison: comparison, failOn: Set(failOn))
                var output = FileOutput(FileHandle.standardOutput)
                switch format {
                case .json:
                    var renderer = JSONDiffRenderer()
                    outcome = try report.run(&renderer, to: &output)
                case .text:
                    var renderer = LineDiffRenderer(style: .text(color: Terminal.colorAllowed))
                    outcome = try report.run(&renderer, to: &output)
                case .markdown:
                    var renderer = LineDiffRenderer(style: .markdown)
                    outcome = try report.run(&renderer, to: &output)
                }
                try output.flush()
            } catch {
                throw Failure(error)
            }
            if outcome.failed { throw ExitCode(ExitCodes.differences) }
        }
    }
}

extension FailKind: ExpressibleByArgument {}
