import Foundation

/// Errors of the FakeHub module itself (not the HTTP errors it serves).
package enum FakeHubError: LocalizedError, Equatable, Sendable {
    /// The server stopped before it started listening, typically because the port is taken.
    case cannotListen(host: String, port: Int, reason: String)
    /// A dataset file could not be read or decoded.
    case invalidDataset(path: String, reason: String)

    package var errorDescription: String? {
        switch self {
        case .cannotListen(let host, let port, let reason):
            "fakehub cannot listen on \(host):\(port) (\(reason)); choose another port, or 0 for any free one"
        case .invalidDataset(let path, let reason):
            "dataset '\(path)' is not valid: \(reason); check it against Fixtures/README.md"
        }
    }
}
