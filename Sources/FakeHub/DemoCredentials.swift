/// The well-known credentials of ``Dataset/demo`` and of every dataset from ``Dataset/generate(seed:sizes:)``.
///
/// The admin user is an Owner of every generated org and has an active PAT with `repo:admin` (plus an inactive
/// one). Every org has an active OAT with all read scopes. None of these is a real Docker Hub secret.
package enum DemoCredentials {
    /// The admin's Docker ID.
    package static let username = "hubadmin"
    /// The admin's password (no second factor).
    package static let password = "fakehub-demo-password"
    /// The admin's active personal access token, scope `repo:admin`.
    package static let patSecret = "dckr_pat_fakehubDemoAdminToken0000000001"
    /// The admin's inactive personal access token: minting with it fails.
    package static let inactivePatSecret = "dckr_pat_fakehubDemoRevokedToken00000002"

    /// The active organization access token of `org`, with every read scope.
    ///
    /// - Parameter org: the org name (the identifier to send with it).
    /// - Returns: the `dckr_oat_…` secret.
    package static func oatSecret(org: String) -> String {
        "dckr_oat_fakehub_\(org)_reader"
    }

    /// The inactive organization access token that some generated orgs also have.
    package static func inactiveOatSecret(org: String) -> String {
        "dckr_oat_fakehub_\(org)_revoked"
    }
}
