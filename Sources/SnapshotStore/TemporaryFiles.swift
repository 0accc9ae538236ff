import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Names, syncs and renames the temporary files a snapshot is built in.
package enum TemporaryFiles {
    /// The prefix of every temporary file beside `destination`: `.<name>.tmp-`.
    package static func prefix(for destination: URL) -> String {
        ".\(destination.lastPathComponent).tmp-"
    }

    /// A fresh temporary name beside `destination`, tagged with this process id.
    static func newName(for destination: URL) -> URL {
        let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        return destination.deletingLastPathComponent()
            .appendingPathComponent("\(prefix(for: destination))\(getpid())-\(suffix)")
    }

    /// Flushes the file to disk, renames it over `destination` and flushes the directory, so that after a
    /// crash the destination is either the old file or the new one, whole.
    static func syncAndRename(_ source: URL, to destination: URL) throws {
        try fsyncPath(source.path, destination: destination)
        guard rename(source.path, destination.path) == 0 else {
            throw StoreError.cannotWrite(path: destination.path, reason: String(cString: strerror(errno)))
        }
        try? fsyncPath(destination.deletingLastPathComponent().path, destination: destination)
    }

    private static func fsyncPath(_ path: String, destination: URL) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw StoreError.cannotWrite(path: destination.path, reason: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        guard fsync(fd) == 0 else {
            throw StoreError.cannotWrite(path: destination.path, reason: String(cString: strerror(errno)))
        }
    }

    /// Deletes temporary files left beside `destination` by earlier runs (killed with `kill -9`, or by a power
    /// cut), except those in `keeping`.
    ///
    /// Call it only while holding the ``OutputLock`` of `destination`: then no other run is building a snapshot
    /// for it, so every such file is garbage whatever process id its name carries (in a container each run may
    /// well be PID 1 again).
    ///
    /// - Returns: the names removed.
    @discardableResult
    package static func removeStale(beside destination: URL, keeping: Set<URL> = []) -> [String] {
        let directory = destination.deletingLastPathComponent()
        let prefix = prefix(for: destination)
        let kept = Set(keeping.map(\.lastPathComponent))
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        var removed: [String] = []
        for name in names.sorted() where name.hasPrefix(prefix) && !kept.contains(name) {
            if (try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))) != nil {
                removed.append(name)
            }
        }
        return removed
    }
}
