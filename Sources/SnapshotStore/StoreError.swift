import Foundation

/// What can go wrong writing or opening a snapshot file.
package enum StoreError: Error, LocalizedError, Equatable, Sendable {
    /// The output could not be created or replaced.
    case cannotWrite(path: String, reason: String)
    /// The finished file failed `PRAGMA integrity_check` or `foreign_key_check`.
    case integrityCheckFailed(path: String, detail: String)
    /// Another run holds the lock beside the output.
    case locked(path: String)
    /// The output, the lock beside it or a file in an output directory is something hubsnap must not replace or
    /// open for writing: a device, a FIFO, a socket, a symbolic link. `problem` says what it is and what to do.
    case refusedPath(path: String, problem: String)
    /// An input is not a readable hubsnap snapshot: missing, not SQLite, another application's database, a newer
    /// format, or damaged.
    case unreadable(path: String, problem: String)
    /// A table hubsnap itself names is not in its catalog: a bug.
    case unknownTable(String)
    /// SQLite's temporary storage (the sorter and temporary tables `diff` uses) failed: full or failing disk.
    case temporaryStorage(reason: String)

    package var errorDescription: String? {
        switch self {
        case .cannotWrite(let path, let reason):
            "cannot write the snapshot '\(path)' (\(reason)); check that the directory exists and is writable"
        case .integrityCheckFailed(let path, let detail):
            "the new snapshot '\(path)' failed its integrity check (\(detail)); the previous snapshot was kept"
        case .refusedPath(let path, let problem):
            "refusing to write '\(path)': \(problem)"
        case .locked(let path):
            "another hubsnap run is writing '\(path)'; wait for it to finish or pass another --output"
        case .unreadable(let path, let problem):
            "'\(path)' \(problem)"
        case .unknownTable(let name):
            "internal error: no table '\(name)' in hubsnap's catalog; please report it with the command you ran"
        case .temporaryStorage(let reason):
            "SQLite's temporary storage failed (\(reason)); free space in the temporary directory, or point "
                + "SQLITE_TMPDIR at a bigger one"
        }
    }
}
