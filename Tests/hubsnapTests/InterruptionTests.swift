import FakeHub
import Foundation
import TestSupport
import Testing

/// SIGINT, SIGTERM and overlapping runs: the previous snapshot survives and nothing is left behind.
struct InterruptionTests {
    static let big = Dataset.generate(seed: 5, sizes: .fewThousandRows)
    static let previous = Data("the previous snapshot\n".utf8)

    /// Starts a slow sync over an existing output, waits until its temporary file exists, then runs `act`.
    func whileSyncing(
        _ act: @Sendable (Process, TemporaryDirectory) async throws -> Void
    ) async throws -> (Binary.Result, TemporaryDirectory) {
        let directory = try TemporaryDirectory()
        let output = directory.path("hub.db")
        try Self.previous.write(to: URL(fileURLWithPath: output))
        let result = try await CLIHarness.withHub(Self.big) { hub in
            let (process, out, err) = try Binary.start(
                ["sync", "--api-url", hub.baseURL, "--output", output, "--concurrency", "1"],
                environment: CLIHarness.password)
            var started = false
            for _ in 0..<2_000 where process.isRunning {
                let names = try FileManager.default.contentsOfDirectory(atPath: directory.url.path)
                if names.contains(where: { $0.hasPrefix(".hub.db.tmp-") }) {
                    started = true
                    break
                }
                try await Task.sleep(for: .milliseconds(5))
            }
            try #require(started, "the sync never created its temporary file")
            try await act(process, directory)
            return await Binary.finish(process, out, err)
        }
        return (result, directory)
    }

    @Test(arguments: [(SIGTERM, Int32(143)), (SIGINT, Int32(130))])
    func aSignalStopsTheSyncAndKeepsThePreviousSnapshot(signal: Int32, status: Int32) async throws {
        let (result, directory) = try await whileSyncing { process, _ in
            kill(process.processIdentifier, signal)
        }
        defer { directory.remove() }
        #expect(result.status == status, "\(result.stderr)")
        #expect(result.stderr.contains("interrupted"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory.path("hub.db"))) == Self.previous)
        let left = try FileManager.default.contentsOfDirectory(atPath: directory.url.path)
        #expect(left.filter { !$0.hasSuffix(".lock") } == ["hub.db"])
    }

    @Test func aSecondRunOnTheSameOutputExits75WhileTheFirstWorks() async throws {
        let (result, directory) = try await whileSyncing { process, directory in
            let second = try await Binary.run(
                ["sync", "--api-url", "http://127.0.0.1:9", "--output", directory.path("hub.db")],
                environment: CLIHarness.password)
            #expect(second.status == 75, "\(second.stderr)")
            #expect(second.stderr.contains("another hubsnap run"))
            #expect(try Data(contentsOf: URL(fileURLWithPath: directory.path("hub.db"))) == Self.previous)
        }
        defer { directory.remove() }
        #expect(result.status == 0, "\(result.stderr)")
        let tables = try SnapshotDump.tables(at: directory.path("hub.db"))
        #expect(tables["organizations"]?.count == Self.big.orgs.count)
    }

    @Test func aKilledSyncLeavesThePreviousSnapshotAndTheNextRunCleansUp() async throws {
        let (result, directory) = try await whileSyncing { process, _ in
            kill(process.processIdentifier, SIGKILL)
        }
        defer { directory.remove() }
        #expect(result.status != 0)
        let output = directory.path("hub.db")
        #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == Self.previous)
        let leftOver = try FileManager.default.contentsOfDirectory(atPath: directory.url.path)
        #expect(leftOver.contains { $0.hasPrefix(".hub.db.tmp-") }, "kill -9 leaves the temporary file: \(leftOver)")

        // The next run removes what the killed one left and replaces the file with a whole snapshot.
        let next = try await CLIHarness.withHub(Self.big) { hub in
            try await Binary.run(
                ["sync", "--api-url", hub.baseURL, "--output", output], environment: CLIHarness.password)
        }
        #expect(next.status == 0, "\(next.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.url.path)
        #expect(names.filter { !$0.hasSuffix(".lock") } == ["hub.db"])
        #expect(try SnapshotDump.tables(at: output)["organizations"]?.count == Self.big.orgs.count)
    }
}
