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
    /// - Throws: ``StoreError/locked(path:)`` when another process holds it, ``StoreError/refusedPath(path:problem:)``
    ///   when the lock file is a symbolic link or not a regular file, ``StoreError/cannotWrite(path:reason:)`` when it
    ///   cannot be created.
    package static func acquire(for destination: URL) throws -> OutputLock {
        let path = lockURL(for: destination).path
        // Never through a link (a dangling one would create a file where it points) and never blocking (a FIFO).
        let descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0o600)
        guard descriptor >= 0 else {
            let code = errno
            if code == ELOOP || FileKind(path: path, followingLinks: false) == .symbolicLink {
                throw StoreError.refusedPath(
                    path: path, problem: "the lock file is a symbolic link; remove it (hubsnap creates its own)")
            }
            let reason = String(cString: strerror(code))
            let directory = destination.deletingLastPathComponent().path
            throw StoreError.cannotWrite(
                path: destination.path,
                reason: FileManager.default.fileExists(atPath: directory)
                    ? reason : "directory '\(directory)' does not exist")
        }
        let kind = FileKind(descriptor: descriptor)
        guard kind == .regular else {
            close(descriptor)
            throw StoreError.refusedPath(
                path: path,
                problem: "the lock file is \(kind.description), not a regular file; remove it (hubsnap creates its own)"
            )
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw StoreError.locked(path: destination.path)
        }
        return OutputLock(descriptor: descriptor)
    }
}
