import Foundation
import HubAPI
import HubSnapKit
import Logging

/// Runs a sync for a command and reports its summary.
enum SyncRunner {
    static func run(
        configuration: HubClientConfiguration, credentials: Credentials, organizations: [String], output: URL,
        logger: Logger
    ) async throws -> SyncSummary {
        do {
            return try await HubClient.withClient(
                configuration: configuration, credentials: credentials, logger: logger
            ) {
                client in
                try await Syncer.run(
                    client: client,
                    request: SyncRequest(organizations: organizations, output: output, toolVersion: HubSnap.version),
                    logger: logger)
            }
        } catch {
            throw Failure(error)
        }
    }

    /// A few lines for people: where the snapshot went and how much it holds.
    static func render(_ summary: SyncSummary) -> String {
        let seconds = summary.duration.seconds
        var lines = ["snapshot written to \(summary.output.path)"]
        lines.append("  principal: \(summary.principal) (\(summary.credentialKind))")
        for count in summary.rowCounts {
            lines.append("  \(count.table.padding(toLength: 24, withPad: " ", startingAt: 0))\(count.rows)")
        }
        lines.append(
            "  http requests: \(summary.httpRequests), retries: \(summary.retries), rate limited: \(summary.rateLimited)"
        )
        lines.append("  seconds: \(String(format: "%.2f", seconds))")
        lines.append("  warnings: \(summary.warnings.count)")
        for warning in summary.warnings {
            lines.append("    - \(warning)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
