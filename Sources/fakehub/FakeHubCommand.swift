import ArgumentParser
import FakeHub
import Foundation
import Logging

/// `fakehub`: serves a dataset the way Docker Hub does, until interrupted.
@main
struct FakeHubCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fakehub",
        abstract: "Serve a fake Docker Hub (auth, orgs, members, teams, repositories, invites, tokens) over HTTP.",
        discussion: """
            Without --dataset or --seed, serves the built-in demo dataset. Prints the base URL and the \
            credentials to stderr, then serves until SIGINT or SIGTERM. See docs/fakehub.md.
            """
    )

    @OptionGroup var dataset: DatasetOptions

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on; 0 picks a free one.")
    var port = 8080

    @Flag(help: "Leave out /v2/namespaces/{ns}/repositories (404) so clients must use the legacy route.")
    var legacyRepositoryRouteOnly = false

    @OptionGroup(title: "Rate limit and token expiry") var limits: LimitOptions

    @OptionGroup(title: "Fault injection") var faults: FaultOptions

    @Flag(help: "Print the dataset as JSON to stdout and exit instead of serving it.")
    var dumpDataset = false

    @Flag(help: "Log every request to stderr.")
    var verbose = false

    func validate() throws {
        guard (0...65_535).contains(port) else {
            throw ValidationError("port \(port) is out of range; use 0...65535")
        }
    }

    func run() async throws {
        let data = try dataset.load()
        if dumpDataset {
            FileHandle.standardOutput.write(try data.jsonData())
            FileHandle.standardOutput.write(Data("\n".utf8))
            return
        }
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        var logger = Logger(label: "fakehub")
        logger.logLevel = verbose ? .debug : .warning
        var options = FakeHubOptions(legacyRepositoryRouteOnly: legacyRepositoryRouteOnly, faults: faults.plan)
        limits.apply(to: &options)
        let banner = dataset.banner(for: data) + faults.banner
        let hub = FakeHub(dataset: data, options: options, logger: logger)
        let (host, port) = (host, port)
        try await SignalCancellation.run {
            try await hub.run(host: host, port: port) { baseURL in
                let text = "fakehub listening on \(baseURL)\n\(banner)Press Ctrl-C to stop.\n"
                FileHandle.standardError.write(Data(text.utf8))
            }
        }
        FileHandle.standardError.write(Data("fakehub stopped\n".utf8))
    }
}
