import Foundation
import Synchronization

/// Writes to the standard streams. stdout carries results; stderr carries errors and progress.
enum Terminal {
    /// How stderr lines are written: set from `--log-format` when the command line is parsed.
    static var logFormat: LoggingOptions.Format {
        get { format.withLock { $0 } }
        set { format.withLock { $0 = newValue } }
    }

    private static let format = Mutex(LoggingOptions.Format.text)

    /// The run's error line; in JSON mode an `error` object with `exit_code` when it is known.
    static func error(_ message: String, exitCode: Int32? = nil) {
        switch logFormat {
        case .text:
            FileHandle.standardError.write(Data("hubsnap: error: \(message)\n".utf8))
        case .json:
            let fields: [String: Any] = exitCode.map { ["exit_code": Int($0)] } ?? [:]
            JSONLogHandler.write(
                JSONLogHandler.line(level: "error", label: "hubsnap", message: message, fields: fields))
        }
    }

    static func output(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// A remark that is not an error, on stderr.
    static func note(_ message: String) {
        switch logFormat {
        case .text:
            FileHandle.standardError.write(Data("hubsnap: note: \(message)\n".utf8))
        case .json:
            JSONLogHandler.write(JSONLogHandler.line(level: "notice", label: "hubsnap", message: message))
        }
    }

    static var standardOutputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// Colour only on a terminal, and never when `NO_COLOR` is set to anything but the empty string.
    static var colorAllowed: Bool {
        standardOutputIsTerminal && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
    }
}
