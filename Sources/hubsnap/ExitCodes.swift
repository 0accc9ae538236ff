import ArgumentParser

/// The exit codes hubsnap documents (README, `--help`). They follow `sysexits.h`.
enum ExitCodes {
    static let success: Int32 = 0
    /// `diff` found differences.
    static let differences: Int32 = 1
    static let usage: Int32 = 64
    /// An input file is not a readable hubsnap snapshot.
    static let dataError: Int32 = 65
    /// Docker Hub unreachable or failing after retries, or answering what hubsnap cannot take as access data.
    static let unavailable: Int32 = 69
    static let software: Int32 = 70
    /// The output cannot be written.
    static let cannotCreate: Int32 = 73
    /// Rate limited, timed out or locked: retry later.
    static let temporaryFailure: Int32 = 75
    /// Authentication failed, or the credential may not read what was asked.
    static let noPermission: Int32 = 77
    static let interrupted: Int32 = 130
    /// The reader of stdout went away (SIGPIPE).
    static let brokenPipe: Int32 = 141
    static let terminated: Int32 = 143

    /// What each code means, as `--help` words it.
    private static let meanings: [(codes: [Int32], meaning: String)] = [
        ([success], "success"),
        ([differences], "differences found"),
        ([usage], "usage error"),
        ([dataError], "an input is not a readable hubsnap snapshot"),
        ([unavailable], "Docker Hub unreachable, failing after retries, or sending data that cannot be trusted"),
        ([software], "internal error"),
        ([cannotCreate], "cannot write the output"),
        ([temporaryFailure], "temporary failure (rate limited, timed out, another run holds the lock): retry later"),
        ([noPermission], "authentication failed or the credential may not read what was asked"),
        ([interrupted, terminated], "interrupted"),
        ([brokenPipe], "the reader of stdout went away"),
    ]

    /// The codes of each command, in order.
    static let sync: [Int32] = [
        success, usage, unavailable, software, cannotCreate, temporaryFailure, noPermission, interrupted, terminated,
    ]
    static let demo: [Int32] = [success, usage, software, cannotCreate, temporaryFailure, interrupted, terminated]
    static let dump: [Int32] = [success, usage, dataError, software, cannotCreate, interrupted, terminated, brokenPipe]
    static let info: [Int32] = dump
    static let diff: [Int32] = [
        success, differences, usage, dataError, software, cannotCreate, interrupted, terminated, brokenPipe,
    ]
    static let all: [Int32] = meanings.flatMap(\.codes)

    /// The "Exit codes: …" paragraph of `--help` for a command that can end with `codes`.
    static func helpText(_ codes: [Int32]) -> String {
        let parts = meanings.filter { !Set($0.codes).isDisjoint(with: codes) }.map { entry in
            "\(entry.codes.filter(codes.contains).map(String.init).joined(separator: "/")) \(entry.meaning)"
        }
        return "Exit codes: " + parts.joined(separator: "; ") + "."
    }
}
