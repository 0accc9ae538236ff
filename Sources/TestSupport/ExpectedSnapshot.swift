import FakeHub

/// What a snapshot of a ``Dataset`` must hold, derived straight from the dataset: the test oracle for syncs.
///
/// Rows are arrays of optional strings in the schema's column order (booleans `"0"`/`"1"`, integers as
/// decimal text), the same shape ``SnapshotDump`` reads from a file, so the two compare with `==`.
package struct ExpectedSnapshot: Sendable {
    /// The parts of an organization a credential reads.
    package struct Access: Sendable {
        package var members = true
        package var teams = true
        package var invites = true
        package var organizationTokens = true
        package var repositoryPermissions = true
        package var personalTokens = true
        /// Only public repositories are listed (an OAT without `scope-repository-list`, a `repo:public_read` PAT).
        package var publicRepositoriesOnly = false
        /// A plain member's view: public repositories plus those one of this user's teams has a permission on.
        package var repositoriesOfMember: String?

        package init() {}

        /// A password session of an owner: everything.
        package static let owner = Access()

        /// A PAT with `repo:admin` of an owner: repositories and their team permissions only.
        package static let adminPAT: Access = {
            var access = Access()
            access.members = false
            access.teams = false
            access.invites = false
            access.organizationTokens = false
            access.personalTokens = false
            return access
        }()

        /// An OAT with every read scope: all of its org but token lists.
        package static let readAllOAT: Access = {
            var access = Access()
            access.organizationTokens = false
            access.personalTokens = false
            return access
        }()
    }

    package typealias Rows = [[String?]]

    /// Rows per table name.
    package var tables: [String: Rows]

    /// - Parameters:
    ///   - orgs: the org names synced.
    ///   - principal: the username whose personal tokens are listed.
    package init(dataset: Dataset, orgs: [String], principal: String, access: Access) {
        var tables: [String: Rows] = [:]
        let users = Dictionary(dataset.users.map { ($0.username, $0) }, uniquingKeysWith: { first, _ in first })
        var accounts: [String: [String?]] = [:]
        for org in dataset.orgs where orgs.contains(org.name) {
            tables["organizations", default: []].append(
                [org.name, org.id, org.fullName, org.company, org.location, Self.utc(org.dateJoined)])
            if access.members {
                for member in org.members {
                    let user = users[member.username]
                    accounts[member.username] = [member.username, user?.id, user?.fullName, user?.email, "User"]
                    tables["org_members", default: []].append([
                        org.name, member.username, member.role.lowercased(), member.isGuest ? "1" : "0",
                        Self.utc(user?.dateJoined), Self.utc(member.lastLoggedInAt),
                    ])
                }
            }
            if access.teams {
                for team in org.teams {
                    tables["teams", default: []].append([
                        org.name, team.name, String(team.id), team.uuid, team.description, String(team.members.count),
                        team.role?.lowercased(),
                    ])
                    if access.members {
                        for username in team.members {
                            tables["team_members", default: []].append([org.name, team.name, username])
                        }
                    }
                }
            }
            let teamsOfMember = Set(
                org.teams.filter { team in access.repositoriesOfMember.map { team.members.contains($0) } ?? false }
                    .map(\.name))
            for repository in org.repositories {
                if repository.isPrivate && access.publicRepositoriesOnly { continue }
                if repository.isPrivate, access.repositoriesOfMember != nil,
                    !repository.teamPermissions.contains(where: { teamsOfMember.contains($0.team) })
                {
                    continue
                }
                tables["repositories", default: []].append([
                    org.name, repository.name, repository.isPrivate ? "1" : "0", repository.statusDescription,
                    repository.description, repository.repositoryType, Self.utc(repository.dateRegistered),
                    Self.utc(repository.lastUpdated),
                ])
                if access.repositoryPermissions {
                    for grant in repository.teamPermissions {
                        tables["repository_permissions", default: []].append(
                            [org.name, repository.name, grant.team, grant.permission])
                    }
                }
            }
            if access.invites {
                for invite in org.invites {
                    tables["invites", default: []].append([
                        org.name, invite.id, invite.invitee, invite.role?.lowercased(), invite.team, invite.inviter,
                        Self.utc(invite.createdAt),
                    ])
                }
            }
            if access.organizationTokens {
                for token in org.accessTokens {
                    let scopes = token.resources.flatMap { resource in resource.scopes.map { "\(resource.path):\($0)" }
                    }
                    tables["access_tokens", default: []].append([
                        "organization", token.id, org.name, token.createdBy, token.label,
                        Self.jsonArray(scopes.sorted()),
                        token.isActive ? "1" : "0", Self.utc(token.createdAt), Self.utc(token.lastUsedAt),
                        Self.utc(token.expiresAt),
                    ])
                }
            }
        }
        if access.personalTokens, let user = users[principal] {
            for token in user.personalAccessTokens {
                tables["access_tokens", default: []].append([
                    "personal", token.uuid, nil, principal, token.label, Self.jsonArray(token.scopes),
                    token.isActive ? "1" : "0", Self.utc(token.createdAt), Self.utc(token.lastUsed),
                    Self.utc(token.expiresAt),
                ])
            }
        }
        tables["accounts"] = Array(accounts.values)
        for table in SnapshotDump.dataTables {
            tables[table] = (tables[table] ?? []).sorted(by: SnapshotDump.rowOrder)
        }
        self.tables = tables
    }

    /// `2021-01-05T21:06:53.506400Z` → `2021-01-05T21:06:53Z`. Datasets write UTC with `Z`.
    static func utc(_ text: String?) -> String? {
        guard let text else { return nil }
        return String(text.prefix(19)) + "Z"
    }

    /// A compact JSON array of plain strings (datasets hold no characters that need escaping in scopes).
    static func jsonArray(_ strings: [String]) -> String {
        "[" + strings.map { "\"\($0)\"" }.joined(separator: ",") + "]"
    }
}
