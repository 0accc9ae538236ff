/// Lookup tables over a ``Dataset``, built once so that every request is a few dictionary reads.
struct DatasetIndex: Sendable {
    /// One org with its members, teams and repositories keyed by name.
    struct OrgEntry: Sendable {
        var org: Dataset.Org
        var members: [String: Dataset.Member]
        /// Team names per username, in dataset order.
        var teamsOfMember: [String: [String]]
        var teams: [String: Dataset.Team]
        var repositories: [String: Dataset.Repository]

        init(_ org: Dataset.Org) {
            self.org = org
            members = Dictionary(org.members.map { ($0.username, $0) }, uniquingKeysWith: { first, _ in first })
            var teamsOfMember: [String: [String]] = [:]
            for team in org.teams {
                for username in team.members {
                    teamsOfMember[username, default: []].append(team.name)
                }
            }
            self.teamsOfMember = teamsOfMember
            teams = Dictionary(org.teams.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            repositories = Dictionary(
                org.repositories.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        }

        /// The member's role, lower-cased (`owner`, `editor`, `member` or a custom role).
        func role(of username: String) -> String? {
            members[username]?.role.lowercased()
        }

        /// Owners and editors see and manage every repository of the org.
        func isElevated(_ username: String) -> Bool {
            let role = role(of: username)
            return role == "owner" || role == "editor"
        }
    }

    let dataset: Dataset
    let users: [String: Dataset.User]
    let orgs: [String: OrgEntry]
    /// Org names per username, in dataset order.
    let orgsOfUser: [String: [String]]

    init(_ dataset: Dataset) {
        self.dataset = dataset
        users = Dictionary(dataset.users.map { ($0.username, $0) }, uniquingKeysWith: { first, _ in first })
        orgs = Dictionary(dataset.orgs.map { ($0.name, OrgEntry($0)) }, uniquingKeysWith: { first, _ in first })
        var orgsOfUser: [String: [String]] = [:]
        for org in dataset.orgs {
            for member in org.members {
                orgsOfUser[member.username, default: []].append(org.name)
            }
        }
        self.orgsOfUser = orgsOfUser
    }

    /// The user, looked up case-insensitively as Docker IDs are.
    func user(named name: String) -> Dataset.User? {
        users[name] ?? users[name.lowercased()]
    }

    /// The org, looked up case-insensitively.
    func org(named name: String) -> OrgEntry? {
        orgs[name] ?? orgs[name.lowercased()]
    }
}
