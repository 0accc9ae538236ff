import ArgumentParser
import Foundation

/// `hubsnap`: a read-only access snapshot of Docker Hub organizations in one SQLite file.
@main
struct HubSnap: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "hubsnap",
        abstract: "Take a read-only access snapshot of Docker Hub organizations into one SQLite file.",
        discussion: ExitCodes.helpText,
        version: version,
        subcommands: [Sync.self, Demo.self]
    )

    /// Parses, runs, and turns every error into one line on stderr and a documented exit code.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as Failure {
            Terminal.error(error.message)
            exit(error.exitCode)
        } catch {
            // ArgumentParser's own: help, version, usage errors (64) and ExitCode.
            exit(withError: error)
        }
    }
}
