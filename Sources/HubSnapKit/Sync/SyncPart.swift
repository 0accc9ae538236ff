import HubAPI

/// A part of what a sync reads, as warnings name it, with the credentials Docker Hub lets read it.
///
/// The advice follows `docs/operations.md` ("What each credential can read"): a part skipped for one credential
/// kind names what can read it, never another kind that would be refused too.
enum SyncPart: Sendable {
    case members
    case teams
    case repositories
    case repositoryPermissions
    case invites
    case organizationTokens
    case personalTokens

    var label: String {
        switch self {
        case .members: "members and team memberships"
        case .teams: "teams"
        case .repositories: "repositories"
        case .repositoryPermissions: "repository team permissions"
        case .invites: "pending invites"
        case .organizationTokens: "organization access tokens"
        case .personalTokens: "personal access tokens"
        }
    }

    /// The credentials that can read this part.
    var readableBy: String {
        switch self {
        case .members:
            "a member's password or an organization access token with scope-member-read"
        case .teams:
            "a member's password or an organization access token with scope-group-read"
        case .repositories:
            "a member's password, a personal access token or an organization access token with scope-repository-list"
        case .repositoryPermissions:
            "an owner's password or an organization access token with scope-repo-group-read"
        case .invites:
            "an owner's password or an organization access token with scope-invite-read"
        case .organizationTokens:
            "an owner's password only (no personal or organization access token lists them)"
        case .personalTokens:
            "the user's own password only (no personal or organization access token lists them)"
        }
    }

    /// What to add to the warning about `error`: who can read the part, when the error is a refusal.
    func advice(after error: APIError) -> String {
        switch error {
        case .forbidden, .tokenKindNotAllowed: "; readable with \(readableBy)"
        default: ""
        }
    }
}
