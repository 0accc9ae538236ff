import Hummingbird

/// Members, teams, team members and invites of an org.
extension HubRoutes {
    /// `GET /v2/orgs/{org}/members`: any member, or an OAT with `scope-member-read`.
    func members(_ request: Request, _ context: FakeHubRequestContext) throws -> Response {
        let (entry, _) = try authorizeOrg(
            context, allowPersonalToken: false, organizationToken: .scope("scope-member-read"))
        let paginator = try Paginator(request: request)
        let page = try paginator.page(of: entry.org.members) { member in
            Payload.member(
                member, user: index.user(named: member.username),
                groups: entry.teamsOfMember[member.username] ?? [])
        }
        return try reply(page, context)
    }

    /// `GET /v2/orgs/{org}/groups`: any member, or an OAT with `scope-group-read`.
    func teams(_ request: Request, _ context: FakeHubRequestContext) throws -> Response {
        let (entry, _) = try authorizeOrg(
            context, allowPersonalToken: false, organizationToken: .scope("scope-group-read"))
        let paginator = try Paginator(request: request)
        return try reply(try paginator.page(of: entry.org.teams, render: Payload.team), context)
    }

    /// `GET /v2/orgs/{org}/groups/{team}`: one team, same access as the list.
    func team(_ context: FakeHubRequestContext) throws -> Response {
        let (entry, _) = try authorizeOrg(
            context, allowPersonalToken: false, organizationToken: .scope("scope-group-read"))
        guard let team = entry.teams[parameter("team", context)] else {
            throw ErrorResponse.notFound
        }
        return try reply(Payload.team(team), context)
    }

    /// `GET /v2/orgs/{org}/groups/{team}/members`: emails only for owners, editors and OATs.
    func teamMembers(_ request: Request, _ context: FakeHubRequestContext) throws -> Response {
        let (entry, session) = try authorizeOrg(
            context, allowPersonalToken: false, organizationToken: .scope("scope-group-read"))
        guard let team = entry.teams[parameter("team", context)] else {
            throw ErrorResponse.notFound
        }
        let showEmail = session.kind == .oat || entry.isElevated(session.principal)
        let paginator = try Paginator(request: request)
        let page = try paginator.page(of: team.members) { username in
            Payload.teamMember(index.user(named: username), username: username, showEmail: showEmail)
        }
        return try reply(page, context)
    }

    /// `GET /v2/orgs/{org}/invites`: owners only, or an OAT with `scope-invite-read`; `{"data": [...]}`, unpaged.
    func invites(_ context: FakeHubRequestContext) throws -> Response {
        let (entry, _) = try authorizeOrg(
            context, allowPersonalToken: false, organizationToken: .scope("scope-invite-read"), ownerOnly: true)
        let invites = entry.org.invites.map { Payload.invite($0, org: entry.org.name) }
        return try reply(.object(["data": .array(invites)]), context)
    }
}
