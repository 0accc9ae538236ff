import FakeHub
import Foundation
import GRDB
import SnapshotStore
import TestSupport

/// Two snapshots of the edge-cases dataset synced by the real binary: `before.db`, and `after.db` taken after the
/// changes that `Fixtures/edge-cases-changed` scripts (a member added and one removed, a role raised to owner, a
/// team granted write, a repository made public, a team renamed).
///
/// Made once per test process. The `snapshot` rows are pinned to fixed times, URL and counts, so that golden
/// outputs do not depend on the clock or the port; every other row is as the sync wrote it.
enum AuditFixture {
    static let shared = Task<TemporaryDirectory, any Error> { try await make() }

    /// The directory holding `before.db` and `after.db`; tests run the binary in it so paths print the same.
    static func directory() async throws -> TemporaryDirectory {
        try await shared.value
    }

    static let credentials = ["DOCKERHUB_USERNAME": "edgeadmin", "DOCKERHUB_PASSWORD": "edge-admin-password"]

    private static func make() async throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        let snapshots = [
            ("before.db", "edge-cases", "2026-11-01T02:15:00Z", "2026-11-01T02:15:04Z"),
            ("after.db", "edge-cases-changed", "2026-11-02T02:15:00Z", "2026-11-02T02:15:05Z"),
        ]
        for (name, scenario, started, finished) in snapshots {
            let dataset = try Dataset.load(contentsOf: Fixtures.dataset(scenario))
            let result = try await CLIHarness.withHub(dataset) { hub in
                try await Binary.run(
                    ["sync", "--api-url", hub.baseURL, "--output", directory.path(name)], environment: credentials)
            }
            guard result.status == 0 else {
                throw FixtureError(message: "sync of \(scenario) failed (\(result.status)): \(result.stderr)")
            }
            let queue = try DatabaseQueue(path: directory.path(name))
            try await queue.write { db in
                try db.execute(
                    sql: """
                        UPDATE snapshot SET started_at = ?, finished_at = ?, api_url = 'https://hub.docker.com',
                            tool_version = '0.1.0', http_requests = 40
                        """, arguments: [started, finished])
            }
            try queue.close()
        }
        return directory
    }

    struct FixtureError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// Copies `name` into a fresh directory, for tests that check files are left as they were.
    static func copy(_ name: String, to directory: TemporaryDirectory, as newName: String? = nil) async throws -> String
    {
        let source = try await Self.directory().path(name)
        let destination = directory.path(newName ?? name)
        try FileManager.default.copyItem(atPath: source, toPath: destination)
        return destination
    }
}

/// A file's bytes and modification time, to prove a reader left it alone.
struct FileFingerprint: Equatable {
    var kind: FileKind
    var bytes: Data
    var modified: Date?

    /// Only a regular file's bytes are read: reading a FIFO or a device would block or never end.
    init(_ path: String) throws {
        kind = FileKind(path: path, followingLinks: false)
        bytes = kind == .regular ? (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data() : Data()
        modified = try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
    }
}

/// Runs command lines through other programs: `script(1)`, so that stdout is a terminal, or `/bin/sh`, for
/// redirections.
enum TerminalRun {
    static func run(_ command: String, in directory: URL, environment: [String: String]) async throws -> String {
        var env = environment
        env["TERM"] = "xterm"
        return try await launch("/usr/bin/script", ["-qec", command, "/dev/null"], in: directory, environment: env)
            .stdout
    }

    /// Runs a `/bin/sh` command line, for redirections a test needs (`> /dev/full`).
    static func shell(_ command: String, in directory: URL) async throws -> Binary.Result {
        try await launch("/bin/sh", ["-c", command], in: directory, environment: [:])
    }

    private static func launch(
        _ executable: String, _ arguments: [String], in directory: URL, environment: [String: String]
    ) async throws -> Binary.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = environment
        env["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        process.environment = env
        process.currentDirectoryURL = directory
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return await Binary.finish(process, out, err)
    }
}
