import FakeHub
import Foundation
import Testing

@Suite struct LifecycleTests {
    @Test func runServesUntilCancelledThenStops() async throws {
        let hub = FakeHub(dataset: Fixture.edgeCases)
        let (urls, continuation) = AsyncStream.makeStream(of: String.self)
        let status = try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await hub.run(host: "127.0.0.1", port: 0) { continuation.yield($0) }
            }
            var iterator = urls.makeAsyncIterator()
            let baseURL = try #require(await iterator.next())
            let status = try await HubSession.status(url: baseURL + "/v2/orgs/northwind")
            group.cancelAll()
            try await group.waitForAll()
            return status
        }
        #expect(status == 401)
    }

    @Test func aTakenPortIsReportedAsCannotListen() async throws {
        _ = try await FakeHub(dataset: Fixture.edgeCases).withRunning { running in
            await #expect {
                try await FakeHub(dataset: Fixture.edgeCases).withRunning(port: running.port) { _ in }
            } throws: { error in
                if case .cannotListen(_, let port, _) = error as? FakeHubError { port == running.port } else { false }
            }
        }
    }
}
