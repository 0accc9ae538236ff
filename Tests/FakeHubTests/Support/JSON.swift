/// A decoded JSON document for assertions: `json["results"]?[0]?["name"]?.string`.
enum JSON: Decodable, Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSON])
    case object([String: JSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSON].self))
        }
    }

    subscript(key: String) -> JSON? {
        if case .object(let fields) = self { fields[key] } else { nil }
    }

    subscript(index: Int) -> JSON? {
        if case .array(let items) = self, items.indices.contains(index) { items[index] } else { nil }
    }

    var string: String? {
        if case .string(let value) = self { value } else { nil }
    }

    var int: Int? {
        if case .int(let value) = self { value } else { nil }
    }

    var bool: Bool? {
        if case .bool(let value) = self { value } else { nil }
    }

    var array: [JSON]? {
        if case .array(let items) = self { items } else { nil }
    }

    var keys: Set<String> {
        if case .object(let fields) = self { Set(fields.keys) } else { [] }
    }

    var isNull: Bool { self == .null }

    /// The `results` array of a page, or an empty array.
    var results: [JSON] { self["results"]?.array ?? [] }

    /// The given string field of every result of a page.
    func resultStrings(_ key: String) -> [String] {
        results.compactMap { $0[key]?.string }
    }
}
