import FakeHub
import Foundation
import HubAPI
import HubSnapKit
import Logging
import TestSupport

/// Runs a real sync over loopback HTTP against FakeHub and collects what a test looks at.
struct SyncHarness {
    struct Outcome {
        var summary: SyncSummary
        var tables: [String: ExpectedSnapshot.Rows]
        var snapshot: [String: String?]
        var requests: [RecordedRequest]
        var warnings: [String]
    }

    static let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    static func credentials(_ kind: CredentialKind, org: String) -> Credentials {
        switch kind {
        case .password: Credentials(identifier: DemoCredentials.username, secret: Secret(DemoCredentials.password))
        case .pat: Credentials(identifier: DemoCredentials.username, secret: Secret(DemoCredentials.patSecret))
        case .oat: Credentials(identifier: org, secret: Secret(DemoCredentials.oatSecret(org: org)))
        }
    }

    /// Syncs `dataset` into a fresh file; the directory is removed afterwards.
    static func sync(
        _ dataset: Dataset,
        options: FakeHubOptions = FakeHubOptions(rateLimit: 1_000_000),
        credentials: Credentials,
        orgs: [String] = [],
        concurrency: Int = 8,
        logger: Logger = quiet
    ) async throws -> Outcome {
        try await attempt(
            dataset, options: options, credentials: credentials, orgs: orgs, concurrency: concurrency, logger: logger
        ).result.get()
    }

    /// What a sync that may fail did: its outcome or error, the requests FakeHub saw, and the files it left in
    /// its (otherwise empty) directory besides the lock.
    struct Attempt {
        var result: Result<Outcome, any Error>
        var requests: [RecordedRequest]
        var filesLeft: [String]
    }

    static func attempt(
        _ dataset: Dataset,
        options: FakeHubOptions = FakeHubOptions(rateLimit: 1_000_000),
        credentials: Credentials,
        orgs: [String] = [],
        concurrency: Int = 8,
        maxBodyBytes: Int = 32 << 20,
        maxPages: Int = 10_000,
        logger: Logger = quiet
    ) async throws -> Attempt {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let output = URL(fileURLWithPath: directory.path("snapshot.db"))
        return try await FakeHub(dataset: dataset, options: options).withRunning { hub in
            let configuration = HubClientConfiguration(
                baseURL: try HubClientConfiguration.parseBaseURL(hub.baseURL), concurrency: concurrency,
                initialBackoff: .milliseconds(10), maxBodyBytes: maxBodyBytes, maxPages: maxPages)
            let result: Result<Outcome, any Error>
            do {
                let summary = try await HubClient.withClient(
                    configuration: configuration, credentials: credentials, logger: logger
                ) { client in
                    try await Syncer.run(
                        client: client, request: SyncRequest(organizations: orgs, output: output, toolVersion: "test"),
                        logger: logger)
                }
                let snapshot = try SnapshotDump.snapshotRow(at: output.path)
                let warningsJSON = (snapshot["warnings"] ?? nil) ?? "[]"
                let warnings = try JSONDecoder().decode([String].self, from: Data(warningsJSON.utf8))
                result = .success(
                    Outcome(
                        summary: summary, tables: try SnapshotDump.tables(at: output.path), snapshot: snapshot,
                        requests: await hub.requests(), warnings: warnings))
            } catch {
                result = .failure(error)
            }
            let files = try FileManager.default.contentsOfDirectory(atPath: directory.url.path)
                .filter { !$0.hasSuffix(".lock") }
            return Attempt(result: result, requests: await hub.requests(), filesLeft: files)
        }
    }
}
