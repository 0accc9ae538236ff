/// A kind of difference `diff --fail-on` can make exit with 1.
package enum FailKind: String, CaseIterable, Sendable, Comparable {
    /// Any difference at all (the default).
    case any
    case newMember = "new-member"
    case removedMember = "removed-member"
    /// An account became an org owner (added as one, or raised to it).
    case newOwner = "new-owner"
    /// An account became an org editor (added as one, or raised to it).
    case newEditor = "new-editor"
    case roleChange = "role-change"
    /// Team memberships added or removed, or a team renamed.
    case teamChange = "team-change"
    /// A team granted more on a repository, or any account gaining effective access.
    case permissionEscalation = "permission-escalation"
    case repoMadePublic = "repo-made-public"
    case accessGained = "access-gained"
    case accessLost = "access-lost"

    package static func < (lhs: FailKind, rhs: FailKind) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    /// The names, for help and error messages.
    package static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
