/// The one list of what a snapshot holds: every table readers know, its columns and key, since which format it is
/// stored, and how it relates to an org, an account and a repository.
package struct TableSpec: Sendable, Equatable {
    /// How readers get a table's rows.
    package enum Kind: Sendable, Equatable {
        /// Stored as it is read from Docker Hub.
        case stored
        /// Derived from the stored facts: stored since ``TableSpec/storedSince``, computed on the fly for older files.
        case derived
        /// The member × repository expansion, never stored: computed when asked for.
        case expansion
    }

    package var name: String
    package var kind: Kind
    /// The first format that stores the table.
    package var storedSince: Int
    /// The columns a reader reads, in order: every column of the table in the formats this build reads. A file whose
    /// table has other columns is refused when it is opened, so no name from a file ever reaches a query.
    package var columns: [String]
    /// The columns that identify a row; rows are listed in this order.
    package var key: [String]
    /// Columns whose changes carry no access meaning; `diff` leaves them out unless asked for all fields.
    package var volatileColumns: [String]
    /// Conditions keeping the rows of the filter's orgs, users and repositories; each a function of the filter's
    /// parameter lists (``RowFilter``) and the `FROM` source of the org-wide grants. `nil`: the table has no such
    /// relation, and a filter on it keeps none of its rows.
    var orgCondition: (@Sendable (String) -> String)?
    var userCondition: (@Sendable (_ users: String, _ grants: String) -> String)?
    var repositoryCondition: (@Sendable (_ repositories: String, _ grants: String) -> String)?

    package static func == (lhs: TableSpec, rhs: TableSpec) -> Bool {
        lhs.name == rhs.name
    }

    /// Whether a file of `format` stores this table.
    package func isStored(inFormat format: Int) -> Bool {
        kind != .expansion && format >= storedSince
    }

    /// The `FROM` source of this table in a file of `format`, the tables in `prefix` (`""`, `"main."`, `"new."`).
    func source(prefix: String, format: Int, filter: RowFilter = RowFilter()) -> String {
        switch kind {
        case .stored:
            return prefix + name
        case .derived:
            return isStored(inFormat: format) ? prefix + name : "(\(AccessRules.orgGrantsQuery(prefix)))"
        case .expansion:
            let grants = TableSpec.orgGrants.source(prefix: prefix, format: format)
            return "(\(AccessRules.effectiveAccessQuery(prefix: prefix, grants: grants, filter: filter)))"
        }
    }

    /// The `WHERE` conditions that apply `filter` (joined with `AND`), or `nil` when it keeps every row.
    func conditions(_ filter: RowFilter, format: Int) -> String? {
        // The expansion takes its filter inside (``source(prefix:format:filter:)``).
        guard kind != .expansion else { return nil }
        let grants = TableSpec.orgGrants.source(prefix: "", format: format)
        var parts: [String] = []
        if let orgs = filter.orgsList { parts.append(orgCondition?(orgs) ?? "0") }
        if let users = filter.usersList { parts.append(userCondition?(users, grants) ?? "0") }
        if let repositories = filter.repositoriesList {
            parts.append(repositoryCondition?(repositories, grants) ?? "0")
        }
        return parts.isEmpty ? nil : parts.joined(separator: " AND ")
    }
}

extension TableSpec {
    static let orgGrants = TableSpec(
        name: "org_grants", kind: .derived, storedSince: 3, columns: ["org", "username", "permission", "via"],
        key: ["org", "username"], volatileColumns: [], orgCondition: { "org IN \($0)" },
        userCondition: { users, _ in "username IN \(users)" },
        repositoryCondition: { repositories, _ in "org IN (SELECT namespace FROM \(repositories))" })

    /// The accounts that reach one of `repositories`: org-wide grantees of its org and members of teams granted on
    /// it (a public repository is read for everyone, members or not, and adds no one here).
    private static func reaching(_ repositories: String, _ grants: String) -> String {
        """
        SELECT org, username FROM \(grants) WHERE org IN (SELECT namespace FROM \(repositories))
        UNION SELECT tm.org, tm.username FROM team_members tm
        JOIN repository_permissions rp ON rp.namespace = tm.org AND rp.team = tm.team
        JOIN org_members m ON m.org = tm.org AND m.username = tm.username
        WHERE (rp.namespace, rp.repository) IN (SELECT namespace, name FROM \(repositories))
        """
    }

    private static func grantedTeams(_ repositories: String) -> String {
        "SELECT namespace, team FROM repository_permissions "
            + "WHERE (namespace, repository) IN (SELECT namespace, name FROM \(repositories))"
    }

    /// Every table a reader can ask for, in the order a reader meets them.
    package static let all: [TableSpec] = [
        TableSpec(
            name: "snapshot", kind: .stored, storedSince: 1,
            columns: [
                "format_version", "tool_version", "started_at", "finished_at", "api_url", "credential_kind",
                "principal", "org_filter", "http_requests", "warnings",
            ], key: [], volatileColumns: []),
        TableSpec(
            name: "organizations", kind: .stored, storedSince: 1,
            columns: ["name", "id", "full_name", "company", "location", "date_joined"], key: ["name"],
            volatileColumns: [], orgCondition: { "name IN \($0)" },
            userCondition: { users, _ in "name IN (SELECT org FROM org_members WHERE username IN \(users))" },
            repositoryCondition: { repositories, _ in "name IN (SELECT namespace FROM \(repositories))" }),
        TableSpec(
            name: "accounts", kind: .stored, storedSince: 1,
            columns: ["username", "id", "full_name", "email", "type"], key: ["username"], volatileColumns: [],
            orgCondition: { "username IN (SELECT username FROM org_members WHERE org IN \($0))" },
            userCondition: { users, _ in "username IN \(users)" },
            repositoryCondition: { repositories, grants in
                "username IN (SELECT username FROM (\(reaching(repositories, grants))))"
            }),
        TableSpec(
            name: "org_members", kind: .stored, storedSince: 1,
            columns: ["org", "username", "role", "is_guest", "date_joined", "last_logged_in_at"],
            key: ["org", "username"], volatileColumns: ["last_logged_in_at"], orgCondition: { "org IN \($0)" },
            userCondition: { users, _ in "username IN \(users)" },
            repositoryCondition: { repositories, grants in "(org, username) IN (\(reaching(repositories, grants)))" }
        ),
        TableSpec(
            name: "teams", kind: .stored, storedSince: 1,
            columns: ["org", "name", "id", "uuid", "description", "member_count", "role"], key: ["org", "name"],
            volatileColumns: ["member_count"], orgCondition: { "org IN \($0)" },
            userCondition: { users, _ in
                "(org, name) IN (SELECT org, team FROM team_members WHERE username IN \(users))"
            },
            repositoryCondition: { repositories, _ in "(org, name) IN (\(grantedTeams(repositories)))" }),
        TableSpec(
            name: "team_members", kind: .stored, storedSince: 1, columns: ["org", "team", "username"],
            key: ["org", "team", "username"], volatileColumns: [], orgCondition: { "org IN \($0)" },
            userCondition: { users, _ in "username IN \(users)" },
            repositoryCondition: { repositories, _ in "(org, team) IN (\(grantedTeams(repositories)))" }),
        TableSpec(
            name: "repositories", kind: .stored, storedSince: 1,
            columns: [
                "namespace", "name", "is_private", "status", "description", "repository_type", "date_registered",
                "last_updated",
            ], key: ["namespace", "name"], volatileColumns: ["last_updated"],
            orgCondition: { "namespace IN \($0)" },
            userCondition: { users, grants in
                """
                (namespace IN (SELECT org FROM \(grants) WHERE username IN \(users))
                 OR (namespace, name) IN (
                     SELECT rp.namespace, rp.repository FROM repository_permissions rp
                     JOIN team_members tm ON tm.org = rp.namespace AND tm.team = rp.team
                     JOIN org_members m ON m.org = tm.org AND m.username = tm.username
                     WHERE tm.username IN \(users)))
                """
            },
            repositoryCondition: { repositories, _ in
                "(namespace, name) IN (SELECT namespace, name FROM \(repositories))"
            }),
        TableSpec(
            name: "repository_permissions", kind: .stored, storedSince: 1,
            columns: ["namespace", "repository", "team", "permission"], key: ["namespace", "repository", "team"],
            volatileColumns: [], orgCondition: { "namespace IN \($0)" },
            userCondition: { users, _ in
                "(namespace, team) IN (SELECT org, team FROM team_members WHERE username IN \(users))"
            },
            repositoryCondition: { repositories, _ in
                "(namespace, repository) IN (SELECT namespace, name FROM \(repositories))"
            }),
        TableSpec(
            name: "invites", kind: .stored, storedSince: 1,
            columns: ["org", "id", "invitee", "role", "team", "inviter", "created_at"], key: ["org", "id"],
            volatileColumns: [], orgCondition: { "org IN \($0)" },
            userCondition: { users, _ in "invitee IN \(users)" },
            repositoryCondition: { repositories, _ in "(org, team) IN (\(grantedTeams(repositories)))" }),
        TableSpec(
            name: "access_tokens", kind: .stored, storedSince: 1,
            columns: [
                "kind", "id", "org", "owner", "label", "scopes", "is_active", "created_at", "last_used_at",
                "expires_at",
            ], key: ["kind", "id"], volatileColumns: ["last_used_at"], orgCondition: { "org IN \($0)" },
            userCondition: { users, _ in "owner IN \(users)" }),
        orgGrants,
        TableSpec(
            name: "effective_access", kind: .expansion, storedSince: .max,
            columns: ["org", "username", "namespace", "repository", "permission", "via"],
            key: ["org", "username", "namespace", "repository"], volatileColumns: []),
    ]

    /// The tables `dump` shows when no `--table` is given: everything but the member × repository expansion, which
    /// is only written when asked for by name.
    package static let dumpedByDefault = all.filter { $0.kind != .expansion }.map(\.name)

    /// The tables `dump --user` shows when no `--table` is given: the ones keyed on an account, and its access.
    package static let aboutAccount = [
        "accounts", "org_members", "team_members", "org_grants", "effective_access", "invites", "access_tokens",
    ]

    /// The tables `dump --repo` shows when no `--table` is given: the repository, its team grants and who reaches
    /// it through what.
    package static let aboutRepository = ["repositories", "repository_permissions", "effective_access"]

    /// The tables each format stores, in reader order (`snapshot` included).
    package static func stored(inFormat format: Int) -> [TableSpec] {
        all.filter { $0.isStored(inFormat: format) }
    }

    /// The spec named `name`, or `nil` when there is no such table.
    package static func named(_ name: String) -> TableSpec? {
        all.first { $0.name == name }
    }
}
