import Hummingbird

/// Personal and organization access token inventories.
extension HubRoutes {
    /// `GET /v2/access-tokens`: the caller's own PATs, password sessions only; adds `active_count`.
    func personalAccessTokens(_ request: Request, _ context: FakeHubRequestContext) throws -> Response {
        let session = try requireUser(context, allowPersonalToken: false)
        let tokens = index.user(named: session.principal)?.personalAccessTokens ?? []
        let paginator = try Paginator(request: request)
        let active = tokens.filter(\.isActive).count
        let page = try paginator.page(
            of: tokens, extra: [(key: "active_count", value: .int(active))], render: Payload.personalAccessToken)
        return try reply(page, context)
    }

    /// `GET /v2/orgs/{org}/access-tokens`: owners only (password sessions); pages carry `total`, not `count`.
    func organizationAccessTokens(_ request: Request, _ context: FakeHubRequestContext) throws -> Response {
        let (entry, _) = try authorizeOrg(
            context, allowPersonalToken: false, organizationToken: .forbidden, ownerOnly: true)
        let paginator = try Paginator(request: request)
        let page = try paginator.page(of: entry.org.accessTokens, countKey: "total") { token in
            Payload.organizationAccessToken(token, withResources: false)
        }
        return try reply(page, context)
    }

    /// `GET /v2/orgs/{org}/access-tokens/{id}`: one OAT with its `resources`.
    func organizationAccessToken(_ context: FakeHubRequestContext) throws -> Response {
        let (entry, _) = try authorizeOrg(
            context, allowPersonalToken: false, organizationToken: .forbidden, ownerOnly: true)
        let id = parameter("id", context)
        guard let token = entry.org.accessTokens.first(where: { $0.id == id }) else {
            throw ErrorResponse.notFound
        }
        return try reply(Payload.organizationAccessToken(token, withResources: true), context)
    }
}
