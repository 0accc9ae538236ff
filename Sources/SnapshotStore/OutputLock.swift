import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive lock on `<output>.lock`, held while a run writes that output, so that two runs (cron
/// firing while the last one still works) never build the same snapshot at once.
///
/// The lock is `flock(2)`: the kernel drops it when the process ends, however it ends, so a `kill -9`
/// leaves no stale lock behind. The lock file itself stays; it holds nothing.
package final class OutputLock: Sendable {
    private let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// The lock file's path for `destination`.
    package static func lockURL(for destination: URL) -> URL {
        destination.deletingLastPathComponent().appendingPathComponent(destination.lastPathComponent + ".lock")
    }

    /// Takes the lock without waiting.
    ///
    /// - Throws: ``StoreError/locked(path:)`` when another process holds it, ``StoreError/cannotWrite(path:reason:)``
    ///   when the lock file cannot be created.
    package static func acquire(for destination: URL) throws -> OutputLock {
        let path = lockURL(for: destination).path
        let descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            let directory = destination.deletingLastPathComponent().path
            throw StoreError.cannotWrite(
                path: destination.path,
                reason: FileManager.default.fileExists(atPath: directory)
                    ? reason : "directory '\(directory)' does not exist")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw StoreError.locked(path: destination.path)
        }
        return OutputLock(descriptor: descriptor)
    }
}
