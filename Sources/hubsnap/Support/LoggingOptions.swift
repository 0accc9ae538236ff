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
