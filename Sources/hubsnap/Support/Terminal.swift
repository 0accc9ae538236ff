import Foundation

/// Writes to the standard streams. stdout carries results; stderr carries errors and progress.
enum Terminal {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("hubsnap: error: \(message)\n".utf8))
    }

    static func output(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// A remark that is not an error, on stderr.
    static func note(_ message: String) {
        FileHandle.standardError.write(Data("hubsnap: note: \(message)\n".utf8))
    }

    static var standardOutputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// Colour only on a terminal, and never when `NO_COLOR` is set to anything but the empty string.
    static var colorAllowed: Bool {
        standardOutputIsTerminal && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
    }
}
