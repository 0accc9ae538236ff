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
    /// Only regular files whose names are exactly what ``newName(for:)`` makes (`.<name>.tmp-<pid>-<hex>`) are
    /// removed: a directory, a link or a file named otherwise is someone else's and is left alone.
    ///
    /// Call it only while holding the ``OutputLock`` of `destination`: then no other run is building a snapshot
    /// for it, so every such file is garbage whatever process id its name carries (in a container each run may
    /// well be PID 1 again).
    ///
    /// - Returns: the names removed.
    @discardableResult
    package static func removeStale(beside destination: URL, keeping: Set<URL> = []) -> [String] {
        let directory = destination.deletingLastPathComponent()
        let kept = Set(keeping.map(\.lastPathComponent))
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        var removed: [String] = []
        for name in names.sorted() where isTemporaryName(name, for: destination) && !kept.contains(name) {
            let path = directory.appendingPathComponent(name).path
            guard FileKind(path: path, followingLinks: false) == .regular else { continue }
            if unlink(path) == 0 { removed.append(name) }
        }
        return removed
    }

    /// Whether `name` is one ``newName(for:)`` could have made for `destination`.
    static func isTemporaryName(_ name: String, for destination: URL) -> Bool {
        let prefix = prefix(for: destination)
        guard name.hasPrefix(prefix) else { return false }
        let parts = name.dropFirst(prefix.count).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let pid = parts.first, let suffix = parts.last else { return false }
        let decimal = pid.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        let hex = suffix.utf8.allSatisfy { byte in
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
        }
        return (1...10).contains(pid.count) && decimal && (1...8).contains(suffix.count) && hex
    }
}
