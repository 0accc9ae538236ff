import Foundation
import HubAPI
import SnapshotStore

/// Turns one org's API replies into snapshot rows: lower-cases roles, normalizes timestamps, drops
/// duplicates and references to things that do not exist, and notes each such repair in ``problems``.
struct RowMapper {
    let org: String
    private(set) var problems: [String] = []

    init(org: String) {
        self.org = org
    }

    mutating func teams(_ teams: [TeamDTO]) -> [TeamRow] {
        unique(teams, key: \.name, what: "teams").map {
            TeamRow(
                org: org, name: $0.name, id: $0.id, uuid: $0.uuid, description: $0.description,
                memberCount: $0.memberCount, role: $0.role?.lowercased())
        }
    }

    mutating func members(_ members: [MemberDTO]) -> ([AccountRow], [OrgMemberRow]) {
        let members = unique(members, key: \.username, what: "members")
        let accounts = members.map {
            AccountRow(username: $0.username, id: $0.id, fullName: $0.fullName, email: $0.email, type: $0.type)
        }
        let rows = members.map {
            OrgMemberRow(
                org: org, username: $0.username, role: $0.role.lowercased(), isGuest: $0.isGuest ?? false,
                dateJoined: timestamp($0.dateJoined), lastLoggedInAt: timestamp($0.lastLoggedInAt))
        }
        return (accounts, rows)
    }

    /// Memberships from each member's `groups`; names of teams that are not in the team list are dropped.
    mutating func teamMembers(_ members: [MemberDTO], knownTeams: Set<String>) -> [TeamMemberRow] {
        var seen = Set<[String]>()
        var rows: [TeamMemberRow] = []
        var unknown = 0
        for member in unique(members, key: \.username, what: nil) {
            for team in member.groups ?? [] {
                guard knownTeams.contains(team) else {
                    unknown += 1
                    continue
                }
                if seen.insert([team, member.username]).inserted {
                    rows.append(TeamMemberRow(org: org, team: team, username: member.username))
                }
            }
        }
        if unknown > 0 {
            problems.append("\(unknown) team memberships name teams missing from the team list and were left out")
        }
        return rows.sorted { ($0.team, $0.username) < ($1.team, $1.username) }
    }

    mutating func repositories(_ repositories: [RepositoryDTO]) -> [RepositoryRow] {
        unique(repositories, key: \.name, what: "repositories").map {
            RepositoryRow(
                namespace: org, name: $0.name, isPrivate: $0.isPrivate,
                status: $0.statusDescription ?? $0.status.map(String.init), description: $0.description,
                repositoryType: $0.repositoryType, dateRegistered: timestamp($0.dateRegistered),
                lastUpdated: timestamp($0.lastUpdated))
        }
    }

    mutating func permissions(_ perRepository: [(repository: String, groups: [RepositoryGroupDTO])])
        -> [RepositoryPermissionRow]
    {
        var rows: [RepositoryPermissionRow] = []
        for (repository, groups) in perRepository {
            for group in unique(groups, key: \.groupName, what: "team permissions of '\(repository)'") {
                let permission = group.permission.lowercased()
                guard ["read", "write", "admin"].contains(permission) else {
                    problems.append(
                        "unknown permission '\(group.permission)' of team '\(group.groupName)' on '\(repository)' left out"
                    )
                    continue
                }
                rows.append(
                    RepositoryPermissionRow(
                        namespace: org, repository: repository, team: group.groupName, permission: permission))
            }
        }
        return rows
    }

    mutating func invites(_ invites: [InviteDTO]) -> [InviteRow] {
        unique(invites, key: \.id, what: "invites").map {
            InviteRow(
                org: org, id: $0.id, invitee: $0.invitee, role: $0.role?.lowercased(), team: $0.team,
                inviter: $0.inviterUsername, createdAt: timestamp($0.createdAt))
        }
    }

    /// Scopes are stored as `path:scope`, e.g. `acme:scope-member-read` or `acme/*:scope-image-pull`.
    mutating func organizationTokens(_ tokens: [OrgAccessTokenDTO]) -> [AccessTokenRow] {
        unique(tokens, key: \.id, what: "organization access tokens").map { token in
            let scopes = (token.resources ?? []).flatMap { resource in
                (resource.scopes ?? []).map { "\(resource.path ?? "?"):\($0)" }
            }
            return AccessTokenRow(
                kind: "organization", id: token.id, org: org, owner: token.createdBy, label: token.label,
                scopes: JSONText.array(scopes.sorted()), isActive: token.isActive ?? false,
                createdAt: timestamp(token.createdAt), lastUsedAt: timestamp(token.lastUsedAt),
                expiresAt: timestamp(token.expiresAt))
        }
    }

    private mutating func timestamp(_ text: String?) -> String? {
        let normalized = Timestamp.normalize(text)
        if normalized == nil, let text, !text.isEmpty {
            problems.append("unreadable timestamp '\(text.prefix(40))' stored as NULL")
        }
        return normalized
    }

    /// Keeps the first of each key; notes how many repeats were dropped.
    private mutating func unique<T>(_ items: [T], key: (T) -> String, what: String?) -> [T] {
        var seen = Set<String>()
        let kept = items.filter { seen.insert(key($0)).inserted }
        if let what, kept.count < items.count {
            problems.append("\(items.count - kept.count) duplicate \(what) in Docker Hub's reply were ignored")
        }
        return kept
    }
}

/// JSON text for the snapshot's JSON columns.
package enum JSONText {
    /// A compact JSON array of strings, slashes unescaped.
    package static func array(_ strings: [String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        guard let data = try? encoder.encode(strings) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }
}
