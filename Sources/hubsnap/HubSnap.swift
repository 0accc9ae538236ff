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
    ///
    /// The command runs in a task that SIGINT and SIGTERM cancel; the run then ends with 130 or 143.
    static func main() async {
        let signals = SignalHandling()
        let task = Task {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        }
        let sources = signals.install { task.cancel() }
        defer { withExtendedLifetime(sources) {} }
        do {
            try await task.value
        } catch {
            if let signal = signals.signal {
                Terminal.error(
                    "interrupted by \(signal == SIGINT ? "SIGINT" : "SIGTERM"); the previous snapshot was kept")
                Foundation.exit(128 + signal)
            }
            if let failure = error as? Failure {
                Terminal.error(failure.message)
                Foundation.exit(failure.exitCode)
            }
            // ArgumentParser's own: help, version, ValidationError (64), ExitCode.
            exit(withError: error)
        }
    }
}
