import Hummingbird

/// Repository lists (current and legacy) and per-repository team permissions.
extension HubRoutes {
    /// `GET /v2/namespaces/{ns}/repositories`: anonymous callers and OATs without `scope-repository-list` silently
    /// get public repositories only.
    func repositories(_ request: Request, _ context: FakeHubRequestContext) throws -> Response {
        let entry = try repositoryNamespace(context)
        let paginator = try Paginator(request: request)
        let visible = visibleRepositories(entry, context.authentication.session)
        let page = try paginator.page(of: visible) { Payload.repository($0, namespace: entry.org.name) }
        return try reply(page, context)
    }

    /// `GET /v2/repositories/{ns}/`: the deprecated list; same visibility, but OAT JWTs get 403.
    func legacyRepositories(_ request: Request, _ context: FakeHubRequestContext) throws -> Response {
        let session = context.authentication.session
        if session?.kind == .oat {
            throw ErrorResponse.organizationAccessTokenRestricted
        }
        let entry = try repositoryNamespace(context)
        let paginator = try Paginator(request: request)
        let visible = visibleRepositories(entry, session)
        let page = try paginator.page(of: visible) { repository in
            Payload.legacyRepository(
                repository, namespace: entry.org.name, canEdit: canEdit(repository, entry, session))
        }
        return try reply(page, context)
    }

    /// `GET /v2/repositories/{ns}/{repo}/groups`: owners and editors (a PAT also needs `repo:admin`), or an OAT
    /// with `scope-repo-group-read`.
    func repositoryGroups(_ request: Request, _ context: FakeHubRequestContext) throws -> Response {
        let session = try requireSession(context)
        guard let entry = index.org(named: parameter("namespace", context)),
            let repository = entry.repositories[parameter("repository", context)]
        else {
            throw ErrorResponse.notFound
        }
        let allowed: Bool =
            switch session.kind {
            case .password: entry.isElevated(session.principal)
            case .pat: session.personalScopes.contains("repo:admin") && entry.isElevated(session.principal)
            case .oat:
                session.principal == entry.org.name && session.organizationTokenHas(scope: "scope-repo-group-read")
            }
        guard allowed else {
            throw ErrorResponse.permissionDenied
        }
        let paginator = try Paginator(request: request)
        let page = try paginator.page(of: repository.teamPermissions) { permission in
            Payload.repositoryGroup(team: entry.teams[permission.team], permission: permission)
        }
        return try reply(page, context)
    }

    // MARK: - Visibility

    /// The namespace's org; a rejected bearer is a 401 even though anonymous callers are allowed.
    private func repositoryNamespace(_ context: FakeHubRequestContext) throws -> DatasetIndex.OrgEntry {
        if case .rejected(let detail) = context.authentication {
            throw ErrorResponse.unauthorized(detail)
        }
        guard let entry = index.org(named: parameter("namespace", context)) else {
            throw ErrorResponse.notFound
        }
        return entry
    }

    /// Owners and editors see everything; members see public repositories plus those one of their teams has a
    /// permission on; a `repo:public_read` PAT, an OAT without `scope-repository-list`, outsiders and anonymous
    /// callers see public repositories only.
    func visibleRepositories(_ entry: DatasetIndex.OrgEntry, _ session: Session?) -> [Dataset.Repository] {
        let all = entry.org.repositories
        let publicOnly = all.filter { !$0.isPrivate }
        guard let session else {
            return publicOnly
        }
        switch session.kind {
        case .oat:
            let listsAll =
                session.principal == entry.org.name && session.organizationTokenHas(scope: "scope-repository-list")
            return listsAll ? all : publicOnly
        case .pat where !session.personalTokenReadsPrivate:
            return publicOnly
        case .password, .pat:
            guard entry.role(of: session.principal) != nil else {
                return publicOnly
            }
            if entry.isElevated(session.principal) {
                return all
            }
            let teams = Set(entry.teamsOfMember[session.principal] ?? [])
            return all.filter { repository in
                !repository.isPrivate || repository.teamPermissions.contains { teams.contains($0.team) }
            }
        }
    }

    /// The legacy `can_edit` flag: owners, editors and members of a team with `write` or `admin`.
    private func canEdit(_ repository: Dataset.Repository, _ entry: DatasetIndex.OrgEntry, _ session: Session?) -> Bool
    {
        guard let session, session.kind != .oat else {
            return false
        }
        if entry.isElevated(session.principal) {
            return true
        }
        let teams = Set(entry.teamsOfMember[session.principal] ?? [])
        return repository.teamPermissions.contains { teams.contains($0.team) && $0.permission != "read" }
    }
}
