import ArgumentParser
import Foundation
import HubAPI

extension HubSnap {
    /// `hubsnap sync`: read organizations from Docker Hub into a snapshot file.
    struct Sync: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read Docker Hub organizations into a SQLite snapshot.",
            discussion: """
                Credentials: --username or DOCKERHUB_USERNAME; the secret from DOCKERHUB_TOKEN or \
                DOCKERHUB_PASSWORD, --secret-file or --password-stdin (BATON_USERNAME, BATON_ACCESS_TOKEN, \
                BATON_PASSWORD and BATON_ORGS are read when the others are absent). A dckr_pat_ secret is a \
                personal access token, dckr_oat_ an organization access token (whose identifier is the org name).

                \(ExitCodes.helpText(ExitCodes.sync))
                """
        )

        @Option(help: ArgumentHelp("Docker Hub API base URL.", valueName: "url"))
        var apiURL: String = "https://hub.docker.com"

        @Option(help: ArgumentHelp("Organization to read; repeat or separate with commas. Default: all of the user's."))
        var org: [String] = []

        @Option(help: ArgumentHelp("Snapshot file to write; replaced only by a complete snapshot.", valueName: "path"))
        var output: String = "hubsnap.db"

        @OptionGroup var credentials: CredentialOptions
        @OptionGroup var options: SyncOptions
        @OptionGroup var logging: LoggingOptions

        func run() async throws {
            let environment = ProcessInfo.processInfo.environment
            let baseURL: URL
            do {
                baseURL = try HubClientConfiguration.parseBaseURL(apiURL)
            } catch {
                throw Failure(error)
            }
            let organizations = Self.organizations(flags: org, environment: environment)
            let resolved = try credentials.resolve(environment: environment, organizations: organizations)
            let logger = logging.makeLogger()
            let summary = try await SyncRunner.run(
                configuration: options.clientConfiguration(baseURL: baseURL), credentials: resolved,
                organizations: organizations, output: SyncOptions.fileURL(output), logger: logger)
            Terminal.output(SyncRunner.render(summary))
        }

        /// `--org` values (commas split them), else `BATON_ORGS`.
        static func organizations(flags: [String], environment: [String: String]) -> [String] {
            let source = flags.isEmpty ? [environment["BATON_ORGS"] ?? ""] : flags
            return source.flatMap { $0.split(separator: ",") }
                .map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
        }
    }
}
