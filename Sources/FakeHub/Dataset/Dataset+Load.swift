import Foundation

extension Dataset {
    /// Reads a dataset from a JSON file with snake_case keys (the format of `Fixtures/*/dataset.json`).
    ///
    /// - Parameter url: a file URL.
    /// - Returns: the decoded dataset.
    /// - Throws: ``FakeHubError/invalidDataset(path:reason:)`` when the file cannot be read or decoded.
    package static func load(contentsOf url: URL) throws -> Dataset {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw FakeHubError.invalidDataset(path: url.path, reason: "cannot be read (\(error.localizedDescription))")
        }
        do {
            return try decode(data)
        } catch {
            throw FakeHubError.invalidDataset(path: url.path, reason: Self.describe(error))
        }
    }

    /// Decodes a dataset from JSON with snake_case keys.
    ///
    /// - Throws: `DecodingError` when the JSON does not match the model.
    package static func decode(_ data: Data) throws -> Dataset {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(Dataset.self, from: data)
    }

    /// This dataset as pretty-printed JSON with snake_case and sorted keys, loadable by ``load(contentsOf:)``.
    ///
    /// - Throws: `EncodingError` (not expected for a dataset).
    package func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// A decoding error as "coding path: problem".
    private static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else {
            return error.localizedDescription
        }
        let (path, message): ([any CodingKey], String) =
            switch error {
            case .keyNotFound(let key, let context): (context.codingPath + [key], "missing key")
            case .valueNotFound(_, let context): (context.codingPath, context.debugDescription)
            case .typeMismatch(_, let context): (context.codingPath, context.debugDescription)
            case .dataCorrupted(let context): (context.codingPath, context.debugDescription)
            @unknown default: ([], error.localizedDescription)
            }
        let location = path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return "\(location.isEmpty ? "(root)" : location): \(message)"
    }
}
