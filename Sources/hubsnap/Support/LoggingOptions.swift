import ArgumentParser
import Foundation
import Logging

/// `--log-level` and `--log-format`: logs go to stderr, as text for people or as JSON lines for machines.
struct LoggingOptions: ParsableArguments {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(help: "Log level: trace, debug, info, notice, warning, error or critical.")
    var logLevel: Logger.Level = .notice

    @Option(help: "Log format on stderr: text, or json (one object per line).")
    var logFormat: Format = .text

    /// Runs when the command line is parsed: from then on every stderr line of the run (the final error line
    /// and notes too) is written in this format.
    func validate() throws {
        Terminal.logFormat = logFormat
    }

    /// The format named on a command line that did not parse (so that even its usage error is a JSON line when
    /// `--log-format json` was asked for).
    static func format(in arguments: [String]) -> Format {
        var format = Format.text
        for (index, argument) in arguments.enumerated() {
            if argument == "--log-format", index + 1 < arguments.count {
                format = Format(rawValue: arguments[index + 1]) ?? format
            } else if argument.hasPrefix("--log-format=") {
                format = Format(rawValue: String(argument.dropFirst("--log-format=".count))) ?? format
            }
        }
        return format
    }

    /// Bootstraps swift-log once for this process and returns the root logger.
    func makeLogger() -> Logger {
        let format = logFormat
        LoggingSystem.bootstrap { label in
            switch format {
            case .text: StreamLogHandler.standardError(label: label)
            case .json: JSONLogHandler(label: label)
            }
        }
        var logger = Logger(label: "hubsnap")
        logger.logLevel = logLevel
        return logger
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
