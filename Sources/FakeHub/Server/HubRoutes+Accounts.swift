import Hummingbird

/// `GET /v2/user`, `GET /v2/user/orgs` and `GET /v2/orgs/{org}`.
extension HubRoutes {
    /// The caller's own profile; users only.
    func currentUser(_ context: FakeHubRequestContext) throws -> Response {
        let session = try requireUser(context, allowPersonalToken: true)
        guard let user = index.user(named: session.principal) else {
            throw ErrorResponse.notFound
        }
        return try reply(Payload.currentUser(user), context)
    }

    /// The orgs the caller is a member of, paged; users only.
    func userOrganizations(_ request: Request, _ context: FakeHubRequestContext) throws -> Response {
        let session = try requireUser(context, allowPersonalToken: true)
        let paginator = try Paginator(request: request)
        let orgs = (index.orgsOfUser[session.principal] ?? []).compactMap { index.org(named: $0)?.org }
        return try reply(try paginator.page(of: orgs, render: Payload.org), context)
    }

    /// One org: members see it, an OAT sees its own org, anyone else gets 403 (404 when it does not exist).
    /// With ``FakeHubOptions/publicOrganizationProfiles`` any valid bearer sees any org.
    func organization(_ context: FakeHubRequestContext) throws -> Response {
        if options.publicOrganizationProfiles {
            _ = try requireSession(context)
            guard let entry = index.org(named: parameter("org", context)) else {
                throw ErrorResponse.noSuchOrganization
            }
            return try reply(Payload.org(entry.org), context)
        }
        let (entry, _) = try authorizeOrg(context, allowPersonalToken: true, organizationToken: .ownOrg)
        return try reply(Payload.org(entry.org), context)
    }
}
