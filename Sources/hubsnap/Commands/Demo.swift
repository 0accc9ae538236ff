import ArgumentParser
import FakeHub
import Foundation
import HubAPI
import Logging

extension HubSnap {
    /// `hubsnap demo`: the whole sync, over loopback HTTP, against a built-in fake Docker Hub.
    struct Demo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sync a built-in demo dataset from an in-process fake Docker Hub (a smoke test).",
            discussion: """
                Starts the fake Docker Hub on a loopback port, runs the real sync against it over HTTP, writes \
                the snapshot and prints what it holds. Needs no network and no credentials.

                \(ExitCodes.helpText(ExitCodes.demo))
                """
        )

        enum Kind: String, ExpressibleByArgument, CaseIterable {
            case password, pat, oat
        }

        @Option(help: "Credential kind to sync with: password, pat or oat (oat reads one org).")
        var credential: Kind = .password

        @Option(help: ArgumentHelp("Snapshot file to write.", valueName: "path"))
        var output: String = "hubsnap-demo.db"

        @OptionGroup var options: SyncOptions
        @OptionGroup var logging: LoggingOptions

        func run() async throws {
            let logger = logging.makeLogger()
            let dataset = Dataset.demo
            // The fake server's own chatter (connection shutdown at the end) is not the demo's business.
            var hubLogger = logger
            hubLogger.logLevel = .critical
            let hub = FakeHub(dataset: dataset, options: FakeHubOptions(rateLimit: 1_000_000), logger: hubLogger)
            let firstOrg = dataset.orgs.first?.name ?? ""
            let (credentials, organizations): (Credentials, [String]) =
                switch credential {
                case .password:
                    (Credentials(identifier: DemoCredentials.username, secret: Secret(DemoCredentials.password)), [])
                case .pat:
                    (Credentials(identifier: DemoCredentials.username, secret: Secret(DemoCredentials.patSecret)), [])
                case .oat:
                    (
                        Credentials(identifier: firstOrg, secret: Secret(DemoCredentials.oatSecret(org: firstOrg))),
                        [firstOrg]
                    )
                }
            let options = options
            let output = SyncOptions.fileURL(output)
            let summary = try await hub.withRunning { running in
                let baseURL = try HubClientConfiguration.parseBaseURL(running.baseURL)
                return try await SyncRunner.run(
                    configuration: options.clientConfiguration(baseURL: baseURL), credentials: credentials,
                    organizations: organizations, output: output, logger: logger)
            }
            Terminal.output(SyncRunner.render(summary))
        }
    }
}
