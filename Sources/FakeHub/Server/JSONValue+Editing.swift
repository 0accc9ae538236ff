/// Reading and editing documents, for ``FakeHubOptions/rewriteBody`` hooks and their tests.
///
/// ```swift
/// options.rewriteBody = { request, body in
///     body.setting("count", to: .int(Int.max)).mappingResults { $0.setting("name", to: .null) }
/// }
/// ```
extension JSONValue {
    /// The value of a key of an object (the last one when the key repeats), or `nil` when the key is missing or this
    /// is not an object.
    ///
    /// Setting a value replaces every field with that key by one in the first one's place, or appends it; setting
    /// `nil` removes the key. Setting on anything but an object does nothing.
    package subscript(key: String) -> JSONValue? {
        get {
            guard case .object(let fields) = self else {
                return nil
            }
            return fields.last { $0.key == key }?.value
        }
        set {
            guard case .object(var fields) = self else {
                return
            }
            let position = fields.firstIndex { $0.key == key }
            fields.removeAll { $0.key == key }
            if let newValue {
                fields.insert((key: key, value: newValue), at: min(position ?? fields.count, fields.count))
            }
            self = .object(fields)
        }
    }

    /// An element of an array, or `nil` when out of range or not an array.
    package subscript(index: Int) -> JSONValue? {
        guard case .array(let elements) = self, elements.indices.contains(index) else {
            return nil
        }
        return elements[index]
    }

    /// The string, or `nil` for any other value.
    package var string: String? {
        if case .string(let value) = self { value } else { nil }
    }

    /// The integer, or `nil` for any other value.
    package var int: Int? {
        if case .int(let value) = self { value } else { nil }
    }

    /// The Boolean, or `nil` for any other value.
    package var bool: Bool? {
        if case .bool(let value) = self { value } else { nil }
    }

    /// The elements, or `nil` for anything but an array.
    package var array: [JSONValue]? {
        if case .array(let elements) = self { elements } else { nil }
    }

    /// The keys of an object in field order; empty for anything else.
    package var keys: [String] {
        if case .object(let fields) = self { fields.map(\.key) } else { [] }
    }

    /// The `results` array of a page; empty when there is none.
    package var results: [JSONValue] {
        self["results"]?.array ?? []
    }

    /// This object with `key` set to `value` (see ``subscript(_:)``); anything else unchanged.
    package func setting(_ key: String, to value: JSONValue) -> JSONValue {
        var copy = self
        copy[key] = value
        return copy
    }

    /// This object without `key`; anything else unchanged.
    package func removing(_ key: String) -> JSONValue {
        var copy = self
        copy[key] = nil
        return copy
    }

    /// This page with each element of its `results` array transformed; unchanged when it has no `results` array.
    ///
    /// - Parameter transform: called once per element, in order.
    /// - Returns: the edited page.
    /// - Throws: what `transform` throws.
    package func mappingResults(_ transform: (JSONValue) throws -> JSONValue) rethrows -> JSONValue {
        guard let results = self["results"]?.array else {
            return self
        }
        return setting("results", to: .array(try results.map(transform)))
    }
}
