import Hummingbird

/// The request context of FakeHub's router: the core storage plus the caller, resolved by ``FrontMiddleware``.
struct FakeHubRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    var authentication: Authentication = .anonymous

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }
}
