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
        let org = try Self.canonicalName(detail.orgname, requested: requestedName)
        var batch = OrganizationBatch(
            organization: OrganizationRow(
                name: org, id: detail.id, fullName: detail.fullName, company: detail.company,
                location: detail.location, dateJoined: Timestamp.normalize(detail.dateJoined)))

        async let members = optional(.members, org: org) {
            do {
                return try await client.members(of: org)
            } catch APIError.forbidden(_, let detail) where client.credentials.kind != .pat {
                // A password or an organization access token reads the members of any org it belongs to: a refusal
                // means it does not (a typo in --org of a public org) or lacks the scope, and a snapshot without
                // members would pass for one of an org with none.
                throw SyncError.membersNotReadable(
                    org: org, principal: principal, kind: client.credentials.kind, reason: detail)
            }
        }
        async let teams = optional(.teams, org: org) { try await client.teams(of: org) }
        async let repositories = optional(.repositories, org: org) { try await client.repositories(of: org) }
        async let invites = optional(.invites, org: org) { try await client.invites(of: org) }
        async let tokens = optional(.organizationTokens, org: org) {
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
                await warnings.add("team memberships not stored because its teams could not be read", org: org)
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
            await warnings.add(message, org: org)
        }
        logger.info(
            "organization read",
            metadata: [
                "org": "\(org)", "sync.members": .stringConvertible(batch.members.count),
                "sync.teams": .stringConvertible(batch.teams.count),
                "sync.repositories": .stringConvertible(batch.repositories.count),
            ])
        return batch
    }

    /// Runs `read`; a 403 (the credential may not read this part) becomes a warning and `nil`.
    private func optional<T: Sendable>(
        _ part: SyncPart, org: String, _ read: @Sendable () async throws -> T
    ) async throws -> T? {
        do {
            return try await read()
        } catch let error as APIError {
            switch error {
            case .forbidden, .tokenKindNotAllowed:
                await warnings.skipped(part, org: org, because: error)
                logger.warning(
                    "part skipped",
                    metadata: [
                        "org": "\(org)", "sync.part": "\(part.label)", "sync.reason": "\(error.localizedDescription)",
                    ])
                return nil
            default:
                throw error
            }
        }
    }

    /// The org's access tokens with the resources each may reach; a token deleted between the list and its
    /// detail (404) is left out with a warning, like any other object that vanished mid-read.
    private func readOrganizationTokens(_ org: String) async throws -> [OrgAccessTokenDTO] {
        let list = try await client.organizationAccessTokens(of: org)
        return try await withThrowingTaskGroup(of: (Int, OrgAccessTokenDTO?).self) { group in
            for (index, token) in list.enumerated() {
                group.addTask {
                    var detailed = token
                    do {
                        detailed.resources = try await client.organizationAccessToken(of: org, id: token.id).resources
                    } catch APIError.notFound {
                        await warnings.add(
                            "access token '\(token.id)' vanished while it was read; not stored", org: org)
                        return (index, nil)
                    }
                    return (index, detailed)
                }
            }
            var detailed: [OrgAccessTokenDTO?] = list
            for try await (index, token) in group {
                detailed[index] = token
            }
            return detailed.compactMap { $0 }
        }
    }

    /// Reads each repository's team permissions.
    ///
    /// Docker Hub decides per repository (a team's `admin` grant lets a member read that repository's teams), so
    /// a 403 on one does not void the others: what was read is kept and the refused ones are counted in one
    /// warning. When the first ``probeLimit`` answers are all refusals, the credential reads none of them and
    /// the rest are not requested.
    private func readPermissions(
        _ org: String, repositories: [RepositoryRow]
    ) async throws -> [(repository: String, groups: [RepositoryGroupDTO])] {
        let tally = PermissionTally()
        // Tasks are added as earlier ones finish, never more than the client sends at once: a task decides
        // whether to ask only when it starts, so that it sees the refusals that came before it.
        let results = try await withThrowingTaskGroup(of: (Int, [RepositoryGroupDTO])?.self) { group in
            let read: @Sendable (Int, RepositoryRow) async throws -> (Int, [RepositoryGroupDTO])? = {
                index, repository in
                if await tally.skipIfGivenUp(repository.name, probeLimit: Self.probeLimit) { return nil }
                do {
                    let groups = try await client.repositoryGroups(namespace: org, repository: repository.name)
                    await tally.read()
                    return (index, groups)
                } catch let error as APIError {
                    switch error {
                    case .forbidden, .tokenKindNotAllowed:
                        await tally.refused(repository.name, error)
                        return nil
                    case .notFound:
                        await warnings.add(
                            "repository '\(repository.name)' vanished while reading its team permissions", org: org)
                        return nil
                    default:
                        throw error
                    }
                }
            }
            var pending = repositories.enumerated().makeIterator()
            for _ in 0..<client.configuration.concurrency {
                guard let (index, repository) = pending.next() else { break }
                group.addTask { try await read(index, repository) }
            }
            var collected: [(Int, [RepositoryGroupDTO])] = []
            while let result = try await group.next() {
                if let result { collected.append(result) }
                if let (index, repository) = pending.next() {
                    group.addTask { try await read(index, repository) }
                }
            }
            return collected
        }
        if let error = await tally.firstRefusal {
            let refused = await tally.refusedNames.count
            if await tally.readCount == 0 {
                await warnings.skipped(.repositoryPermissions, org: org, because: error)
            } else {
                let names = await tally.refusedNames.sorted().prefix(5).joined(separator: ", ")
                await warnings.add(
                    "team permissions of \(refused) of \(repositories.count) repositories not read"
                        + " (\(names)\(refused > 5 ? ", …" : "")): \(error.localizedDescription)"
                        + SyncPart.repositoryPermissions.advice(after: error),
                    org: org)
            }
            logger.warning(
                "repository team permissions refused",
                metadata: ["org": "\(org)", "sync.refused": .stringConvertible(refused)])
        }
        return results.sorted { $0.0 < $1.0 }.map { (repositories[$0.0].name, $0.1) }
    }

    /// The name Docker Hub gives the org (`orgname`), so that `--org Acme` and `--org acme` store the same
    /// snapshot. Docker Hub names are lowercase: without an `orgname`, the requested name lowercased. An
    /// `orgname` that is another org than the one asked for is a reply about something else: an error.
    static func canonicalName(_ orgname: String?, requested: String) throws -> String {
        guard let orgname, !orgname.isEmpty else { return requested.lowercased() }
        guard orgname.lowercased() == requested.lowercased() else {
            throw APIError.undecodable(
                endpoint: HubClient.path("v2", "orgs", requested),
                reason: "orgname '\(orgname)' is not the organization asked for, '\(requested)'")
        }
        return orgname
    }

    /// How many refusals in a row, with nothing read, mean the credential reads no repository's teams.
    static let probeLimit = 8
}

/// Counts which repositories' team permissions were read and which were refused.
private actor PermissionTally {
    private(set) var readCount = 0
    private(set) var refusedNames: [String] = []
    private(set) var firstRefusal: APIError?

    func read() { readCount += 1 }

    func refused(_ name: String, _ error: APIError) {
        refusedNames.append(name)
        if firstRefusal == nil { firstRefusal = error }
    }

    /// Once `probeLimit` refusals came back and nothing was read, the rest would be refused too: counts
    /// `name` as refused without asking, and returns true.
    func skipIfGivenUp(_ name: String, probeLimit: Int) -> Bool {
        guard readCount == 0 && refusedNames.count >= probeLimit else { return false }
        refusedNames.append(name)
        return true
    }
}
