/// Builds a ``Dataset`` from a seed; see ``Dataset/generate(seed:sizes:)`` for what it guarantees.
///
/// Only arrays and ``SplitMix64`` decide the output (never dictionary order or system randomness), so the same
/// seed and sizes give the same dataset everywhere.
struct DatasetGenerator {
    let sizes: GeneratorSizes
    var rng: SplitMix64
    var users: [Dataset.User] = []
    var nextTeamID = 1_000

    /// 2025-01-01T00:00:00Z: recent activity (last logins, token use) falls after it.
    static let recent: Int64 = 1_735_689_600

    init(seed: UInt64, sizes: GeneratorSizes) {
        self.sizes = sizes
        rng = SplitMix64(seed: seed)
    }

    mutating func generate() -> Dataset {
        users.append(makeAdmin())
        let pool = (0..<sizes.sharedPool).map { _ in makeUser().username }
        var orgs: [Dataset.Org] = []
        for orgIndex in 0..<sizes.orgs {
            var usernames = [DemoCredentials.username]
            let shift = sizes.sharedPool - sizes.sharedPerOrg
            for position in 0..<sizes.sharedPerOrg where !pool.isEmpty {
                usernames.append(pool[(orgIndex * shift + position) % pool.count])
            }
            while usernames.count < sizes.membersPerOrg {
                usernames.append(makeUser().username)
            }
            orgs.append(makeOrg(orgIndex, usernames: usernames))
        }
        return Dataset(users: users, orgs: orgs)
    }

    // MARK: - Users

    private mutating func makeAdmin() -> Dataset.User {
        let created = Timestamp.random(&rng, to: Self.recent, micros: true)
        return Dataset.User(
            id: rng.trimmedUUID(), username: DemoCredentials.username, fullName: "Hub Admin",
            email: "hubadmin@example.com", company: "FakeHub", location: "Lisbon",
            dateJoined: Timestamp.random(&rng, to: Self.recent, micros: false),
            password: DemoCredentials.password,
            personalAccessTokens: [
                Dataset.PersonalAccessToken(
                    uuid: rng.dashedUUID(), label: "hubsnap admin", secret: DemoCredentials.patSecret,
                    scopes: ["repo:admin"], createdAt: created,
                    lastUsed: Timestamp.random(&rng, from: Self.recent, micros: false)),
                Dataset.PersonalAccessToken(
                    uuid: rng.dashedUUID(), label: "old laptop, \"revoked\"", secret: DemoCredentials.inactivePatSecret,
                    scopes: ["repo:read"], isActive: false, createdAt: Timestamp.random(&rng, micros: false),
                    expiresAt: Timestamp.random(&rng, from: Self.recent)),
            ]
        )
    }

    /// A user with a unique ASCII username; some have no email, no full name or an unusual one.
    private mutating func makeUser() -> Dataset.User {
        let serial = users.count
        let first = rng.pick(Vocabulary.firstNames)
        let last = rng.pick(Vocabulary.lastNames)
        let username = "\(first.handle)\(serial)"
        let fullName: String? =
            if serial % 6 == 5 {
                nil
            } else if serial % 7 == 3 {
                Vocabulary.unusualFullNames[(serial / 7) % Vocabulary.unusualFullNames.count]
            } else {
                "\(first.display) \(last)"
            }
        var tokens: [Dataset.PersonalAccessToken] = []
        if rng.chance(10) {
            tokens.append(
                Dataset.PersonalAccessToken(
                    uuid: rng.dashedUUID(), label: "ci", secret: "dckr_pat_" + rng.hex(27),
                    scopes: [rng.pick(["repo:public_read", "repo:read", "repo:write"])],
                    createdAt: Timestamp.random(&rng)))
        }
        let user = Dataset.User(
            id: rng.trimmedUUID(), username: username, fullName: fullName,
            email: serial % 5 == 4 ? nil : "\(username)@example.com",
            company: rng.chance(30) ? nil : rng.pick(Vocabulary.companies),
            location: rng.chance(30) ? nil : rng.pick(Vocabulary.locations),
            dateJoined: Timestamp.random(&rng, to: Self.recent, micros: serial % 3 != 0),
            personalAccessTokens: tokens
        )
        users.append(user)
        return user
    }

    // MARK: - Orgs and members

    private mutating func makeOrg(_ orgIndex: Int, usernames: [String]) -> Dataset.Org {
        let base = Vocabulary.orgs[orgIndex % Vocabulary.orgs.count]
        let round = orgIndex / Vocabulary.orgs.count
        let name = round == 0 ? base.name : "\(base.name)\(round + 1)"
        let members = makeMembers(orgIndex, usernames: usernames)
        let teams = makeTeams(orgIndex, members: members)
        return Dataset.Org(
            id: rng.trimmedUUID(), name: name,
            fullName: orgIndex % 4 == 3 ? nil : base.fullName,
            company: orgIndex % 3 == 1 ? nil : "\(base.fullName) Ltd",
            location: orgIndex % 2 == 1 ? nil : rng.pick(Vocabulary.locations),
            dateJoined: Timestamp.random(&rng, to: Self.recent, micros: orgIndex % 2 == 0),
            members: members, teams: teams,
            repositories: makeRepositories(teams: teams),
            invites: makeInvites(org: name, teams: teams),
            accessTokens: makeOrganizationTokens(orgIndex, org: name)
        )
    }

    /// The admin (Owner) first; then maybe a second Owner, a guest, a custom role, Editors and Members.
    private mutating func makeMembers(_ orgIndex: Int, usernames: [String]) -> [Dataset.Member] {
        usernames.enumerated().map { position, username in
            var role = rng.chance(12) ? "Editor" : "Member"
            var isGuest = rng.chance(6)
            switch position {
            case 0:
                role = "Owner"
                isGuest = false
            case 1 where usernames.count >= 10:
                role = "Owner"
                isGuest = false
            case 2:
                role = "Member"
                isGuest = true
            case 3:
                role = Vocabulary.customRoles[orgIndex % Vocabulary.customRoles.count]
            default:
                break
            }
            let loggedIn = position != 2 && rng.chance(60)
            return Dataset.Member(
                username: username, role: role, isGuest: isGuest,
                lastLoggedInAt: loggedIn ? Timestamp.random(&rng, from: Self.recent) : nil)
        }
    }
}
