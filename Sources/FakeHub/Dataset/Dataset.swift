/// Everything FakeHub serves: accounts, organizations and what is inside them, plus the secrets
/// that let a client authenticate.
///
/// Timestamps are kept as the exact strings the API sends (with or without fractional seconds),
/// so a dataset can pin both forms Docker Hub is known to use. `nil` optionals are served as JSON
/// `null` or left out, as the real API does for that field.
package struct Dataset: Codable, Sendable, Equatable {
    package var users: [User]
    package var orgs: [Org]

    package init(users: [User], orgs: [Org]) {
        self.users = users
        self.orgs = orgs
    }

    /// A person's Docker ID.
    package struct User: Codable, Sendable, Equatable {
        /// A UUID without dashes, as Docker Hub sends member ids.
        package var id: String
        package var username: String
        package var fullName: String?
        package var email: String?
        package var company: String?
        package var location: String?
        package var dateJoined: String
        /// The account password; `nil` for an account nobody logs into in the dataset.
        package var password: String?
        /// When set, password logins need this TOTP code as a second factor.
        package var totpCode: String?
        package var personalAccessTokens: [PersonalAccessToken]

        package init(
            id: String, username: String, fullName: String? = nil, email: String? = nil,
            company: String? = nil, location: String? = nil, dateJoined: String,
            password: String? = nil, totpCode: String? = nil,
            personalAccessTokens: [PersonalAccessToken] = []
        ) {
            self.id = id
            self.username = username
            self.fullName = fullName
            self.email = email
            self.company = company
            self.location = location
            self.dateJoined = dateJoined
            self.password = password
            self.totpCode = totpCode
            self.personalAccessTokens = personalAccessTokens
        }
    }

    /// A personal access token (`dckr_pat_…`) of one user.
    package struct PersonalAccessToken: Codable, Sendable, Equatable {
        /// Dashed UUID.
        package var uuid: String
        package var label: String
        /// The token value a client sends as secret; never served by any list endpoint.
        package var secret: String
        /// `repo:public_read`, `repo:read`, `repo:write` or `repo:admin`.
        package var scopes: [String]
        package var isActive: Bool
        package var createdAt: String
        package var lastUsed: String?
        package var expiresAt: String?

        package init(
            uuid: String, label: String, secret: String, scopes: [String], isActive: Bool = true,
            createdAt: String, lastUsed: String? = nil, expiresAt: String? = nil
        ) {
            self.uuid = uuid
            self.label = label
            self.secret = secret
            self.scopes = scopes
            self.isActive = isActive
            self.createdAt = createdAt
            self.lastUsed = lastUsed
            self.expiresAt = expiresAt
        }
    }

    package struct Org: Codable, Sendable, Equatable {
        /// A UUID without dashes.
        package var id: String
        package var name: String
        package var fullName: String?
        package var company: String?
        package var location: String?
        package var dateJoined: String
        package var members: [Member]
        package var teams: [Team]
        package var repositories: [Repository]
        package var invites: [Invite]
        package var accessTokens: [OrgAccessToken]

        package init(
            id: String, name: String, fullName: String? = nil, company: String? = nil,
            location: String? = nil, dateJoined: String, members: [Member] = [], teams: [Team] = [],
            repositories: [Repository] = [], invites: [Invite] = [], accessTokens: [OrgAccessToken] = []
        ) {
            self.id = id
            self.name = name
            self.fullName = fullName
            self.company = company
            self.location = location
            self.dateJoined = dateJoined
            self.members = members
            self.teams = teams
            self.repositories = repositories
            self.invites = invites
            self.accessTokens = accessTokens
        }
    }

    /// One user's membership of one org.
    package struct Member: Codable, Sendable, Equatable {
        package var username: String
        /// As the API sends it: `Owner`, `Editor`, `Member` (capitalised), or a custom role name.
        package var role: String
        package var isGuest: Bool
        /// `nil` leaves the key out of the response (orgs without Insights).
        package var lastLoggedInAt: String?

        package init(username: String, role: String, isGuest: Bool = false, lastLoggedInAt: String? = nil) {
            self.username = username
            self.role = role
            self.isGuest = isGuest
            self.lastLoggedInAt = lastLoggedInAt
        }
    }

    /// A team ("group").
    package struct Team: Codable, Sendable, Equatable {
        package var id: Int
        package var uuid: String
        package var name: String
        package var description: String?
        /// Core role (`owner`, `editor`, `member`) or a custom role name assigned to the team.
        package var role: String?
        /// Usernames; each must also be a member of the org.
        package var members: [String]

        package init(
            id: Int, uuid: String, name: String, description: String? = nil, role: String? = nil, members: [String] = []
        ) {
            self.id = id
            self.uuid = uuid
            self.name = name
            self.description = description
            self.role = role
            self.members = members
        }
    }

    package struct Repository: Codable, Sendable, Equatable {
        package var name: String
        package var isPrivate: Bool
        package var status: Int
        package var statusDescription: String
        package var description: String?
        /// `image`, `plugin` or `nil`.
        package var repositoryType: String?
        package var dateRegistered: String
        package var lastUpdated: String?
        package var teamPermissions: [TeamPermission]

        package init(
            name: String, isPrivate: Bool, status: Int = 1, statusDescription: String = "active",
            description: String? = nil, repositoryType: String? = "image", dateRegistered: String,
            lastUpdated: String? = nil, teamPermissions: [TeamPermission] = []
        ) {
            self.name = name
            self.isPrivate = isPrivate
            self.status = status
            self.statusDescription = statusDescription
            self.description = description
            self.repositoryType = repositoryType
            self.dateRegistered = dateRegistered
            self.lastUpdated = lastUpdated
            self.teamPermissions = teamPermissions
        }
    }

    /// A team's permission on a repository.
    package struct TeamPermission: Codable, Sendable, Equatable {
        /// Team name; the team must exist in the org.
        package var team: String
        /// `read`, `write` or `admin`.
        package var permission: String

        package init(team: String, permission: String) {
            self.team = team
            self.permission = permission
        }
    }

    package struct Invite: Codable, Sendable, Equatable {
        /// Dashed UUID.
        package var id: String
        /// A Docker ID or an email address.
        package var invitee: String
        package var role: String?
        package var team: String?
        package var inviter: String
        package var createdAt: String

        package init(
            id: String, invitee: String, role: String? = nil, team: String? = nil, inviter: String, createdAt: String
        ) {
            self.id = id
            self.invitee = invitee
            self.role = role
            self.team = team
            self.inviter = inviter
            self.createdAt = createdAt
        }
    }

    /// An organization access token (`dckr_oat_…`).
    package struct OrgAccessToken: Codable, Sendable, Equatable {
        /// Dashed UUID.
        package var id: String
        package var label: String
        package var secret: String
        package var createdBy: String
        package var isActive: Bool
        package var createdAt: String
        package var expiresAt: String?
        package var lastUsedAt: String?
        package var resources: [Resource]

        package init(
            id: String, label: String, secret: String, createdBy: String, isActive: Bool = true,
            createdAt: String, expiresAt: String? = nil, lastUsedAt: String? = nil, resources: [Resource]
        ) {
            self.id = id
            self.label = label
            self.secret = secret
            self.createdBy = createdBy
            self.isActive = isActive
            self.createdAt = createdAt
            self.expiresAt = expiresAt
            self.lastUsedAt = lastUsedAt
            self.resources = resources
        }

        package struct Resource: Codable, Sendable, Equatable {
            /// `TYPE_ORG` or `TYPE_REPO`.
            package var type: String
            /// The org name for `TYPE_ORG`; `org/repo` or `org/*` for `TYPE_REPO`.
            package var path: String
            package var scopes: [String]

            package init(type: String, path: String, scopes: [String]) {
                self.type = type
                self.path = path
                self.scopes = scopes
            }
        }
    }
}
