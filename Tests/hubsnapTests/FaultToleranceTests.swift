import FakeHub
import Foundation
import TestSupport
import Testing

/// The built binary against a FakeHub that fails, throttles and misbehaves the way Docker Hub does: a nightly sync
/// either gets the exact snapshot anyway or fails clearly with the previous snapshot untouched.
struct FaultToleranceTests {
    static let dataset = Dataset.generate(seed: 31, sizes: .demo)
    static let ownerView = ExpectedSnapshot(
        dataset: dataset, orgs: dataset.orgs.map(\.name), principal: DemoCredentials.username, access: .owner)
    static let previous = Data("a previous snapshot that must survive\n".utf8)

    struct Run {
        var result: Binary.Result
        var requests: [RecordedRequest]
        var tables: [String: ExpectedSnapshot.Rows]?
        var warnings: [String]
        /// The output file's bytes afterwards.
        var output: Data
    }

    /// Syncs over a pre-existing output file with the given server options and extra flags.
    static func sync(options: FakeHubOptions, flags: [String] = [], dataset: Dataset = dataset) async throws -> Run {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let output = directory.path("hub.db")
        try previous.write(to: URL(fileURLWithPath: output))
        let (result, requests) = try await CLIHarness.withHub(dataset, options: options) { hub in
            let result = try await Binary.run(
                ["sync", "--api-url", hub.baseURL, "--output", output, "--log-level", "info"] + flags,
                environment: CLIHarness.password)
            return (result, await hub.requests())
        }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: output))
        var run = Run(result: result, requests: requests, tables: nil, warnings: [], output: bytes)
        if result.status == 0 {
            run.tables = try SnapshotDump.tables(at: output)
            let snapshot = try SnapshotDump.snapshotRow(at: output)
            run.warnings = try JSONDecoder().decode(
                [String].self, from: Data(((snapshot["warnings"] ?? nil) ?? "[]").utf8))
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.url.path)
            .filter { !$0.hasSuffix(".lock") }
        #expect(leftovers == ["hub.db"], "temporary files left behind: \(leftovers)")
        return run
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func aTwoPercentFaultMixStillGivesTheExactSnapshot(seed: UInt64) async throws {
        let options = FakeHubOptions(
            rateLimit: 1_000_000,
            faults: .mixed(share: 0.02, seed: seed, latency: .milliseconds(0)...(.milliseconds(3))))
        let run = try await Self.sync(options: options)
        #expect(run.result.status == 0, "\(run.result.stderr)")
        let differences = SnapshotDump.differences(actual: run.tables ?? [:], expected: Self.ownerView.tables)
        #expect(differences.isEmpty, "\(differences)")
        #expect(run.warnings.isEmpty, "\(run.warnings)")
        // The faults really happened, and each was retried.
        let faults = run.requests.filter { $0.fault != nil }
        #expect(!faults.isEmpty, "no fault was injected; the test proves nothing")
        #expect(run.result.stderr.contains("retrying request"))
        // Each fault costs one retry (a loaded machine may add a few of its own, such as a slow connect).
        let retries = try #require(
            run.result.stdout.split(separator: "\n").first { $0.contains("retries: ") }?
                .split(separator: "retries: ").last?.prefix { $0.isNumber })
        #expect(Int(retries) ?? 0 >= faults.count, "\(faults.count) faults, \(retries) retries")
    }

    @Test func aTenPercentFaultMixOfEveryKindStillGivesTheExactSnapshot() async throws {
        // Larger, so that a tenth of its requests meets every kind of fault.
        let dataset = Dataset.generate(
            seed: 32, sizes: GeneratorSizes(orgs: 2, membersPerOrg: 150, teamsPerOrg: 10, reposPerOrg: 60))
        let expected = ExpectedSnapshot(
            dataset: dataset, orgs: dataset.orgs.map(\.name), principal: DemoCredentials.username, access: .owner)
        let options = FakeHubOptions(rateLimit: 1_000_000, faults: .mixed(share: 0.10, seed: 99))
        let run = try await Self.sync(options: options, flags: ["--max-attempts", "8"], dataset: dataset)
        #expect(run.result.status == 0, "\(run.result.stderr)")
        let differences = SnapshotDump.differences(actual: run.tables ?? [:], expected: expected.tables)
        #expect(differences.isEmpty, "\(differences)")
        let kinds = Set(run.requests.compactMap(\.fault).map { $0.prefix(while: { $0 != "-" }) })
        #expect(kinds.isSuperset(of: ["truncated", "html", "plain", "dropped"]), "\(kinds)")
    }

    @Test(arguments: [RetryAfterStyle.seconds, .unixTime])
    func aRateLimitBelowTheRequestCountIsWaitedOut(retryAfter: RetryAfterStyle) async throws {
        // No X-RateLimit-* headers to pace by (like Docker Hub's anti-abuse limit): the sync meets 429s and
        // must wait each one out as Retry-After says, in seconds or as a unix time.
        // 10 requests per 3 s: the sync's ~45 requests span several windows however fast or slow the machine is.
        let options = FakeHubOptions(
            rateLimit: 10, enforceRateLimit: true, rateLimitWindow: .seconds(3), retryAfter: retryAfter,
            rateLimitHeaders: false)
        let run = try await Self.sync(options: options)
        #expect(run.result.status == 0, "\(run.result.stderr)")
        let differences = SnapshotDump.differences(actual: run.tables ?? [:], expected: Self.ownerView.tables)
        #expect(differences.isEmpty, "\(differences)")
        let limited = run.requests.filter { $0.status == 429 }.count
        #expect(run.requests.count > 10, "the limit should be below the request count")
        #expect(limited > 0)
        #expect(
            run.warnings == [
                "Docker Hub rate-limited \(limited) requests (HTTP 429); each was retried after the wait it asked for"
            ])
        #expect(run.result.stdout.contains("rate limited: \(limited)"))
        #expect(run.result.stderr.contains("rate limited"))
    }

    @Test func rateLimitHeadersAreHonouredSoFew429sAreMet() async throws {
        let options = FakeHubOptions(rateLimit: 10, enforceRateLimit: true, rateLimitWindow: .seconds(3))
        let run = try await Self.sync(options: options)
        #expect(run.result.status == 0, "\(run.result.stderr)")
        let differences = SnapshotDump.differences(actual: run.tables ?? [:], expected: Self.ownerView.tables)
        #expect(differences.isEmpty, "\(differences)")
        #expect(run.requests.count > 10, "the sync should span more than one window")
        #expect(run.result.stderr.contains("pacing requests"), "the client should have held requests back")
        // Pacing keeps within each window; only requests sent blind as a new window opens may meet a 429.
        let limited = run.requests.filter { $0.status == 429 }.count
        #expect(limited * 3 < run.requests.count, "\(limited) of \(run.requests.count) requests rate-limited")
    }

    @Test func exhaustedRetriesExit69NamingTheEndpointAndKeepThePreviousSnapshot() async throws {
        let org = Self.dataset.orgs[0].name
        let options = FakeHubOptions(
            rateLimit: 1_000_000,
            override: { request in
                request.path == "/v2/orgs/\(org)/groups"
                    ? .init(status: 503, body: #"{"detail": "Service Unavailable"}"#) : nil
            })
        let run = try await Self.sync(options: options, flags: ["--max-attempts", "3"])
        #expect(run.result.status == 69, "\(run.result.stderr)")
        let last = run.result.stderr.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasPrefix("hubsnap: error: "))
        #expect(last.contains("/v2/orgs/\(org)/groups") && last.contains("HTTP 503"), "\(last)")
        #expect(run.output == Self.previous)
        #expect(run.requests.filter { $0.path == "/v2/orgs/\(org)/groups" }.count == 3)
    }

    @Test func aRateLimitThatOutlastsTheRetryBudgetExits75() async throws {
        let options = FakeHubOptions(
            rateLimit: 3, enforceRateLimit: true, rateLimitWindow: .seconds(3_600), rateLimitHeaders: false)
        let run = try await Self.sync(options: options, flags: ["--retry-budget", "2"])
        #expect(run.result.status == 75, "\(run.result.stderr)")
        let last = run.result.stderr.split(separator: "\n").last.map(String.init) ?? ""
        #expect(
            last.hasPrefix("hubsnap: error: ") && last.contains("kept rate-limiting") && last.contains("(429)"),
            "\(last)")
        #expect(run.output == Self.previous)
    }

    @Test func anHTMLChallengeWith403IsRetriedNotTakenAsARefusal() async throws {
        let org = Self.dataset.orgs[1].name
        let options = FakeHubOptions(
            rateLimit: 1_000_000,
            override: { request in
                guard request.path == "/v2/orgs/\(org)/invites", request.attempt <= 2 else { return nil }
                return .init(
                    status: 403, contentType: "text/html; charset=UTF-8",
                    body: "<!DOCTYPE html><title>Just a moment...</title>")
            })
        let run = try await Self.sync(options: options)
        #expect(run.result.status == 0, "\(run.result.stderr)")
        let differences = SnapshotDump.differences(actual: run.tables ?? [:], expected: Self.ownerView.tables)
        #expect(differences.isEmpty, "\(differences)")
        #expect(run.warnings.isEmpty, "a challenge page is no verdict on the credential: \(run.warnings)")
        #expect(run.requests.filter { $0.path == "/v2/orgs/\(org)/invites" }.count == 3)
    }
}
