import ArgumentParser
import Foundation
import HubSnapKit
import SnapshotStore

extension HubSnap {
    /// `hubsnap info`: when, how and by whom a snapshot was taken, and what it holds.
    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show when, how and by whom a snapshot was taken, its warnings and its row counts.",
            discussion: ExitCodes.helpText(ExitCodes.info)
        )

        @Argument(help: ArgumentHelp("The snapshot file.", valueName: "snapshot"))
        var snapshot: String

        @Option(help: "text or json.")
        var format: HubSnapKit.Info.Format = .text

        func run() throws {
            do {
                let reader = try SnapshotReader(path: snapshot)
                defer { reader.close() }
                let info = try HubSnapKit.Info(reader: reader)
                var output = FileOutput(FileHandle.standardOutput)
                output.write(info.render(format))
                try output.flush()
            } catch {
                throw Failure(error)
            }
        }
    }
}

extension HubSnapKit.Info.Format: ExpressibleByArgument {}
