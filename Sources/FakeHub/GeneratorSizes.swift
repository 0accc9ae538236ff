/// How big a generated dataset is; see ``Dataset/generate(seed:sizes:)``.
package struct GeneratorSizes: Sendable, Equatable {
    package var orgs: Int
    /// Members of each org, the admin included.
    package var membersPerOrg: Int
    /// Teams of each org, `owners` and one empty team included.
    package var teamsPerOrg: Int
    package var reposPerOrg: Int
    package var invitesPerOrg: Int
    /// Share (0...1) of each org's members, besides the admin, who also belong to other orgs.
    package var sharedMemberShare: Double
    /// At most this many teams get a permission on one repository.
    package var maxTeamsPerRepo: Int

    /// Creates sizes; values below zero count as zero and the share is clamped to 0...1.
    package init(
        orgs: Int, membersPerOrg: Int, teamsPerOrg: Int, reposPerOrg: Int, invitesPerOrg: Int = 3,
        sharedMemberShare: Double = 0.25, maxTeamsPerRepo: Int = 3
    ) {
        self.orgs = max(0, orgs)
        self.membersPerOrg = max(1, membersPerOrg)
        self.teamsPerOrg = max(0, teamsPerOrg)
        self.reposPerOrg = max(0, reposPerOrg)
        self.invitesPerOrg = max(0, invitesPerOrg)
        self.sharedMemberShare = min(1, max(0, sharedMemberShare))
        self.maxTeamsPerRepo = max(0, maxTeamsPerRepo)
    }

    /// The size of ``Dataset/demo``: 3 orgs, about 40 people, 4 teams and 6 repositories per org.
    package static let demo = GeneratorSizes(
        orgs: 3, membersPerOrg: 15, teamsPerOrg: 4, reposPerOrg: 6, invitesPerOrg: 3, sharedMemberShare: 0.3)

    /// About 8,000 snapshot rows (members, team memberships, repositories, permissions, invites) over 4 orgs.
    package static let fewThousandRows = GeneratorSizes(
        orgs: 4, membersPerOrg: 400, teamsPerOrg: 30, reposPerOrg: 250, invitesPerOrg: 25, sharedMemberShare: 0.2)

    /// Members per org that come from the shared pool.
    var sharedPerOrg: Int {
        orgs < 2 ? 0 : Int((Double(membersPerOrg - 1) * sharedMemberShare).rounded())
    }

    /// Size of the shared pool: each org takes a window of ``sharedPerOrg`` of it, so windows overlap.
    var sharedPool: Int {
        sharedPerOrg + sharedPerOrg / 2
    }
}
