import Foundation
import Logging
import Synchronization

/// One JSON object per line on stderr: `ts`, `level`, `label`, `message`, then the metadata keys.
///
/// Metadata given as `.stringConvertible` of a number or a Bool is written as a JSON number or Bool; everything
/// else as a string. ``Terminal`` writes its error and note lines through ``line(level:label:message:fields:)``
/// too, so that in JSON mode every stderr line is one object.
struct JSONLogHandler: LogHandler {
    private static let stderrLock = Mutex(())

    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    init(label: String) {
        self.label = label
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var fields: [String: Any] = [:]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) {
            fields[key] = Self.json(value)
        }
        Self.write(Self.line(level: event.level.rawValue, label: label, message: "\(event.message)", fields: fields))
    }

    /// One log line as JSON, ending in a newline.
    static func line(level: String, label: String, message: String, fields: [String: Any] = [:]) -> Data {
        var object = fields
        object["ts"] = ISO8601DateFormatter().string(from: Date())
        object["level"] = level
        object["label"] = label
        object["message"] = message
        guard
            var data = try? JSONSerialization.data(
                withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return Data() }
        data.append(0x0A)
        return data
    }

    static func write(_ data: Data) {
        stderrLock.withLock { _ in
            FileHandle.standardError.write(data)
        }
    }

    /// A metadata value as a JSON value: numbers and Bools as themselves, lists and dictionaries nested.
    private static func json(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let string): string
        case .stringConvertible(let value):
            switch value {
            case let bool as Bool: bool
            case let number as any BinaryInteger: NSNumber(value: Int64(number))
            case let number as Double: number.isFinite ? number : "\(number)"
            default: value.description
            }
        case .array(let values): values.map(json)
        case .dictionary(let values): values.mapValues(json)
        }
    }
}
