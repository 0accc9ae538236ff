import ArgumentParser
import Foundation

/// `hubsnap`: a read-only access snapshot of Docker Hub organizations in one SQLite file.
@main
struct HubSnap: AsyncParsableCommand {
    static let version = "0.1.0"

    /// Whether this run's subcommand writes a snapshot (`sync`, `demo`) rather than only reading them.
    static var writesSnapshots: Bool {
        ["sync", "demo"].contains(CommandLine.arguments.dropFirst().first ?? "")
    }

    static let configuration = CommandConfiguration(
        commandName: "hubsnap",
        abstract: "Take a read-only access snapshot of Docker Hub organizations into one SQLite file.",
        discussion: ExitCodes.helpText(ExitCodes.all),
        version: version,
        subcommands: [Sync.self, Dump.self, Info.self, Diff.self, Demo.self]
    )

    /// Parses, runs, and turns every error into one line on stderr and a documented exit code.
    ///
    /// The command runs in a task that SIGINT and SIGTERM cancel; the run then ends with 130 or 143. Commands that
    /// only read snapshots have nothing to undo, so a signal ends them at once, even inside a long SQLite query.
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
        let sources = signals.install {
            guard writesSnapshots else {
                let signal = signals.signal ?? SIGINT
                Terminal.error("interrupted by \(signal == SIGINT ? "SIGINT" : "SIGTERM")", exitCode: 128 + signal)
                Foundation.exit(128 + signal)
            }
            task.cancel()
        }
        defer { withExtendedLifetime(sources) {} }
        do {
            try await task.value
        } catch {
            if let signal = signals.signal {
                Terminal.error(
                    "interrupted by \(signal == SIGINT ? "SIGINT" : "SIGTERM")"
                        + (writesSnapshots ? "; the previous snapshot was kept" : ""), exitCode: 128 + signal)
                Foundation.exit(128 + signal)
            }
            if let failure = error as? Failure {
                Terminal.error(failure.message, exitCode: failure.exitCode)
                Foundation.exit(failure.exitCode)
            }
            // Usage errors get the same one-line form as every other error; help, version and ExitCode
            // go through ArgumentParser.
            if exitCode(for: error) == .validationFailure {
                Terminal.logFormat = LoggingOptions.format(in: Array(CommandLine.arguments.dropFirst()))
                let secretFlags = ["--password", "--token", "--secret", "--access-token"]
                if CommandLine.arguments.contains(where: { argument in
                    secretFlags.contains { argument == $0 || argument.hasPrefix($0 + "=") }
                }) {
                    Terminal.error(
                        "a secret is never taken as a flag value (it would show in ps and shell history); set "
                            + "DOCKERHUB_TOKEN or DOCKERHUB_PASSWORD, or pass --secret-file PATH or --password-stdin",
                        exitCode: ExitCodes.usage)
                    Foundation.exit(ExitCodes.usage)
                }
                Terminal.error("\(message(for: error)); see 'hubsnap --help'", exitCode: ExitCodes.usage)
                Foundation.exit(ExitCodes.usage)
            }
            exit(withError: error)
        }
    }
}
