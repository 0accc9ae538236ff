import FakeHub
import Foundation
import TestSupport

/// Shared set-up of the tests that drive the built `hubsnap` binary.
enum CLIHarness {
    static let password = [
        "DOCKERHUB_USERNAME": DemoCredentials.username, "DOCKERHUB_PASSWORD": DemoCredentials.password,
    ]
    static let pat = ["DOCKERHUB_USERNAME": DemoCredentials.username, "DOCKERHUB_TOKEN": DemoCredentials.patSecret]

    static func oat(_ org: String) -> [String: String] {
        ["DOCKERHUB_TOKEN": DemoCredentials.oatSecret(org: org)]
    }

    /// Starts FakeHub with `dataset` for the duration of `body`.
    static func withHub<T: Sendable>(
        _ dataset: Dataset,
        options: FakeHubOptions = FakeHubOptions(rateLimit: 1_000_000),
        _ body: @Sendable (RunningFakeHub) async throws -> T
    ) async throws -> T {
        try await FakeHub(dataset: dataset, options: options).withRunning(body)
    }

    /// Every secret a dataset holds: none may appear in output, logs or snapshots.
    static func secrets(of dataset: Dataset) -> [String] {
        dataset.users.flatMap { user in [user.password].compactMap { $0 } + user.personalAccessTokens.map(\.secret) }
            + dataset.orgs.flatMap { $0.accessTokens.map(\.secret) }
    }
}
