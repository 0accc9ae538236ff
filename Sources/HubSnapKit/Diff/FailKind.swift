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
    /// A grant gained or raised: an org-wide grant (owner or editor, by role or through a team), a team membership
    /// that grants something, or a team given more on a repository (a new repository's team grants included).
    case permissionEscalation = "permission-escalation"
    /// A repository made public, or created public.
    case repoMadePublic = "repo-made-public"
    /// Someone reaches more than before: an org-wide grant gained, a team membership that grants something, a team
    /// permission added or raised that reaches members, a new repository granted to a team with members. A new
    /// private repository alone is not: owners' and editors' org-wide grant did not change.
    case accessGained = "access-gained"
    /// Someone reaches less: an org-wide grant lost, a granting team membership ended, a team permission lowered or
    /// removed while its repository stays.
    case accessLost = "access-lost"

    package static func < (lhs: FailKind, rhs: FailKind) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    /// The names, for help and error messages.
    package static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
