import SnapshotStore

/// The auditor's view of a diff: each change told once, at its cause (a role, a team, a grant, a repository),
/// never once per member × repository it reaches; and which ``FailKind``s an item counts as.
package enum SummarySection: String, CaseIterable, Sendable {
    case membersAdded = "members_added"
    case membersRemoved = "members_removed"
    case roleChanges = "role_changes"
    case teamRoleChanges = "team_role_changes"
    case teamsRenamed = "teams_renamed"
    case orgWideGrants = "org_wide_grants"
    case teamMembershipChanges = "team_membership_changes"
    case permissionChanges = "repository_permission_changes"
    case repositoriesCreated = "repositories_created"
    case repositoriesDeleted = "repositories_deleted"
    case madePublic = "repositories_made_public"

    package var title: String {
        switch self {
        case .membersAdded: "Org members added"
        case .membersRemoved: "Org members removed"
        case .roleChanges: "Org role changes"
        case .teamRoleChanges: "Team role changes"
        case .teamsRenamed: "Teams renamed"
        case .orgWideGrants: "Org-wide grants (admin on every repository of the org)"
        case .teamMembershipChanges: "Team membership changes"
        case .permissionChanges: "Repository team permission changes"
        case .repositoriesCreated: "Repositories created"
        case .repositoriesDeleted: "Repositories deleted"
        case .madePublic: "Repositories made public"
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
        switch section {
        case .membersAdded, .membersRemoved:
            try memberItems(added: section == .membersAdded, body)
        case .roleChanges:
            try roleChangeItems(body)
        case .teamRoleChanges:
            try teamRoleChanges { try body(Self.item($0)) }
        case .teamsRenamed:
            for rename in try renamedTeams() {
                try body(
                    SummaryItem(
                        sign: "~", text: "\(rename.org): \(rename.old) → \(rename.new)", alert: false,
                        fields: [
                            ("org", Self.json(rename.org)), ("old_name", Self.json(rename.old)),
                            ("new_name", Self.json(rename.new)),
                        ],
                        kinds: [.teamChange]))
            }
        case .orgWideGrants:
            try orgGrantChanges { try body(Self.item($0)) }
        case .teamMembershipChanges:
            try membershipChanges { change in
                // A membership kept under a renamed team is told by the rename.
                guard !change.carriedByRename else { return }
                try body(Self.item(change))
            }
        case .permissionChanges:
            try permissionChanges { change in
                // A created or deleted repository's grants are told with the repository, and a grant a renamed
                // team keeps as it was is told by the rename.
                guard change.repositoryChange == nil else { return }
                if change.renamedFrom != nil, change.heldBeforeRename == change.newPermission { return }
                if change.renamedTo != nil, change.heldAfterRename == change.oldPermission { return }
                try body(Self.item(change))
            }
        case .repositoriesCreated, .repositoriesDeleted:
            let added = section == .repositoriesCreated
            try repositoryChanges { change in
                guard change.added == added else { return }
                try body(Self.item(change))
            }
        case .madePublic:
            try madePublicItems(body)
        }
    }

    private func memberItems(added: Bool, _ body: (SummaryItem) throws -> Void) throws {
        try forEach(try Self.spec("org_members"), added ? .added : .removed) { difference in
            let row = difference.row
            let role = row["role"].text
            let guest = row["is_guest"] == .integer(1) ? ", guest" : ""
            let kinds = Set<FailKind>([added ? .newMember : .removedMember]).union(added ? Self.roleKinds(role) : [])
            try body(
                SummaryItem(
                    sign: added ? "+" : "-", text: "\(row["org"].text): \(row["username"].text) (\(role)\(guest))",
                    alert: added && AccessRules.orgWideRoles.contains(role),
                    fields: Self.fields(row, ["org", "username", "role", "is_guest"]), kinds: kinds))
        }
    }

    private func roleChangeItems(_ body: (SummaryItem) throws -> Void) throws {
        try forEach(try Self.spec("org_members"), .changed) { difference in
            guard difference.changedColumns.contains("role"), let old = difference.old, let new = difference.new
            else { return }
            let newRole = new["role"].text
            try body(
                SummaryItem(
                    sign: "~", text: "\(new["org"].text): \(new["username"].text) \(old["role"].text) → \(newRole)",
                    alert: AccessRules.orgWideRoles.contains(newRole),
                    fields: Self.fields(new, ["org", "username"]) + [
                        ("old_role", CellFormatting.json(old["role"])), ("new_role", CellFormatting.json(new["role"])),
                    ],
                    kinds: Self.roleKinds(newRole).union([.roleChange])))
        }
    }

    private func madePublicItems(_ body: (SummaryItem) throws -> Void) throws {
        // A repository created public is told once, with the repositories created.
        try forEach(try Self.spec("repositories"), .changed) { difference in
            guard difference.new?["is_private"] == .integer(0), difference.old?["is_private"] == .integer(1) else {
                return
            }
            let row = difference.row
            try body(
                SummaryItem(
                    sign: "~", text: "\(row["namespace"].text)/\(row["name"].text) is now public (read for everyone)",
                    alert: true, fields: Self.fields(row, ["namespace", "name"]), kinds: [.repoMadePublic]))
        }
    }

    private static func spec(_ name: String) throws -> TableSpec {
        // A section whose table is missing must fail loudly, never print an empty section of an audit report.
        guard let table = TableSpec.named(name) else { throw StoreError.unknownTable(name) }
        return table
    }

    static func item(_ change: TeamRoleChange) -> SummaryItem {
        let newRole = change.newRole ?? ""
        let alert = AccessRules.orgWideRoles.contains(newRole)
        let renamed = change.renamedFrom.map { " (renamed from \($0))" } ?? ""
        return SummaryItem(
            sign: "~",
            text: "\(change.org)/\(change.team): \(role(change.oldRole)) → \(role(change.newRole))\(renamed)",
            alert: alert,
            fields: [
                ("org", json(change.org)), ("name", json(change.team)), ("old_role", json(change.oldRole)),
                ("new_role", json(change.newRole)), ("renamed_from", json(change.renamedFrom)),
            ],
            kinds: roleKinds(newRole).union([.roleChange]))
    }

    static func item(_ change: OrgGrantChange) -> SummaryItem {
        let who = "\(change.org): \(change.username)"
        let every = "every repository of \(change.org): \(grouped(change.repositories))"
        let text: String
        let kinds: Set<FailKind>
        switch change.kind {
        case .added:
            text = "\(who) now admin on \(every), via \(change.newVia ?? "")"
            kinds = [.accessGained, .permissionEscalation]
        case .removed:
            text = "\(who) no longer admin on \(every) (was via \(change.oldVia ?? ""))"
            kinds = [.accessLost]
        case .changed:
            text = "\(who) admin on every repository, via \(change.oldVia ?? "") → \(change.newVia ?? "")"
            kinds = []
        }
        return SummaryItem(
            sign: sign(change.kind), text: text, alert: change.kind == .added,
            fields: [
                ("org", json(change.org)), ("username", json(change.username)), ("old_via", json(change.oldVia)),
                ("new_via", json(change.newVia)), ("repositories", "\(change.repositories)"),
                ("change", json(change.kind.rawValue)),
            ],
            kinds: kinds)
    }

    static func item(_ change: MembershipChange) -> SummaryItem {
        var kinds: Set<FailKind> = [.teamChange]
        var notes: [String] = []
        let orgWideRole = change.teamRole.flatMap { AccessRules.orgWideRoles.contains($0) ? $0 : nil }
        if let orgWideRole {
            notes.append("the team holds the \(orgWideRole) role: admin on every repository of \(change.org)")
        }
        if !change.grants.isEmpty {
            notes.append("the team grants " + grantsText(change.grants))
        }
        // The account's org-wide sources other than this team: with any, it reaches every repository anyway.
        let otherSources = (change.orgWideVia?.split(separator: ", ").map(String.init) ?? []).filter {
            $0 != "team-role:\(change.team)"
        }
        if !change.isOrgMember {
            notes.append("not an org member: grants nothing")
        } else if !otherSources.isEmpty {
            notes.append("already admin on every repository via \(otherSources.joined(separator: ", "))")
        }
        if change.carriedByRename {
            notes.append(change.added ? "carried over from the team's old name" : "carried over to the team's new name")
        }
        // What the membership itself gives or takes: nothing when the account is not an org member, already
        // reaches every repository through something else, or keeps the membership under the team's new name.
        let counts = change.isOrgMember && !change.carriedByRename && otherSources.isEmpty
        if counts {
            if change.added {
                if let orgWideRole { kinds.formUnion(roleKinds(orgWideRole)) }
                if orgWideRole != nil || !change.grants.isEmpty {
                    kinds.formUnion([.accessGained, .permissionEscalation])
                }
            } else if orgWideRole != nil || !change.grants.isEmpty {
                kinds.insert(.accessLost)
            }
        }
        let note = notes.isEmpty ? "" : " (\(notes.joined(separator: "; ")))"
        return SummaryItem(
            sign: change.added ? "+" : "-", text: "\(change.org)/\(change.team): \(change.username)\(note)",
            alert: change.added && counts && orgWideRole != nil,
            fields: [
                ("org", json(change.org)), ("team", json(change.team)), ("username", json(change.username)),
                ("team_role", json(change.teamRole)),
                (
                    "grants",
                    CellFormatting.jsonObject(change.grants.sorted { $0.key < $1.key }.map { ($0.key, "\($0.value)") })
                ),
                ("change", json(change.added ? "added" : "removed")),
            ],
            kinds: kinds)
    }

    static func item(_ change: PermissionChange) -> SummaryItem {
        let place = "\(change.namespace)/\(change.repository): team \(change.team)"
        let old = change.oldPermission
        let new = change.newPermission
        var text: String =
            switch change.kind {
            case .added: "\(place) \(new ?? "")"
            case .removed: "\(place) \(old ?? "")"
            case .changed: "\(place) \(old ?? "") → \(new ?? "")"
            }
        // A renamed team keeps its grants: only a change from what it held under its other name counts.
        var before = old
        var after = new
        if let from = change.renamedFrom {
            before = change.heldBeforeRename
            text += " (renamed from \(from)\(change.heldBeforeRename.map { ", which held \($0)" } ?? ""))"
        } else if let to = change.renamedTo {
            after = change.heldAfterRename
            text += " (renamed to \(to)\(change.heldAfterRename.map { ", which holds \($0)" } ?? ""))"
        }
        let reach = "reaches \(grouped(change.reach)) \(change.reach == 1 ? "member" : "members")"
        text += " (\(reach))"
        var kinds: Set<FailKind> = []
        let raised = AccessRules.rank(after) > AccessRules.rank(before)
        let lowered = AccessRules.rank(after) < AccessRules.rank(before)
        if raised, change.renamedTo == nil {
            kinds.insert(.permissionEscalation)
            if change.reach > 0 { kinds.insert(.accessGained) }
        }
        if lowered, change.renamedFrom == nil, change.reach > 0 { kinds.insert(.accessLost) }
        return SummaryItem(
            sign: sign(change.kind), text: text, alert: false,
            fields: [
                ("namespace", json(change.namespace)), ("repository", json(change.repository)),
                ("team", json(change.team)), ("old_permission", json(old)), ("new_permission", json(new)),
                ("reach", "\(change.reach)"), ("change", json(change.kind.rawValue)),
            ],
            kinds: kinds)
    }

    static func item(_ change: RepositoryChange) -> SummaryItem {
        let visibility = change.isPrivate.map { $0 ? "private" : "public: read for everyone" } ?? "visibility unknown"
        let teams = change.teams.map {
            "\($0.team) \($0.permission), \(grouped($0.members)) \($0.members == 1 ? "member" : "members")"
        }
        let reached = teams.isEmpty ? "no team grants" : "teams: " + teams.joined(separator: "; ")
        var kinds: Set<FailKind> = []
        if change.added {
            if change.isPrivate == false { kinds.insert(.repoMadePublic) }
            if change.teams.contains(where: { $0.members > 0 }) {
                kinds.formUnion([.accessGained, .permissionEscalation])
            } else if !change.teams.isEmpty {
                kinds.insert(.permissionEscalation)
            }
        }
        let teamsJSON =
            "["
            + change.teams.map {
                CellFormatting.jsonObject([
                    ("team", json($0.team)), ("permission", json($0.permission)), ("members", "\($0.members)"),
                ])
            }.joined(separator: ",") + "]"
        return SummaryItem(
            sign: change.added ? "+" : "-",
            text: "\(change.namespace)/\(change.name) (\(visibility); \(reached))",
            alert: change.added && change.isPrivate == false,
            fields: [
                ("namespace", json(change.namespace)), ("name", json(change.name)),
                ("is_private", change.isPrivate.map { $0 ? "true" : "false" } ?? "null"), ("teams", teamsJSON),
            ],
            kinds: kinds)
    }

    /// "write on 30 repositories, read on 2 repositories", highest permission first.
    static func grantsText(_ grants: [String: Int]) -> String {
        AccessRules.permissions.reversed().compactMap { permission in
            grants[permission].map { "\(permission) on \(grouped($0)) \($0 == 1 ? "repository" : "repositories")" }
        }.joined(separator: ", ")
    }

    /// `10000` as "10,000".
    static func grouped(_ number: Int) -> String {
        let digits = Array(String(number.magnitude))
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return (number < 0 ? "-" : "") + text
    }

    /// What holding `role` in an org counts as: a new owner or editor, or nothing.
    static func roleKinds(_ role: String) -> Set<FailKind> {
        switch role {
        case "owner": [.newOwner]
        case "editor": [.newEditor]
        default: []
        }
    }

    /// A team's role as shown: its name, or "no role".
    static func role(_ role: String?) -> String {
        role ?? "no role"
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

    private static func json(_ text: String?) -> String {
        text.map(CellFormatting.jsonString) ?? "null"
    }
}
