import Foundation
import Hummingbird
import NIOCore

/// FakeHub's endpoints: one method per Docker Hub route, registered on a Hummingbird router.
struct HubRoutes: Sendable {
    /// What an organization access token needs to call an org route.
    enum OrganizationTokenRule {
        /// The route rejects OAT JWTs with the OAT restriction message.
        case forbidden
        /// Any OAT of the org itself may call it.
        case ownOrg
        /// An OAT of the org itself with this scope may call it.
        case scope(String)
    }

    let index: DatasetIndex
    let state: HubState
    let options: FakeHubOptions

    /// Adds every route to the router.
    func register(on router: Router<FakeHubRequestContext>) {
        router.post("/v2/auth/token") { request, context in try await self.createAccessToken(request, context) }
        router.post("/v2/users/login") { request, context in try await self.login(request, context) }
        router.post("/v2/users/2fa-login") { request, context in try await self.secondFactorLogin(request, context) }

        router.get("/v2/user") { _, context in try self.currentUser(context) }
        router.get("/v2/user/orgs") { request, context in try self.userOrganizations(request, context) }
        router.get("/v2/orgs/:org") { _, context in try self.organization(context) }
        router.get("/v2/orgs/:org/members") { request, context in try self.members(request, context) }
        router.get("/v2/orgs/:org/groups") { request, context in try self.teams(request, context) }
        router.get("/v2/orgs/:org/groups/:team") { _, context in try self.team(context) }
        router.get("/v2/orgs/:org/groups/:team/members") { request, context in
            try self.teamMembers(request, context)
        }
        router.get("/v2/orgs/:org/invites") { _, context in try self.invites(context) }
        router.get("/v2/orgs/:org/access-tokens") { request, context in
            try self.organizationAccessTokens(request, context)
        }
        router.get("/v2/orgs/:org/access-tokens/:id") { _, context in try self.organizationAccessToken(context) }

        if !options.legacyRepositoryRouteOnly {
            router.get("/v2/namespaces/:namespace/repositories") { request, context in
                try self.repositories(request, context)
            }
        }
        router.get("/v2/repositories/:namespace") { request, context in try self.legacyRepositories(request, context) }
        router.get("/v2/repositories/:namespace/:repository/groups") { request, context in
            try self.repositoryGroups(request, context)
        }
        router.get("/v2/access-tokens") { request, context in try self.personalAccessTokens(request, context) }
    }

    // MARK: - Helpers shared by the routes

    /// A 200 response with a route's success body, after ``FakeHubOptions/rewriteBody`` had its say.
    ///
    /// Every success body goes through here, so the hook sees all of them; error bodies do not.
    func reply(_ body: JSONValue, _ context: FakeHubRequestContext) throws -> Response {
        guard let rewrite = options.rewriteBody, let attempt = context.attempt else {
            return try Self.json(body)
        }
        return try Self.json(rewrite(attempt, body))
    }

    /// A JSON response with `Content-Type` and `Content-Length`, for error bodies and ``reply(_:_:)``.
    static func json(_ body: JSONValue, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try body.encoded()
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[.contentLength] = String(data.count)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A path parameter, percent-decoded.
    func parameter(_ name: String, _ context: FakeHubRequestContext) -> String {
        let raw = context.parameters.get(name) ?? ""
        return raw.removingPercentEncoding ?? raw
    }

    /// The caller's session.
    ///
    /// - Throws: 401 when the request has no bearer or its bearer is unknown or expired.
    func requireSession(_ context: FakeHubRequestContext) throws -> Session {
        switch context.authentication {
        case .valid(let session):
            return session
        case .rejected(let detail):
            throw ErrorResponse.unauthorized(detail)
        case .anonymous:
            throw ErrorResponse.unauthorized("Authentication credentials were not provided.")
        }
    }

    /// The caller's session, which must speak for a user (not an org).
    ///
    /// - Throws: 401 without a valid bearer; 403 for an OAT JWT, or for a PAT JWT unless `allowPersonalToken`.
    func requireUser(_ context: FakeHubRequestContext, allowPersonalToken: Bool) throws -> Session {
        let session = try requireSession(context)
        switch session.kind {
        case .password:
            break
        case .pat:
            guard allowPersonalToken else {
                throw ErrorResponse.personalAccessTokenRestricted
            }
        case .oat:
            throw ErrorResponse.organizationAccessTokenRestricted
        }
        return session
    }

    /// Checks who may call an org route, in Docker Hub's order: credential kind, org existence, role or scope.
    ///
    /// - Parameters:
    ///   - allowPersonalToken: whether a PAT JWT may call the route (as its user).
    ///   - organizationToken: what an OAT JWT needs.
    ///   - ownerOnly: whether a user must be an Owner rather than any member.
    /// - Returns: the org and the caller's session.
    func authorizeOrg(
        _ context: FakeHubRequestContext, allowPersonalToken: Bool, organizationToken: OrganizationTokenRule,
        ownerOnly: Bool = false
    ) throws -> (DatasetIndex.OrgEntry, Session) {
        let session = try requireSession(context)
        if session.kind == .pat && !allowPersonalToken {
            throw ErrorResponse.personalAccessTokenRestricted
        }
        if session.kind == .oat, case .forbidden = organizationToken {
            throw ErrorResponse.organizationAccessTokenRestricted
        }
        guard let entry = index.org(named: parameter("org", context)) else {
            throw ErrorResponse.noSuchOrganization
        }
        switch session.kind {
        case .password, .pat:
            guard let role = entry.role(of: session.principal), !ownerOnly || role == "owner" else {
                throw ErrorResponse.permissionDenied
            }
        case .oat:
            guard session.principal == entry.org.name else {
                throw ErrorResponse.permissionDenied
            }
            if case .scope(let scope) = organizationToken, !session.organizationTokenHas(scope: scope) {
                throw ErrorResponse.permissionDenied
            }
        }
        return (entry, session)
    }
}
