/// What readers need to know of each snapshot table and of `effective_access`: its key, and how it relates to an
/// org and to an account.
package struct TableSpec: Sendable, Equatable {
    package var name: String
    /// The columns a reader reads, in order: every column of the table in the formats this build reads. A file whose
    /// table has other columns is refused when it is opened, so no name from a file ever reaches a query.
    package var columns: [String]
    /// The columns that identify a row; rows are listed in this order.
    package var key: [String]
    /// A condition on one `?` (an org name) that keeps the rows of that org, or `nil` when the table has none.
    ///
    /// The collation goes on the column (`org COLLATE NOCASE = ?`): SQLite 3.40 turns `org = ? COLLATE NOCASE OR
    /// org = ? COLLATE NOCASE` into an `IN` that drops the collation, and would match only the values already in
    /// the stored case.
    var orgCondition: String?
    /// A condition on one `?` (a username) that keeps the rows about that account, or `nil`.
    var userCondition: String?
    /// Columns whose changes carry no access meaning; `diff` leaves them out unless asked for all fields.
    package var volatileColumns: [String]

    /// The `FROM` source of this table; `schema` is an attached database's name, or `nil` for the main one.
    ///
    /// - Parameter orgs: for `effective_access`, a `SELECT` of the org names to compute it for (`nil`: all).
    func source(schema: String?, orgs: String? = nil) -> String {
        if name == "effective_access" {
            return "(\(SnapshotSchema.effectiveAccessQuery(schema: schema, orgs: orgs)))"
        }
        return (schema.map { "\($0)." } ?? "") + name
    }
}

extension TableSpec {
    /// Every table a reader can ask for, in the order a reader meets them.
    package static let all: [TableSpec] = [
        TableSpec(
            name: "snapshot",
            columns: [
                "format_version", "tool_version", "started_at", "finished_at", "api_url", "credential_kind",
                "principal", "org_filter", "http_requests", "warnings",
            ], key: [], volatileColumns: []),
        TableSpec(
            name: "organizations", columns: ["name", "id", "full_name", "company", "location", "date_joined"],
            key: ["name"], orgCondition: "name COLLATE NOCASE = ?",
            userCondition: "name IN (SELECT org FROM org_members WHERE username COLLATE NOCASE = ?)",
            volatileColumns: []),
        TableSpec(
            name: "accounts", columns: ["username", "id", "full_name", "email", "type"],
            key: ["username"],
            orgCondition: "username IN (SELECT username FROM org_members WHERE org COLLATE NOCASE = ?)",
            userCondition: "username COLLATE NOCASE = ?", volatileColumns: []),
        TableSpec(
            name: "org_members", columns: ["org", "username", "role", "is_guest", "date_joined", "last_logged_in_at"],
            key: ["org", "username"], orgCondition: "org COLLATE NOCASE = ?",
            userCondition: "username COLLATE NOCASE = ?", volatileColumns: ["last_logged_in_at"]),
        TableSpec(
            name: "teams", columns: ["org", "name", "id", "uuid", "description", "member_count", "role"],
            key: ["org", "name"], orgCondition: "org COLLATE NOCASE = ?",
            userCondition: "(org, name) IN (SELECT org, team FROM team_members WHERE username COLLATE NOCASE = ?)",
            volatileColumns: ["member_count"]),
        TableSpec(
            name: "team_members", columns: ["org", "team", "username"],
            key: ["org", "team", "username"], orgCondition: "org COLLATE NOCASE = ?",
            userCondition: "username COLLATE NOCASE = ?", volatileColumns: []),
        TableSpec(
            name: "repositories",
            columns: [
                "namespace", "name", "is_private", "status", "description", "repository_type", "date_registered",
                "last_updated",
            ],
            key: ["namespace", "name"], orgCondition: "namespace COLLATE NOCASE = ?",
            userCondition: """
                (namespace, name) IN (SELECT namespace, repository FROM (\(SnapshotSchema.effectiveAccessQuery(schema: nil)))
                WHERE username COLLATE NOCASE = ?)
                """,
            volatileColumns: ["last_updated"]),
        TableSpec(
            name: "repository_permissions", columns: ["namespace", "repository", "team", "permission"],
            key: ["namespace", "repository", "team"],
            orgCondition: "namespace COLLATE NOCASE = ?",
            userCondition:
                "(namespace, team) IN (SELECT org, team FROM team_members WHERE username COLLATE NOCASE = ?)",
            volatileColumns: []),
        TableSpec(
            name: "invites", columns: ["org", "id", "invitee", "role", "team", "inviter", "created_at"],
            key: ["org", "id"], orgCondition: "org COLLATE NOCASE = ?",
            userCondition: "invitee COLLATE NOCASE = ?", volatileColumns: []),
        TableSpec(
            name: "access_tokens",
            columns: [
                "kind", "id", "org", "owner", "label", "scopes", "is_active", "created_at", "last_used_at",
                "expires_at",
            ],
            key: ["kind", "id"], orgCondition: "org COLLATE NOCASE = ?",
            userCondition: "owner COLLATE NOCASE = ?", volatileColumns: ["last_used_at"]),
        TableSpec(
            name: "effective_access", columns: SnapshotSchema.effectiveAccessColumns,
            key: ["org", "username", "namespace", "repository"],
            orgCondition: "org COLLATE NOCASE = ?",
            userCondition: "username COLLATE NOCASE = ?", volatileColumns: []),
    ]

    /// The tables `dump --user` shows when no `--table` is given: the ones keyed on an account.
    package static let aboutAccount = [
        "accounts", "org_members", "team_members", "effective_access", "invites", "access_tokens",
    ]

    /// The spec named `name`, or `nil` when there is no such table.
    package static func named(_ name: String) -> TableSpec? {
        all.first { $0.name == name }
    }
}
