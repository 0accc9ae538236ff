import Hummingbird
import NIOCore

/// The request context of FakeHub's router: the core storage, the connection, plus what ``FrontMiddleware``
/// resolved (the caller and the attempt).
struct FakeHubRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The connection the request came on; closed to inject a dropped connection.
    let channel: any Channel
    var authentication: Authentication = .anonymous
    /// The request and its attempt number; set by ``FrontMiddleware`` before any route runs.
    var attempt: RequestAttempt?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}
