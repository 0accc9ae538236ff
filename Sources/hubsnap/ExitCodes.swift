import ArgumentParser

/// The exit codes hubsnap documents (README, `--help`). They follow `sysexits.h`.
enum ExitCodes {
    static let success: Int32 = 0
    /// `diff` found differences.
    static let differences: Int32 = 1
    static let usage: Int32 = 64
    /// An input file is not a readable hubsnap snapshot.
    static let dataError: Int32 = 65
    /// Docker Hub unreachable or failing after retries.
    static let unavailable: Int32 = 69
    static let software: Int32 = 70
    /// The output cannot be written.
    static let cannotCreate: Int32 = 73
    /// Rate limited, timed out or locked: retry later.
    static let temporaryFailure: Int32 = 75
    /// Authentication failed, or the credential may not read what was asked.
    static let noPermission: Int32 = 77
    static let interrupted: Int32 = 130
    static let terminated: Int32 = 143

    /// The text `--help` shows under EXIT CODES.
    static let helpText = """
        Exit codes: 0 success; 1 differences found (diff); 64 usage error; 65 input is not a readable hubsnap \
        snapshot; 69 Docker Hub unreachable or failing after retries; 70 internal error; 73 cannot write the \
        output; 75 temporary failure (rate limited, timed out, another run holds the lock): retry later; \
        77 authentication failed or the credential may not read what was asked; 130/143 interrupted.
        """
}
