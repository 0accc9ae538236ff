import FakeHub
import Foundation
import TestSupport
import Testing

/// The real binary, a real FakeHub on loopback, a real file.
struct SyncCommandTests {
    static let dataset = Dataset.generate(seed: 11, sizes: .demo)

    @Test func syncWritesTheSnapshotAndExitsZero() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let output = directory.path("hub.db")
        let result = try await CLIHarness.withHub(Self.dataset) { hub in
            try await Binary.run(
                ["sync", "--api-url", hub.baseURL, "--output", output], environment: CLIHarness.password)
        }
        #expect(result.status == 0, "\(result.stderr)")
        // The summary is the result, on stdout; stderr holds only logs.
        #expect(result.stdout.hasPrefix("snapshot written to \(output)\n"), "\(result.stdout)")
        #expect(result.stdout.contains("http requests: "))
        let expected = ExpectedSnapshot(
            dataset: Self.dataset, orgs: Self.dataset.orgs.map(\.name), principal: DemoCredentials.username,
            access: .owner)
        let differences = SnapshotDump.differences(
            actual: try SnapshotDump.tables(at: output), expected: expected.tables)
        #expect(differences.isEmpty, "\(differences)")
        let mode = try FileManager.default.attributesOfItem(atPath: output)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory.url.path).filter { !$0.hasSuffix(".lock") }
                == ["hub.db"])
    }

    @Test func batonVariablesWorkWhenTheDockerHubOnesAreAbsent() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let output = directory.path("hub.db")
        let org = try #require(Self.dataset.orgs.last).name
        let result = try await CLIHarness.withHub(Self.dataset) { hub in
            try await Binary.run(
                ["sync", "--api-url", hub.baseURL, "--output", output],
                environment: [
                    "BATON_USERNAME": DemoCredentials.username, "BATON_PASSWORD": DemoCredentials.password,
                    "BATON_ORGS": org,
                ])
        }
        #expect(result.status == 0, "\(result.stderr)")
        let tables = try SnapshotDump.tables(at: output)
        #expect(tables["organizations"]?.map { $0[0] } == [org])
    }

    @Test func secretFromFileAndFromStandardInput() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let secretFile = directory.path("secret")
        try Data("\(DemoCredentials.patSecret)\n".utf8).write(to: URL(fileURLWithPath: secretFile))
        let results = try await CLIHarness.withHub(Self.dataset) { hub in
            let fromFile = try await Binary.run(
                [
                    "sync", "--api-url", hub.baseURL, "--output", directory.path("a.db"), "--username",
                    DemoCredentials.username, "--secret-file", secretFile,
                ])
            let fromStdin = try await Binary.run(
                [
                    "sync", "--api-url", hub.baseURL, "--output", directory.path("b.db"), "--username",
                    DemoCredentials.username, "--password-stdin",
                ],
                stdin: DemoCredentials.password + "\n")
            return (fromFile, fromStdin)
        }
        #expect(results.0.status == 0, "\(results.0.stderr)")
        #expect(results.1.status == 0, "\(results.1.stderr)")
        #expect(try SnapshotDump.snapshotRow(at: directory.path("a.db"))["credential_kind"] == "pat")
        #expect(try SnapshotDump.snapshotRow(at: directory.path("b.db"))["credential_kind"] == "password")
    }

    @Test func aSecretNeverAppearsInLogsErrorsOrTheSnapshot() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let output = directory.path("hub.db")
        let secrets = CLIHarness.secrets(of: Self.dataset)
        let runs = try await CLIHarness.withHub(Self.dataset) { hub in
            var runs: [Binary.Result] = []
            for format in ["text", "json"] {
                for env in [CLIHarness.password, CLIHarness.pat] {
                    runs.append(
                        try await Binary.run(
                            [
                                "sync", "--api-url", hub.baseURL, "--output", output, "--log-level", "trace",
                                "--log-format", format,
                            ], environment: env))
                }
            }
            var wrong = CLIHarness.password
            wrong["DOCKERHUB_PASSWORD"] = "dckr_pat_wrong-secret-value"
            runs.append(
                try await Binary.run(
                    ["sync", "--api-url", hub.baseURL, "--output", output, "--log-level", "trace"], environment: wrong))
            return runs
        }
        #expect(runs.prefix(4).allSatisfy { $0.status == 0 })
        #expect(runs[0].stderr.contains("http"), "trace logs should show requests")
        let snapshotBytes = String(decoding: try Data(contentsOf: URL(fileURLWithPath: output)), as: UTF8.self)
        for secret in secrets + ["dckr_pat_wrong-secret-value"] {
            for run in runs {
                #expect(!run.stderr.contains(secret))
                #expect(!run.stdout.contains(secret))
            }
            #expect(!snapshotBytes.contains(secret))
        }
        // Nor the JWTs FakeHub minted: no "Bearer" or token in the logs.
        #expect(runs.allSatisfy { !$0.stderr.contains("Bearer") && !$0.stderr.contains("eyJ") })
    }
}
