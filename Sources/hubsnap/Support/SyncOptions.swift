import ArgumentParser
import Foundation
import HubAPI

/// The options of a sync that do not say which Hub, who, or where: pacing and retries.
struct SyncOptions: ParsableArguments {
    @Option(help: "Requests in flight at once (1-64).")
    var concurrency: Int = 8

    @Option(help: ArgumentHelp("Deadline of one request, in seconds.", valueName: "seconds"))
    var requestTimeout: Int = 30

    @Option(help: "Attempts of one request on a transient failure (5xx, reset, timeout, unreadable reply).")
    var maxAttempts: Int = 5

    @Option(help: ArgumentHelp("Total seconds one request may spend retrying and waiting.", valueName: "seconds"))
    var retryBudget: Int = 300

    func validate() throws {
        guard (1...64).contains(concurrency) else {
            throw ValidationError("--concurrency must be between 1 and 64, not \(concurrency)")
        }
        guard requestTimeout > 0 else { throw ValidationError("--request-timeout must be positive") }
        guard maxAttempts > 0 else { throw ValidationError("--max-attempts must be at least 1") }
        guard retryBudget > 0 else { throw ValidationError("--retry-budget must be positive") }
    }

    /// The absolute URL of an `--output` value.
    static func fileURL(_ path: String) -> URL {
        URL(fileURLWithPath: path).standardizedFileURL
    }

    func clientConfiguration(baseURL: URL) -> HubClientConfiguration {
        HubClientConfiguration(
            baseURL: baseURL, concurrency: concurrency, requestTimeout: .seconds(requestTimeout),
            maxAttempts: maxAttempts, retryBudget: .seconds(retryBudget), userAgent: "hubsnap/\(HubSnap.version)")
    }
}
