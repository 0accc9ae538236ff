import Foundation

/// A JSON document built by hand, so that each payload states exactly which keys are `null` and which are absent.
///
/// Encoded with `JSONEncoder` with sorted keys (stable bytes for the same payload), which escapes quotes,
/// backslashes and control characters and keeps every other character (accents, CJK, emoji) as UTF-8. Routes build
/// their bodies with it, and ``FakeHubOptions/rewriteBody`` edits them with the helpers of `JSONValue+Editing.swift`.
package enum JSONValue: Sendable, Encodable {
    case null
    case bool(Bool)
    case int(Int)
    /// A number with a fraction; a non-finite one cannot be encoded.
    case double(Double)
    case string(String)
    case array([JSONValue])
    /// An object's fields in order; encoding sorts them by key, and a repeated key keeps its last value.
    case object([(key: String, value: JSONValue)])

    /// An object from key-value pairs; a `nil` value leaves its key out.
    package static func object(_ pairs: KeyValuePairs<String, JSONValue?>) -> JSONValue {
        .object(pairs.compactMap { pair in pair.value.map { (key: pair.key, value: $0) } })
    }

    /// `.string(value)`, or `.null` when the value is `nil`.
    package static func nullable(_ value: String?) -> JSONValue {
        value.map(JSONValue.string) ?? .null
    }

    /// A JSON array of strings.
    package static func strings(_ values: [String]) -> JSONValue {
        .array(values.map(JSONValue.string))
    }

    /// This object with more keys appended; any other value unchanged.
    package func appending(_ pairs: KeyValuePairs<String, JSONValue?>) -> JSONValue {
        guard case .object(let fields) = self, case .object(let more) = JSONValue.object(pairs) else {
            return self
        }
        return .object(fields + more)
    }

    /// Encodes the value; see ``encoded()`` for the bytes FakeHub sends.
    package func encode(to encoder: any Encoder) throws {
        switch self {
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        case .bool(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .int(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .double(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .string(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .array(let values):
            var container = encoder.unkeyedContainer()
            for value in values {
                try container.encode(value)
            }
        case .object(let fields):
            var container = encoder.container(keyedBy: Key.self)
            for field in fields {
                try container.encode(field.value, forKey: Key(field.key))
            }
        }
    }

    /// The UTF-8 bytes of this document, without escaping `/` so that URLs read naturally.
    ///
    /// - Throws: `EncodingError` for a non-finite ``double(_:)``.
    package func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }

        init(_ string: String) {
            stringValue = string
        }

        init?(stringValue: String) {
            self.stringValue = stringValue
        }

        init?(intValue: Int) {
            nil
        }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral
{
    /// `.string(value)`.
    package init(stringLiteral value: String) {
        self = .string(value)
    }

    /// `.int(value)`.
    package init(integerLiteral value: Int) {
        self = .int(value)
    }

    /// `.double(value)`.
    package init(floatLiteral value: Double) {
        self = .double(value)
    }

    /// `.bool(value)`.
    package init(booleanLiteral value: Bool) {
        self = .bool(value)
    }

    /// `.array(elements)`.
    package init(arrayLiteral elements: JSONValue...) {
        self = .array(elements)
    }
}

extension JSONValue: Equatable {
    /// Structural equality; object fields must match in order (unlike the encoded bytes, which sort them).
    package static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null):
            true
        case (.bool(let left), .bool(let right)):
            left == right
        case (.int(let left), .int(let right)):
            left == right
        case (.double(let left), .double(let right)):
            left == right
        case (.string(let left), .string(let right)):
            left == right
        case (.array(let left), .array(let right)):
            left == right
        case (.object(let left), .object(let right)):
            left.count == right.count
                && zip(left, right).allSatisfy { pair in pair.0.key == pair.1.key && pair.0.value == pair.1.value }
        default:
            false
        }
    }
}
