import Foundation
import HubAPI
import Logging
import SnapshotStore

/// Reads one organization into an ``OrganizationBatch``.
struct OrganizationReader: Sendable {
    let client: HubClient
    let principal: String
    let warnings: Warnings
    let logger: Logger

    func read(_ requestedName: String) async throws -> OrganizationBatch {
        let detail: OrganizationDTO
        do {
            detail = try await client.organization(requestedName)
        } catch let error as APIError {
            switch error {
            case .notFound(_, let reason), .forbidden(_, let reason):
                throw SyncError.organizationNotVisible(org: requestedName, principal: principal, reason: reason)
            case .tokenKindNotAllowed:
                throw SyncError.organizationNotVisible(
                    org: requestedName, principal: principal, reason: error.localizedDescription)
            default:
                throw error
            }
        }
        let org = requestedName
        var batch = OrganizationBatch(
            organization: OrganizationRow(
                name: org, id: detail.id, fullName: detail.fullName, company: detail.company,
                location: detail.location, dateJoined: Timestamp.normalize(detail.dateJoined)))

        async let members = optional("members and team memberships", org: org) { try await client.members(of: org) }
        async let teams = optional("teams", org: org) { try await client.teams(of: org) }
        async let repositories = optional("repositories", org: org) { try await client.repositories(of: org) }
        async let invites = optional("pending invites", org: org) { try await client.invites(of: org) }
        async let tokens = optional("organization access tokens", org: org) {
            try await readOrganizationTokens(org)
        }

        let teamList = try await teams
        let memberList = try await members
        var rows = RowMapper(org: org)
        if let teamList {
            batch.teams = rows.teams(teamList)
        }
        if let memberList {
            (batch.accounts, batch.members) = rows.members(memberList)
            if teamList != nil {
                batch.teamMembers = rows.teamMembers(memberList, knownTeams: Set(batch.teams.map(\.name)))
            } else {
                await warnings.add(
                    "organization '\(org)': team memberships not stored because its teams could not be read")
            }
        }
        if let repositoryList = try await repositories {
            batch.repositories = rows.repositories(repositoryList)
            batch.permissions = rows.permissions(try await readPermissions(org, repositories: batch.repositories))
        }
        if let inviteList = try await invites {
            batch.invites = rows.invites(inviteList)
        }
        if let tokenList = try await tokens {
            batch.accessTokens = rows.organizationTokens(tokenList)
        }
        for message in rows.problems {
            await warnings.add("organization '\(org)': \(message)")
        }
        logger.info(
            "organization read",
            metadata: [
                "org": "\(org)", "sync.members": "\(batch.members.count)", "sync.teams": "\(batch.teams.count)",
                "sync.repositories": "\(batch.repositories.count)",
            ])
        return batch
    }

    /// Runs `read`; a 403 (the credential may not read this part) becomes a warning and `nil`.
    private func optional<T: Sendable>(
        _ part: String, org: String, _ read: @Sendable () async throws -> T
    ) async throws -> T? {
        do {
            return try await read()
        } catch let error as APIError {
            switch error {
            case .forbidden, .tokenKindNotAllowed:
                await warnings.skipped(part, org: org, because: error)
                logger.warning("part skipped", metadata: ["org": "\(org)", "sync.part": "\(part)"])
                return nil
            default:
                throw error
            }
        }
    }

    private func readOrganizationTokens(_ org: String) async throws -> [OrgAccessTokenDTO] {
        let list = try await client.organizationAccessTokens(of: org)
        return try await withThrowingTaskGroup(of: (Int, OrgAccessTokenDTO).self) { group in
            for (index, token) in list.enumerated() {
                group.addTask {
                    var detailed = token
                    detailed.resources = try await client.organizationAccessToken(of: org, id: token.id).resources
                    return (index, detailed)
                }
            }
            var detailed = list
            for try await (index, token) in group {
                detailed[index] = token
            }
            return detailed
        }
    }

    /// Reads each repository's team permissions. A 403 on one means the credential may read none of them:
    /// the rest are skipped with one warning.
    private func readPermissions(
        _ org: String, repositories: [RepositoryRow]
    ) async throws -> [(repository: String, groups: [RepositoryGroupDTO])] {
        let denied = DeniedFlag()
        let results = try await withThrowingTaskGroup(of: (Int, [RepositoryGroupDTO])?.self) { group in
            for (index, repository) in repositories.enumerated() {
                group.addTask {
                    guard await !denied.isSet else { return nil }
                    do {
                        return (index, try await client.repositoryGroups(namespace: org, repository: repository.name))
                    } catch let error as APIError {
                        switch error {
                        case .forbidden, .tokenKindNotAllowed:
                            await denied.set(error)
                            return nil
                        case .notFound:
                            await warnings.add(
                                "organization '\(org)': repository '\(repository.name)' vanished while reading its team permissions"
                            )
                            return nil
                        default:
                            throw error
                        }
                    }
                }
            }
            var collected: [(Int, [RepositoryGroupDTO])] = []
            for try await result in group {
                if let result { collected.append(result) }
            }
            return collected
        }
        if let error = await denied.error {
            await warnings.skipped("repository team permissions", org: org, because: error)
            return []
        }
        return results.sorted { $0.0 < $1.0 }.map { (repositories[$0.0].name, $0.1) }
    }
}

/// Set once when a part turns out to be off limits, so the requests still queued for it are not sent.
private actor DeniedFlag {
    private(set) var error: APIError?
    var isSet: Bool { error != nil }

    func set(_ error: APIError) {
        if self.error == nil { self.error = error }
    }
}
