import FakeHub
import Foundation
import TestSupport
import Testing

/// `--log-format json`: every stderr line is one JSON object, the final error line too, with numbers as numbers.
struct LogFormatTests {
    static let dataset = SyncFailureTests.dataset

    /// Each stderr line as a JSON object; records an issue for a line that is not one.
    static func objects(_ stderr: String) -> [[String: Any]] {
        stderr.split(separator: "\n").compactMap { line in
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            if object == nil { Issue.record("not a JSON object: \(line)") }
            return object
        }
    }

    /// True for a JSON number (the text form of metadata would come back as a String).
    static func isNumber(_ value: Any?) -> Bool {
        value is NSNumber && !(value is String)
    }

    @Test func aFailedSyncEndsWithAJSONErrorLineCarryingTheExitCode() async throws {
        var environment = CLIHarness.password
        environment["DOCKERHUB_PASSWORD"] = "not-the-password"
        let result = try await SyncFailureTests().failingSync(["--log-format", "json"], environment: environment)
        #expect(result.status == 77)
        let last = try #require(Self.objects(result.stderr).last)
        #expect(last["level"] as? String == "error")
        #expect((last["message"] as? String)?.contains("authentication as") == true, "\(last)")
        #expect(Self.isNumber(last["exit_code"]) && last["exit_code"] as? Int == 77, "\(last)")
    }

    @Test func aUsageErrorIsAJSONLineToo() async throws {
        let result = try await Binary.run(["sync", "--log-format", "json", "--concurrency", "many"])
        #expect(result.status == 64)
        let objects = Self.objects(result.stderr)
        #expect(objects.count == 1, "\(result.stderr)")
        #expect(objects.first?["exit_code"] as? Int == 64, "\(result.stderr)")
    }

    /// Counts and statuses are numbers; a skipped part says why.
    @Test func metadataNumbersAreNumbersAndSkipsCarryTheirReason() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let result = try await CLIHarness.withHub(Self.dataset) { hub in
            try await Binary.run(
                [
                    "sync", "--api-url", hub.baseURL, "--output", directory.path("hub.db"), "--log-format", "json",
                    "--log-level", "debug",
                ], environment: CLIHarness.pat)
        }
        #expect(result.status == 0, "\(result.stderr)")
        let objects = Self.objects(result.stderr)
        let requests = objects.filter { $0["message"] as? String == "http" }
        #expect(!requests.isEmpty)
        #expect(requests.allSatisfy { Self.isNumber($0["http.status"]) && Self.isNumber($0["http.ms"]) })
        let read = objects.filter { $0["message"] as? String == "organization read" }
        #expect(read.count == Self.dataset.orgs.count)
        #expect(read.allSatisfy { Self.isNumber($0["sync.repositories"]) }, "\(read)")
        let skipped = objects.filter { $0["message"] as? String == "part skipped" }
        #expect(!skipped.isEmpty)
        for line in skipped {
            #expect(
                (line["sync.reason"] as? String)?.contains("does not let a personal access token") == true, "\(line)")
            #expect(line["org"] is String && line["sync.part"] is String, "\(line)")
        }
    }
}
