import Foundation
import HubAPI

/// Why a sync stopped, beyond the API's and the store's own errors.
package enum SyncError: Error, LocalizedError, Equatable, Sendable {
    /// An org named with `--org` does not exist or the credential cannot see it.
    case organizationNotVisible(org: String, principal: String, reason: String)
    /// The org exists but a credential that reads the members of its own orgs was refused them: the principal is
    /// not a member (or, for an organization access token, lacks `scope-member-read`).
    case membersNotReadable(org: String, principal: String, kind: CredentialKind, reason: String)
    /// An organization access token cannot list orgs: `--org` is required.
    case organizationsRequired

    package var errorDescription: String? {
        switch self {
        case .organizationNotVisible(let org, let principal, let reason):
            "organization '\(org)' does not exist or '\(principal)' cannot see it (\(reason));"
                + " check the name given to --org and the credential's membership"
        case .membersNotReadable(let org, let principal, let kind, let reason):
            "'\(principal)' cannot read the members of organization '\(org)' (403: \(reason)); "
                + (kind == .oat
                    ? "give the organization access token scope-member-read, and check the name given to --org"
                    : "it is not a member of that organization: check the name given to --org and the credential")
        case .organizationsRequired:
            "an organization access token cannot list organizations; name them with --org (or BATON_ORGS)"
        }
    }
}
