import Hummingbird
import Logging
import ServiceLifecycle

/// Runs a Hummingbird application in its own `ServiceGroup`, shielded from the caller's task cancellation, so that
/// the server always stops through a graceful shutdown.
///
/// Cancelling a Hummingbird server outright can drop connections it accepted but had not started handling yet, and
/// NIO traps on those ("Deinited NIOAsyncWriter without calling finish()") — likely when a client is still connecting
/// as the server stops. A graceful shutdown first closes the listening socket, then lets every accepted connection
/// finish, so ``stop()`` and cancelling ``wait()`` both go that way.
struct GracefulServer: Sendable {
    private let group: ServiceGroup
    private let serving: Task<Void, any Error>

    /// Starts serving at once.
    ///
    /// - Parameter onStop: called when the server has stopped, however it stopped (also when it never listened).
    init(_ application: some ApplicationProtocol, logger: Logger, onStop: @escaping @Sendable () -> Void = {}) {
        let group = ServiceGroup(configuration: .init(services: [application], logger: logger))
        self.group = group
        // Unstructured on purpose: a child task would inherit cancellation and skip the graceful path.
        serving = Task {
            defer { onStop() }
            try await group.run()
        }
    }

    /// Waits until the server stops; cancelling the waiting task shuts the server down gracefully.
    ///
    /// - Throws: what the server failed with (for example, the address is in use).
    func wait() async throws {
        let group = group
        try await withTaskCancellationHandler {
            try await serving.value
        } onCancel: {
            Task { await group.triggerGracefulShutdown() }
        }
    }

    /// Shuts the server down gracefully and waits until it has stopped.
    func stop() async {
        await group.triggerGracefulShutdown()
        _ = await serving.result
    }
}
