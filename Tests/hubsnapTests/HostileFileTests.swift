import FakeHub
import Foundation
import SnapshotStore
import TestSupport
import Testing

/// Outputs that are not regular files: refused with 73 before anything is read, and left exactly as they were.
struct HostileFileTests {
    static let dataset = Dataset.generate(seed: 11, sizes: .demo)

    /// Runs `sync --output NAME` in `directory`, against FakeHub.
    static func sync(to name: String, in directory: TemporaryDirectory) async throws -> Binary.Result {
        try await CLIHarness.withHub(Self.dataset) { hub in
            try await Binary.run(
                ["sync", "--api-url", hub.baseURL, "--output", name], environment: CLIHarness.password,
                directory: directory.url)
        }
    }

    static func expectOneErrorLine(_ result: Binary.Result, naming text: String) {
        #expect(result.status == 73, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines.first?.hasPrefix("hubsnap: error: ") == true, "\(result.stderr)")
        #expect(result.stderr.contains(text), "\(result.stderr)")
    }

    @Test(.timeLimit(.minutes(1)))
    func aFIFOAsOutputIsRefusedAndStaysAFIFO() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        #expect(mkfifo(directory.path("pipe.db"), 0o600) == 0)

        let result = try await Self.sync(to: "pipe.db", in: directory)

        Self.expectOneErrorLine(result, naming: "pipe.db': it is a FIFO (named pipe), not a regular file")
        #expect(FileKind(path: directory.path("pipe.db"), followingLinks: false) == .fifo)
    }

    @Test(.timeLimit(.minutes(1)))
    func aCharacterDeviceAsOutputIsRefusedAndStaysADevice() async throws {
        // As root, `--output /dev/null` once turned /dev/null into a snapshot; a device node of our own stands in.
        try #require(getuid() == 0 || FileManager.default.isWritableFile(atPath: "/dev/null"))
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let device = directory.path("null")
        let made = try await TerminalRun.shell("mknod null c 1 3", in: directory.url)
        let target = made.status == 0 ? device : "/dev/null"
        let before = FileKind(path: target, followingLinks: false)
        try #require(before == .characterDevice)

        let result = try await Self.sync(to: target, in: directory)

        Self.expectOneErrorLine(result, naming: "it is a character device, not a regular file")
        #expect(FileKind(path: target, followingLinks: false) == .characterDevice)
        #expect(FileKind(path: "/dev/null", followingLinks: false) == .characterDevice)
    }

    @Test func aSymbolicLinkAsOutputIsRefusedAndItsTargetKept() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let target = Data("the file the link names\n".utf8)
        try target.write(to: directory.url.appendingPathComponent("real.db"))
        try FileManager.default.createSymbolicLink(atPath: directory.path("link.db"), withDestinationPath: "real.db")

        let result = try await Self.sync(to: "link.db", in: directory)

        Self.expectOneErrorLine(result, naming: "it is a symbolic link")
        #expect(FileKind(path: directory.path("link.db"), followingLinks: false) == .symbolicLink)
        #expect(try Data(contentsOf: directory.url.appendingPathComponent("real.db")) == target)
    }

    @Test func aDanglingLockLinkIsRefusedAndCreatesNothingWhereItPoints() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let pointee = directory.path("elsewhere/created-by-hubsnap")
        try FileManager.default.createDirectory(atPath: directory.path("elsewhere"), withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: directory.path("hub.db.lock"), withDestinationPath: pointee)

        let result = try await Self.sync(to: "hub.db", in: directory)

        Self.expectOneErrorLine(result, naming: "the lock file is a symbolic link; remove it")
        #expect(!FileManager.default.fileExists(atPath: pointee))
        #expect(!FileManager.default.fileExists(atPath: directory.path("hub.db")))
    }

    @Test(.timeLimit(.minutes(1)))
    func aFIFOAsLockFileIsRefused() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        #expect(mkfifo(directory.path("hub.db.lock"), 0o600) == 0)

        let result = try await Self.sync(to: "hub.db", in: directory)

        Self.expectOneErrorLine(result, naming: "the lock file is a FIFO (named pipe), not a regular file")
        #expect(FileKind(path: directory.path("hub.db.lock"), followingLinks: false) == .fifo)
    }

    @Test func leftoversOfOtherProgramsSurviveASync() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        // Named like hubsnap's temporary files, but a directory, a link and names hubsnap never makes.
        let keptDirectory = directory.path(".hub.db.tmp-1-abc")
        try FileManager.default.createDirectory(atPath: keptDirectory, withIntermediateDirectories: false)
        try Data("precious".utf8).write(to: URL(fileURLWithPath: keptDirectory + "/inside"))
        try FileManager.default.createSymbolicLink(
            atPath: directory.path(".hub.db.tmp-2-abc"), withDestinationPath: "x")
        for name in [".hub.db.tmp-notes", ".hub.db.tmp-1-abc.bak", ".hub.db.tmp-1-xyz"] {
            try Data("keep".utf8).write(to: directory.url.appendingPathComponent(name))
        }
        try Data().write(to: directory.url.appendingPathComponent(".hub.db.tmp-77-0f"))

        let result = try await Self.sync(to: "hub.db", in: directory)

        #expect(result.status == 0, "\(result.stderr)")
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: directory.url.path))
        #expect(
            names == [
                "hub.db", "hub.db.lock", ".hub.db.tmp-1-abc", ".hub.db.tmp-2-abc", ".hub.db.tmp-notes",
                ".hub.db.tmp-1-abc.bak", ".hub.db.tmp-1-xyz",
            ], "only hubsnap's own leftover is removed")
        #expect(try Data(contentsOf: URL(fileURLWithPath: keptDirectory + "/inside")) == Data("precious".utf8))
    }

    @Test(.timeLimit(.minutes(1)))
    func aFIFOInTheCSVDirectoryIsRefusedAndKept() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        _ = try await AuditFixture.copy("before.db", to: directory)
        try FileManager.default.createDirectory(atPath: directory.path("csv"), withIntermediateDirectories: false)
        #expect(mkfifo(directory.path("csv/accounts.csv"), 0o600) == 0)

        let result = try await Binary.run(
            ["dump", "before.db", "--output-dir", "csv"], directory: directory.url)

        Self.expectOneErrorLine(result, naming: "accounts.csv': it is a FIFO (named pipe), not a regular file")
        #expect(FileKind(path: directory.path("csv/accounts.csv"), followingLinks: false) == .fifo)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path("csv")) == ["accounts.csv"])
    }
}
