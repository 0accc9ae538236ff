import GRDB

/// Column names are the snake_case forms of the property names.
package protocol SnapshotRow: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {}

extension SnapshotRow {
    package static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    package static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }
}

/// The one row of the `snapshot` table: what was read, when, how and by whom.
package struct SnapshotInfo: SnapshotRow {
    package static let databaseTableName = "snapshot"
    package var formatVersion: Int
    package var toolVersion: String
    package var startedAt: String
    package var finishedAt: String
    package var apiUrl: String
    package var credentialKind: String
    package var principal: String
    /// JSON array of org names, or `nil` for "every org of the user".
    package var orgFilter: String?
    package var httpRequests: Int
    /// JSON array of strings.
    package var warnings: String

    package init(
        formatVersion: Int, toolVersion: String, startedAt: String, finishedAt: String, apiUrl: String,
        credentialKind: String, principal: String, orgFilter: String?, httpRequests: Int, warnings: String
    ) {
        self.formatVersion = formatVersion
        self.toolVersion = toolVersion
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.apiUrl = apiUrl
        self.credentialKind = credentialKind
        self.principal = principal
        self.orgFilter = orgFilter
        self.httpRequests = httpRequests
        self.warnings = warnings
    }
}

package struct OrganizationRow: SnapshotRow {
    package static let databaseTableName = "organizations"
    package var name: String
    package var id: String?
    package var fullName: String?
    package var company: String?
    package var location: String?
    package var dateJoined: String?

    package init(
        name: String, id: String?, fullName: String?, company: String?, location: String?, dateJoined: String?
    ) {
        self.name = name
        self.id = id
        self.fullName = fullName
        self.company = company
        self.location = location
        self.dateJoined = dateJoined
    }
}

package struct AccountRow: SnapshotRow {
    package static let databaseTableName = "accounts"
    package var username: String
    package var id: String?
    package var fullName: String?
    package var email: String?
    package var type: String?

    package init(username: String, id: String?, fullName: String?, email: String?, type: String?) {
        self.username = username
        self.id = id
        self.fullName = fullName
        self.email = email
        self.type = type
    }
}

package struct OrgMemberRow: SnapshotRow {
    package static let databaseTableName = "org_members"
    package var org: String
    package var username: String
    package var role: String
    package var isGuest: Bool
    package var dateJoined: String?
    package var lastLoggedInAt: String?

    package init(
        org: String, username: String, role: String, isGuest: Bool, dateJoined: String?, lastLoggedInAt: String?
    ) {
        self.org = org
        self.username = username
        self.role = role
        self.isGuest = isGuest
        self.dateJoined = dateJoined
        self.lastLoggedInAt = lastLoggedInAt
    }
}

package struct TeamRow: SnapshotRow {
    package static let databaseTableName = "teams"
    package var org: String
    package var name: String
    package var id: Int?
    package var uuid: String?
    package var description: String?
    package var memberCount: Int?
    package var role: String?

    package init(
        org: String, name: String, id: Int?, uuid: String?, description: String?, memberCount: Int?, role: String?
    ) {
        self.org = org
        self.name = name
        self.id = id
        self.uuid = uuid
        self.description = description
        self.memberCount = memberCount
        self.role = role
    }
}

package struct TeamMemberRow: SnapshotRow {
    package static let databaseTableName = "team_members"
    package var org: String
    package var team: String
    package var username: String

    package init(org: String, team: String, username: String) {
        self.org = org
        self.team = team
        self.username = username
    }
}

package struct RepositoryRow: SnapshotRow {
    package static let databaseTableName = "repositories"
    package var namespace: String
    package var name: String
    package var isPrivate: Bool
    package var status: String?
    package var description: String?
    package var repositoryType: String?
    package var dateRegistered: String?
    package var lastUpdated: String?

    package init(
        namespace: String, name: String, isPrivate: Bool, status: String?, description: String?,
        repositoryType: String?, dateRegistered: String?, lastUpdated: String?
    ) {
        self.namespace = namespace
        self.name = name
        self.isPrivate = isPrivate
        self.status = status
        self.description = description
        self.repositoryType = repositoryType
        self.dateRegistered = dateRegistered
        self.lastUpdated = lastUpdated
    }
}

package struct RepositoryPermissionRow: SnapshotRow {
    package static let databaseTableName = "repository_permissions"
    package var namespace: String
    package var repository: String
    package var team: String
    package var permission: String

    package init(namespace: String, repository: String, team: String, permission: String) {
        self.namespace = namespace
        self.repository = repository
        self.team = team
        self.permission = permission
    }
}

package struct InviteRow: SnapshotRow {
    package static let databaseTableName = "invites"
    package var org: String
    package var id: String
    package var invitee: String?
    package var role: String?
    package var team: String?
    package var inviter: String?
    package var createdAt: String?

    package init(
        org: String, id: String, invitee: String?, role: String?, team: String?, inviter: String?, createdAt: String?
    ) {
        self.org = org
        self.id = id
        self.invitee = invitee
        self.role = role
        self.team = team
        self.inviter = inviter
        self.createdAt = createdAt
    }
}

package struct AccessTokenRow: SnapshotRow {
    package static let databaseTableName = "access_tokens"
    /// `personal` or `organization`.
    package var kind: String
    package var id: String
    package var org: String?
    package var owner: String?
    package var label: String?
    /// JSON array of strings.
    package var scopes: String
    package var isActive: Bool
    package var createdAt: String?
    package var lastUsedAt: String?
    package var expiresAt: String?

    package init(
        kind: String, id: String, org: String?, owner: String?, label: String?, scopes: String, isActive: Bool,
        createdAt: String?, lastUsedAt: String?, expiresAt: String?
    ) {
        self.kind = kind
        self.id = id
        self.org = org
        self.owner = owner
        self.label = label
        self.scopes = scopes
        self.isActive = isActive
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.expiresAt = expiresAt
    }
}

/// Everything read from one organization, written in one transaction.
package struct OrganizationBatch: Sendable, Equatable {
    package var organization: OrganizationRow
    package var accounts: [AccountRow] = []
    package var members: [OrgMemberRow] = []
    package var teams: [TeamRow] = []
    package var teamMembers: [TeamMemberRow] = []
    package var repositories: [RepositoryRow] = []
    package var permissions: [RepositoryPermissionRow] = []
    package var invites: [InviteRow] = []
    package var accessTokens: [AccessTokenRow] = []

    package init(organization: OrganizationRow) {
        self.organization = organization
    }
}
