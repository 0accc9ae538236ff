import Foundation

/// Runs the built `hubsnap` executable, as a user or a cron job would.
package enum Binary {
    /// What one run printed and how it ended.
    package struct Result: Sendable {
        package var status: Int32
        package var stdout: String
        package var stderr: String
    }

    /// The package's root directory.
    package static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `hubsnap` binary beside the running test bundle (or in `.build/debug`).
    package static var hubsnap: URL {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for directory in [
            besideTests, besideTests.deletingLastPathComponent(), packageRoot.appendingPathComponent(".build/debug"),
        ] {
            let candidate = directory.appendingPathComponent("hubsnap")
            if FileManager.default.isExecutableFile(atPath: candidate.path) {
                return candidate
            }
        }
        return packageRoot.appendingPathComponent(".build/debug/hubsnap")
    }

    /// Starts `hubsnap` with `arguments`; `environment` replaces the inherited one (plus `PATH`).
    package static func start(
        _ arguments: [String], environment: [String: String] = [:], stdin: String? = nil, directory: URL? = nil
    ) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = hubsnap
        process.arguments = arguments
        var env = environment
        env["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        process.environment = env
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        return (process, out, err)
    }

    /// Runs `hubsnap` to the end.
    package static func run(
        _ arguments: [String], environment: [String: String] = [:], stdin: String? = nil, directory: URL? = nil
    ) async throws -> Result {
        let (process, out, err) = try start(arguments, environment: environment, stdin: stdin, directory: directory)
        return await finish(process, out, err)
    }

    /// Waits for a started process and collects its output.
    ///
    /// The blocking reads and the wait run on threads of their own: blocking Swift's few cooperative threads
    /// would starve everything else in the test process, FakeHub included.
    package static func finish(_ process: Process, _ out: Pipe, _ err: Pipe) async -> Result {
        async let stdout = blocking { out.fileHandleForReading.readDataToEndOfFile() }
        async let stderr = blocking { err.fileHandleForReading.readDataToEndOfFile() }
        let (outData, errData) = await (stdout, stderr)
        await blocking { process.waitUntilExit() }
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs `work` on a thread of its own. Not on Dispatch's global queue: its pool is small on a two-core
    /// machine, and with a dozen binaries running at once, reads queued behind other blocked reads would leave
    /// pipes full and the binaries stalled on their own log output.
    private static func blocking<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: work()) }
            thread.stackSize = 256 << 10
            thread.start()
        }
    }
}

/// A fresh directory under the system temporary directory, removed by ``remove()``.
package struct TemporaryDirectory: Sendable {
    package let url: URL

    package init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("hubsnap-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    package func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }

    package func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// Paths of the hand-written datasets under `Fixtures/`.
package enum Fixtures {
    package static func dataset(_ scenario: String) -> URL {
        Binary.packageRoot.appendingPathComponent("Fixtures/\(scenario)/dataset.json")
    }
}
