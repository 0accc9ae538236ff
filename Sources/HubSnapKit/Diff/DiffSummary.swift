import SnapshotStore

/// The auditor's view of a diff: what each section lists and which ``FailKind``s an item counts as.
package enum SummarySection: String, CaseIterable, Sendable {
    case membersAdded = "members_added"
    case membersRemoved = "members_removed"
    case roleChanges = "role_changes"
    case teamRoleChanges = "team_role_changes"
    case teamMembershipChanges = "team_membership_changes"
    case teamsRenamed = "teams_renamed"
    case permissionChanges = "repository_permission_changes"
    case madePublic = "repositories_made_public"
    case accessGained = "access_gained"
    case accessLost = "access_lost"
    case accessViaChanges = "access_via_changes"

    package var title: String {
        switch self {
        case .membersAdded: "Org members added"
        case .membersRemoved: "Org members removed"
        case .roleChanges: "Org role changes"
        case .teamRoleChanges: "Team role changes"
        case .teamMembershipChanges: "Team membership changes"
        case .teamsRenamed: "Teams renamed"
        case .permissionChanges: "Repository team permission changes"
        case .madePublic: "Repositories made or created public"
        case .accessGained: "Effective access gained"
        case .accessLost: "Effective access lost"
        case .accessViaChanges: "Effective access through other sources"
        }
    }
}

/// One line of the summary.
package struct SummaryItem: Sendable, Equatable {
    /// `+` gained or added, `-` lost or removed, `~` changed.
    package var sign: Character
    package var text: String
    /// Worth an auditor's attention first: org-wide admin granted, a repository exposed.
    package var alert: Bool
    /// The item's fields for JSON, values already encoded.
    package var fields: [(String, String)]
    package var kinds: Set<FailKind>

    package static func == (lhs: SummaryItem, rhs: SummaryItem) -> Bool {
        lhs.sign == rhs.sign && lhs.text == rhs.text && lhs.alert == rhs.alert && lhs.kinds == rhs.kinds
            && lhs.fields.map(\.0) == rhs.fields.map(\.0) && lhs.fields.map(\.1) == rhs.fields.map(\.1)
    }
}

extension SnapshotComparison {
    /// Calls `body` with each item of `section`, in key order.
    package func forEachItem(of section: SummarySection, _ body: (SummaryItem) throws -> Void) throws {
        func table(_ name: String) -> TableSpec? { TableSpec.named(name) }
        switch section {
        case .membersAdded, .membersRemoved:
            guard let members = table("org_members") else { return }
            let added = section == .membersAdded
            try forEach(members, added ? .added : .removed) { difference in
                let row = difference.row
                let role = row["role"].text
                let guest = row["is_guest"] == .integer(1) ? ", guest" : ""
                let kinds = Set<FailKind>([added ? .newMember : .removedMember]).union(
                    added ? Self.roleKinds(role) : [])
                try body(
                    SummaryItem(
                        sign: added ? "+" : "-", text: "\(row["org"].text): \(row["username"].text) (\(role)\(guest))",
                        alert: added && Self.orgWideRoles.contains(role),
                        fields: Self.fields(row, ["org", "username", "role", "is_guest"]), kinds: kinds))
            }
        case .roleChanges:
            guard let members = table("org_members") else { return }
            try forEach(members, .changed) { difference in
                guard difference.changedColumns.contains("role"), let old = difference.old, let new = difference.new
                else { return }
                let newRole = new["role"].text
                let kinds = Self.roleKinds(newRole).union([.roleChange])
                let alert = Self.orgWideRoles.contains(newRole)
                try body(
                    SummaryItem(
                        sign: "~",
                        text: "\(new["org"].text): \(new["username"].text) \(old["role"].text) → \(newRole)"
                            + (alert ? " (now admin on every repository of the org)" : ""),
                        alert: alert,
                        fields: Self.fields(new, ["org", "username"]) + [
                            ("old_role", CellFormatting.json(old["role"])),
                            ("new_role", CellFormatting.json(new["role"])),
                        ],
                        kinds: kinds))
            }
        case .teamRoleChanges:
            guard let teams = table("teams") else { return }
            try forEach(teams, .changed) { difference in
                guard difference.changedColumns.contains("role"), let old = difference.old, let new = difference.new
                else { return }
                let newRole = new["role"].text
                let alert = Self.orgWideRoles.contains(newRole)
                let kinds = Self.roleKinds(newRole).union([.roleChange])
                let change = "\(Self.role(old["role"])) → \(Self.role(new["role"]))"
                try body(
                    SummaryItem(
                        sign: "~",
                        text: "\(new["org"].text)/\(new["name"].text): \(change)"
                            + (alert ? " (its members are now admin on every repository of the org)" : ""),
                        alert: alert,
                        fields: Self.fields(new, ["org", "name"]) + [
                            ("old_role", CellFormatting.json(old["role"])),
                            ("new_role", CellFormatting.json(new["role"])),
                        ],
                        kinds: kinds))
            }
            // A team renamed and given another role in one go is a removed and an added row, not a changed one.
            for rename in try renamedTeams() {
                let old = try value("SELECT role FROM main.teams WHERE org = ? AND name = ?", [rename.org, rename.old])
                let new = try value("SELECT role FROM new.teams WHERE org = ? AND name = ?", [rename.org, rename.new])
                guard !old.isIdentical(to: new) else { continue }
                let alert = Self.orgWideRoles.contains(new.text)
                let change = "\(Self.role(old)) → \(Self.role(new)) (renamed from \(rename.old))"
                try body(
                    SummaryItem(
                        sign: "~",
                        text: "\(rename.org)/\(rename.new): \(change)"
                            + (alert ? " (its members are now admin on every repository of the org)" : ""),
                        alert: alert,
                        fields: [
                            ("org", CellFormatting.jsonString(rename.org)),
                            ("name", CellFormatting.jsonString(rename.new)),
                            ("old_role", CellFormatting.json(old)), ("new_role", CellFormatting.json(new)),
                        ],
                        kinds: Self.roleKinds(new.text).union([.roleChange])))
            }
        case .teamMembershipChanges:
            guard let teamMembers = table("team_members") else { return }
            let renames = try renamedTeams()
            try forEachAddedOrRemoved(teamMembers) { difference, added in
                let row = difference.row
                let (org, team, username) = (row["org"].text, row["team"].text, row["username"].text)
                var kinds: Set<FailKind> = [.teamChange]
                var note = ""
                if added {
                    // Joining a team that holds the owner or editor role makes an owner or editor, unless the
                    // team was only renamed and the account was in it before.
                    let roleCell = try value("SELECT role FROM new.teams WHERE org = ? AND name = ?", [org, team])
                    let teamRole = roleCell.text
                    let renamedFrom = renames.first { $0.org == org && $0.new == team }?.old
                    let wasMember =
                        try renamedFrom.map {
                            try !value(
                                "SELECT 1 FROM main.team_members WHERE org = ? AND team = ? AND username = ?",
                                [org, $0, username]
                            ).isNull
                                && value("SELECT role FROM main.teams WHERE org = ? AND name = ?", [org, $0])
                                    .isIdentical(to: roleCell)
                        } ?? false
                    if Self.orgWideRoles.contains(teamRole), !wasMember {
                        kinds.formUnion(Self.roleKinds(teamRole))
                        note = " (the team holds the \(teamRole) role: admin on every repository of the org)"
                    }
                }
                try body(
                    SummaryItem(
                        sign: added ? "+" : "-", text: "\(org)/\(team): \(username)\(note)", alert: !note.isEmpty,
                        fields: Self.fields(row, ["org", "team", "username"])
                            + Self.change(added ? "added" : "removed"),
                        kinds: kinds))
            }
        case .teamsRenamed:
            for rename in try renamedTeams() {
                try body(
                    SummaryItem(
                        sign: "~", text: "\(rename.org): \(rename.old) → \(rename.new)", alert: false,
                        fields: [
                            ("org", CellFormatting.jsonString(rename.org)),
                            ("old_name", CellFormatting.jsonString(rename.old)),
                            ("new_name", CellFormatting.jsonString(rename.new)),
                        ],
                        kinds: [.teamChange]))
            }
        case .permissionChanges:
            guard let permissions = table("repository_permissions") else { return }
            let renames = try renamedTeams()
            try forEachInKeyOrder(permissions) { difference in
                let row = difference.row
                let (namespace, repository, team) = (row["namespace"].text, row["repository"].text, row["team"].text)
                let place = "\(namespace)/\(repository): team \(team)"
                let old = difference.old?["permission"] ?? .null
                let new = difference.new?["permission"] ?? .null
                var raised = Self.rank(new) > Self.rank(old)
                var text: String =
                    switch difference.kind {
                    case .added: "\(place) \(new.text)"
                    case .removed: "\(place) \(old.text)"
                    case .changed: "\(place) \(old.text) → \(new.text)"
                    }
                if difference.kind == .added,
                    let rename = renames.first(where: { $0.org == namespace && $0.new == team })
                {
                    // A renamed team keeps its grants: only more than it held under its old name is an escalation.
                    let before = try value(
                        "SELECT permission FROM main.repository_permissions "
                            + "WHERE namespace = ? AND repository = ? AND team = ?",
                        [namespace, repository, rename.old])
                    raised = Self.rank(new) > Self.rank(before)
                    text += " (renamed from \(rename.old)\(before.isNull ? "" : ", which held \(before.text)"))"
                } else if difference.kind == .removed,
                    let rename = renames.first(where: { $0.org == namespace && $0.old == team })
                {
                    text += " (renamed to \(rename.new))"
                }
                try body(
                    SummaryItem(
                        sign: Self.sign(difference.kind), text: text, alert: false,
                        fields: Self.fields(row, ["namespace", "repository", "team"])
                            + [
                                ("old_permission", CellFormatting.json(old)),
                                ("new_permission", CellFormatting.json(new)),
                            ]
                            + Self.change(difference.kind.rawValue),
                        kinds: raised ? [.permissionEscalation] : []))
            }
        case .madePublic:
            guard let repositories = table("repositories") else { return }
            try forEach(repositories, kinds: [.added, .changed]) { difference in
                guard difference.new?["is_private"] == .integer(0),
                    difference.kind == .added || difference.old?["is_private"] == .integer(1)
                else { return }
                let row = difference.row
                let how = difference.kind == .added ? "was created public" : "is now public"
                try body(
                    SummaryItem(
                        sign: "~", text: "\(row["namespace"].text)/\(row["name"].text) \(how) (read for everyone)",
                        alert: true,
                        fields: Self.fields(row, ["namespace", "name"]) + Self.change(difference.kind.rawValue),
                        kinds: [.repoMadePublic]))
            }
        case .accessGained, .accessLost, .accessViaChanges:
            try forEachAccessItem(of: section, body)
        }
    }

    /// Added, removed and changed rows of `table` merged into key order.
    func forEachInKeyOrder(_ table: TableSpec, _ body: (Difference) throws -> Void) throws {
        try forEach(table, kinds: Set(Difference.Kind.allCases), body)
    }

    private func forEachAddedOrRemoved(_ table: TableSpec, _ body: (Difference, Bool) throws -> Void) throws {
        try forEach(table, kinds: [.added, .removed]) { try body($0, $0.kind == .added) }
    }

    static let orgWideRoles: Set<String> = ["owner", "editor"]

    /// What holding `role` in an org counts as: a new owner or editor, or nothing.
    static func roleKinds(_ role: String) -> Set<FailKind> {
        switch role {
        case "owner": [.newOwner]
        case "editor": [.newEditor]
        default: []
        }
    }

    /// A team's role as shown: its name, or "no role".
    static func role(_ cell: Cell) -> String {
        cell.isNull ? "no role" : cell.text
    }

    static func rank(_ permission: Cell) -> Int {
        switch permission {
        case .text("admin"): 3
        case .text("write"): 2
        case .text("read"): 1
        default: 0
        }
    }

    static func sign(_ kind: Difference.Kind) -> Character {
        switch kind {
        case .added: "+"
        case .removed: "-"
        case .changed: "~"
        }
    }

    static func fields(_ row: CellRow, _ columns: [String]) -> [(String, String)] {
        columns.map { ($0, CellFormatting.json(row[$0])) }
    }

    private static func change(_ value: String) -> [(String, String)] {
        [("change", CellFormatting.jsonString(value))]
    }
}
