import Hummingbird
import Logging
import NIOCore

/// A fake Docker Hub: a Hummingbird server that serves a ``Dataset`` with Docker Hub's routes, auth, paging,
/// errors and rate-limit headers (see `docs/fakehub.md`).
///
/// ```swift
/// let hub = FakeHub(dataset: .demo)
/// try await hub.withRunning { running in
///     // talk to running.baseURL, then inspect await running.requests()
/// }
/// ```
package struct FakeHub: Sendable {
    package let dataset: Dataset
    package let options: FakeHubOptions
    private let index: DatasetIndex
    private let logger: Logger

    /// Creates a server for a dataset; nothing listens until ``withRunning(host:port:_:)`` or ``run(host:port:onStart:)``.
    ///
    /// - Parameters:
    ///   - dataset: what to serve.
    ///   - options: auth, rate-limit, route and fault variations.
    ///   - logger: receives one `debug` line per request; the default discards everything.
    package init(
        dataset: Dataset, options: FakeHubOptions = .init(),
        logger: Logger = Logger(label: "fakehub", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.dataset = dataset
        self.options = options
        self.index = DatasetIndex(dataset)
        self.logger = logger
    }

    /// Starts the server on `host:port`, runs `body` with the running server, then shuts the server down.
    ///
    /// Each call has its own state: issued tokens, rate-limit window and request log start empty.
    /// - Parameters:
    ///   - host: the address to bind, normally loopback.
    ///   - port: the port to bind; 0 picks a free one.
    ///   - body: what to do while the server listens.
    /// - Returns: what `body` returns.
    /// - Throws: ``FakeHubError/cannotListen(host:port:reason:)`` when the server cannot listen, and whatever
    ///   `body` throws.
    package func withRunning<T: Sendable>(
        host: String = "127.0.0.1", port: Int = 0, _ body: @Sendable (RunningFakeHub) async throws -> T
    ) async throws -> T {
        let state = HubState(options: options)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let application = makeApplication(host: host, port: port, state: state) { channel in
            continuation.yield(channel.localAddress?.port ?? port)
            continuation.finish()
        }
        let server = GracefulServer(application, logger: logger) { continuation.finish() }
        var iterator = ports.makeAsyncIterator()
        let listening = await withTaskCancellationHandler {
            await iterator.next()
        } onCancel: {
            continuation.finish()
        }
        guard let boundPort = listening else {
            // The server stopped (or we were cancelled) before it listened: report its error if it has one.
            await server.stop()
            do {
                try await server.wait()
            } catch {
                throw FakeHubError.cannotListen(host: host, port: port, reason: "\(error)")
            }
            try Task.checkCancellation()
            throw FakeHubError.cannotListen(host: host, port: port, reason: "the server stopped")
        }
        let running = RunningFakeHub(
            baseURL: "http://\(Self.urlHost(host)):\(boundPort)", port: boundPort, state: state)
        do {
            let result = try await body(running)
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }

    /// Serves until the task is cancelled, then shuts down gracefully (in-flight requests finish).
    ///
    /// - Parameters:
    ///   - host: the address to bind.
    ///   - port: the port to bind; 0 picks a free one.
    ///   - onStart: called once with the base URL (`http://host:port`) when the server listens.
    /// - Throws: ``FakeHubError/cannotListen(host:port:reason:)`` when the server cannot listen.
    package func run(host: String, port: Int, onStart: @escaping @Sendable (String) -> Void) async throws {
        let started = StartFlag()
        let application = makeApplication(host: host, port: port, state: HubState(options: options)) { channel in
            await started.set()
            onStart("http://\(Self.urlHost(host)):\(channel.localAddress?.port ?? port)")
        }
        do {
            try await GracefulServer(application, logger: logger).wait()
        } catch {
            guard await started.isSet else {
                throw FakeHubError.cannotListen(host: host, port: port, reason: "\(error)")
            }
            throw error
        }
    }

    private func makeApplication(
        host: String, port: Int, state: HubState, onServerRunning: @escaping @Sendable (any Channel) async -> Void
    ) -> some ApplicationProtocol {
        let router = Router(context: FakeHubRequestContext.self)
        router.add(middleware: FrontMiddleware(state: state, options: options, logger: logger))
        HubRoutes(index: index, state: state, options: options).register(on: router)
        return Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: onServerRunning,
            logger: logger
        )
    }

    /// IPv6 literals need brackets in a URL.
    private static func urlHost(_ host: String) -> String {
        host.contains(":") ? "[\(host)]" : host
    }
}

/// Remembers whether the server reached the listening state.
private actor StartFlag {
    private(set) var isSet = false

    func set() {
        isSet = true
    }
}
