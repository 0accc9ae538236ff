/// Teams, repositories, invites and organization access tokens of a generated org.
extension DatasetGenerator {
    /// `owners` (the Owners), an empty team, then named teams with sampled members.
    mutating func makeTeams(_ orgIndex: Int, members: [Dataset.Member]) -> [Dataset.Team] {
        var teams: [Dataset.Team] = []
        for position in 0..<sizes.teamsPerOrg {
            nextTeamID += 1 + rng.int(below: 3)
            switch position {
            case 0:
                let owners = members.filter { $0.role == "Owner" }.map(\.username)
                teams.append(
                    Dataset.Team(
                        id: nextTeamID, uuid: rng.dashedUUID(), name: "owners", description: "", role: "owner",
                        members: owners))
            case 1:
                teams.append(
                    Dataset.Team(
                        id: nextTeamID, uuid: rng.dashedUUID(), name: "alumni",
                        description: "Former staff — nobody left here", role: nil, members: []))
            default:
                let named = position - 2
                let base = Vocabulary.teams[named % Vocabulary.teams.count]
                let round = named / Vocabulary.teams.count
                let descriptions = Vocabulary.teamDescriptions
                let description: String? =
                    named > 0 && rng.chance(15) ? nil : descriptions[(named + orgIndex) % descriptions.count]
                let size = max(1, min(members.count / 2, 2 * members.count / max(1, sizes.teamsPerOrg - 2)))
                let chosen = rng.sample(size, of: members.count).map { members[$0].username }
                let role: String? = rng.chance(30) ? rng.pick(["member", "editor", "member", "auditor"]) : nil
                teams.append(
                    Dataset.Team(
                        id: nextTeamID, uuid: rng.dashedUUID(), name: round == 0 ? base : "\(base)-\(round + 1)",
                        description: description, role: role, members: chosen))
            }
        }
        return teams
    }

    /// Repositories; the first ones pin edge content (a description with `,` `"` and a newline, an emoji one,
    /// one without description and team permissions, one without repository type).
    mutating func makeRepositories(teams: [Dataset.Team]) -> [Dataset.Repository] {
        let candidates = Array(teams.dropFirst())
        return (0..<sizes.reposPerOrg).map { position in
            let base = Vocabulary.repositories[position % Vocabulary.repositories.count]
            let round = position / Vocabulary.repositories.count
            let description: String? =
                switch position {
                case 0: Vocabulary.repositoryDescriptions[1]
                case 1: Vocabulary.repositoryDescriptions[2]
                case 2: nil
                default: rng.chance(15) ? nil : rng.pick(Vocabulary.repositoryDescriptions)
                }
            var permissions: [Dataset.TeamPermission] = []
            if position != 2, !candidates.isEmpty, position == 0 || rng.chance(80) {
                let count = 1 + rng.int(below: max(1, min(sizes.maxTeamsPerRepo, candidates.count)))
                permissions = rng.sample(count, of: candidates.count).map { index in
                    Dataset.TeamPermission(
                        team: candidates[index].name, permission: rng.pick(["read", "write", "admin"]))
                }
            }
            let inactive = position > 3 && rng.chance(5)
            let registered = Timestamp.random(&rng, to: Self.recent, micros: position % 2 == 0)
            return Dataset.Repository(
                name: round == 0 ? base : "\(base)-\(round + 1)",
                isPrivate: position == 0 || (position != 1 && rng.chance(60)),
                status: inactive ? 0 : 1, statusDescription: inactive ? "inactive" : "active",
                description: description,
                repositoryType: position == 3 ? nil : (rng.chance(90) ? "image" : "plugin"),
                dateRegistered: registered,
                lastUpdated: position == 2 || rng.chance(15) ? nil : Timestamp.random(&rng, from: Self.recent),
                teamPermissions: permissions
            )
        }
    }

    /// Invites alternating by email and by Docker ID, some with a team, some without a role.
    mutating func makeInvites(org: String, teams: [Dataset.Team]) -> [Dataset.Invite] {
        let teamNames = teams.dropFirst().map(\.name)
        return (0..<sizes.invitesPerOrg).map { position in
            let invitee =
                position % 2 == 0
                ? "newhire\(position)@\(org).example" : "\(rng.pick(Vocabulary.firstNames).handle)invitee\(position)"
            return Dataset.Invite(
                id: rng.dashedUUID(), invitee: invitee,
                role: position % 4 == 1 ? nil : rng.pick(["member", "member", "editor", "owner"]),
                team: position % 3 == 0 || teamNames.isEmpty ? nil : rng.pick(teamNames),
                inviter: DemoCredentials.username,
                createdAt: Timestamp.random(&rng, from: Self.recent, micros: position % 2 == 1)
            )
        }
    }

    /// The active all-read OAT of every org, plus an inactive one in every other org.
    mutating func makeOrganizationTokens(_ orgIndex: Int, org: String) -> [Dataset.OrgAccessToken] {
        var tokens = [
            Dataset.OrgAccessToken(
                id: rng.dashedUUID(), label: "hubsnap-reader", secret: DemoCredentials.oatSecret(org: org),
                createdBy: DemoCredentials.username,
                createdAt: Timestamp.random(&rng, from: Self.recent, micros: false),
                lastUsedAt: Timestamp.random(&rng, from: Self.recent),
                resources: [
                    Dataset.OrgAccessToken.Resource(
                        type: "TYPE_ORG", path: org,
                        scopes: ["scope-member-read", "scope-invite-read", "scope-group-read", "scope-repository-list"]
                    ),
                    Dataset.OrgAccessToken.Resource(
                        type: "TYPE_REPO", path: "\(org)/*", scopes: ["scope-repository-read", "scope-repo-group-read"]),
                ])
        ]
        if orgIndex % 2 == 0 {
            tokens.append(
                Dataset.OrgAccessToken(
                    id: rng.dashedUUID(), label: "legacy ci", secret: DemoCredentials.inactiveOatSecret(org: org),
                    createdBy: DemoCredentials.username, isActive: false,
                    createdAt: Timestamp.random(&rng, micros: true),
                    expiresAt: Timestamp.random(&rng, from: Self.recent, micros: false),
                    resources: [
                        Dataset.OrgAccessToken.Resource(
                            type: "TYPE_REPO", path: "*/*/public", scopes: ["scope-image-pull"])
                    ]))
        }
        return tokens
    }
}
