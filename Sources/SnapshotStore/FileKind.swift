import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a path names, told by `stat(2)` or `lstat(2)`, for refusing anything but a regular file before it is opened
/// (opening a FIFO blocks, replacing a device breaks the system).
package enum FileKind: Equatable, Sendable {
    case missing
    case regular
    case directory
    case symbolicLink
    case fifo
    case socket
    case characterDevice
    case blockDevice
    case other

    /// The kind of what `path` names; a symbolic link itself when `followingLinks` is `false`.
    package init(path: String, followingLinks: Bool = true) {
        var status = stat()
        let result = followingLinks ? stat(path, &status) : lstat(path, &status)
        guard result == 0 else {
            self = .missing
            return
        }
        self.init(mode: status.st_mode)
    }

    /// The kind of what an open descriptor refers to.
    init(descriptor: Int32) {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            self = .missing
            return
        }
        self.init(mode: status.st_mode)
    }

    private init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: self = .regular
        case S_IFDIR: self = .directory
        case S_IFLNK: self = .symbolicLink
        case S_IFIFO: self = .fifo
        case S_IFSOCK: self = .socket
        case S_IFCHR: self = .characterDevice
        case S_IFBLK: self = .blockDevice
        default: self = .other
        }
    }

    /// "a FIFO", "a character device", … for messages.
    package var description: String {
        switch self {
        case .missing: "missing"
        case .regular: "a regular file"
        case .directory: "a directory"
        case .symbolicLink: "a symbolic link"
        case .fifo: "a FIFO (named pipe)"
        case .socket: "a socket"
        case .characterDevice: "a character device"
        case .blockDevice: "a block device"
        case .other: "not a regular file"
        }
    }

    /// Refuses a destination that exists and is not a regular file, before anything is renamed over it: renaming
    /// over a device, a FIFO or a socket would replace it (as root, `/dev/null` would become a snapshot), and
    /// renaming over a symbolic link would replace the link, not the file it names.
    ///
    /// - Throws: ``StoreError/refusedPath(path:problem:)``.
    package static func checkReplaceable(_ destination: URL) throws {
        switch FileKind(path: destination.path, followingLinks: false) {
        case .missing, .regular:
            return
        case .symbolicLink:
            throw StoreError.refusedPath(
                path: destination.path, problem: "it is a symbolic link; name the file it points to, or a new path")
        case let kind:
            throw StoreError.refusedPath(
                path: destination.path,
                problem: "it is \(kind.description), not a regular file; name a regular file or a new path")
        }
    }
}
