import Foundation

extension KeyedDecodingContainer {
    /// A string that decides access (a member's role, a grant's permission): present, not `null`, not empty.
    ///
    /// Such a field is never defaulted, since any default would guess at who may read what.
    ///
    /// - Throws: `DecodingError.keyNotFound`, `.valueNotFound` or `.dataCorrupted` (described as an empty value),
    ///   so the error names the field.
    func decodeAccessField(forKey key: Key) throws -> String {
        let value = try decode(String.self, forKey: key)
        guard !value.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: AccessField.emptyValue)
        }
        return value
    }
}

/// What the decoding error of an empty access field says, so that messages can word it.
enum AccessField {
    static let emptyValue = "empty value"
}
