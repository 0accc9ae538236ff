import Foundation
import HubAPI

/// Why a sync stopped, beyond the API's and the store's own errors.
package enum SyncError: Error, LocalizedError, Equatable, Sendable {
    /// An org named with `--org` does not exist or the credential cannot see it.
    case organizationNotVisible(org: String, principal: String, reason: String)
    /// An organization access token cannot list orgs: `--org` is required.
    case organizationsRequired

    package var errorDescription: String? {
        switch self {
        case .organizationNotVisible(let org, let principal, let reason):
            "organization '\(org)' does not exist or '\(principal)' cannot see it (\(reason));"
                + " check the name given to --org and the credential's membership"
        case .organizationsRequired:
            "an organization access token cannot list organizations; name them with --org (or BATON_ORGS)"
        }
    }
}
