import Foundation
import HubAPI
import Logging
import SnapshotStore

/// Runs one sync: authenticate, read every requested organization, write the snapshot, move it into place.
package enum Syncer {
    /// Orgs read at the same time; requests are bounded separately by the client's concurrency.
    static let organizationsInFlight = 4

    /// - Throws: ``APIError``, ``SyncError`` or ``StoreError``; on any of them the file at
    ///   `request.output` is untouched.
    package static func run(client: HubClient, request: SyncRequest, logger: Logger) async throws -> SyncSummary {
        let clock = ContinuousClock()
        let start = clock.now
        let startedAt = Timestamp.format(Date())
        let lock = try OutputLock.acquire(for: request.output)
        defer { withExtendedLifetime(lock) {} }
        // The lock is held: any temporary file beside the output is left over from a run that died.
        let removed = TemporaryFiles.removeStale(beside: request.output)
        for name in removed {
            logger.info("removed a temporary file left by an earlier run", metadata: ["file": "\(name)"])
        }
        let writer = try SnapshotWriter.begin(destination: request.output)
        do {
            let summary = try await readAndWrite(
                client: client, request: request, writer: writer, logger: logger, startedAt: startedAt)
            var result = summary
            result.duration = clock.now - start
            return result
        } catch {
            writer.discard()
            throw error
        }
    }

    private static func readAndWrite(
        client: HubClient, request: SyncRequest, writer: SnapshotWriter, logger: Logger, startedAt: String
    ) async throws -> SyncSummary {
        try await client.authenticate()
        let kind = client.credentials.kind
        let principal = try await principal(client: client)
        let warnings = Warnings()
        let orgs = try await organizations(client: client, request: request)
        logger.info("reading organizations", metadata: ["sync.orgs": .stringConvertible(orgs.count)])

        let reader = OrganizationReader(client: client, principal: principal, warnings: warnings, logger: logger)
        // The name each requested org has on Docker Hub, which the snapshot stores (`--org Acme` reads `acme`).
        var canonical: [String: String] = [:]
        try await withThrowingTaskGroup(of: (String, OrganizationBatch).self) { group in
            var pending = orgs[...]
            for _ in 0..<organizationsInFlight {
                guard let org = pending.popFirst() else { break }
                group.addTask { (org, try await reader.read(org)) }
            }
            while let (requested, batch) = try await group.next() {
                try await writer.write(batch)
                canonical[requested] = batch.organization.name
                if let org = pending.popFirst() {
                    group.addTask { (org, try await reader.read(org)) }
                }
            }
        }
        try await writer.write(accessTokens: personalTokens(client: client, owner: principal, warnings: warnings))

        let rateLimited = await client.rateLimitedCount()
        if rateLimited > 0 {
            await warnings.add(
                "Docker Hub rate-limited \(rateLimited) requests (HTTP 429); each was retried after the wait it asked for",
                org: nil)
            logger.notice("rate limited", metadata: ["http.rate_limited": .stringConvertible(rateLimited)])
        }
        let messages = await warnings.messages
        let info = SnapshotInfo(
            formatVersion: SnapshotSchema.currentVersion, toolVersion: request.toolVersion, startedAt: startedAt,
            finishedAt: Timestamp.format(Date()), apiUrl: client.configuration.baseURL.absoluteString,
            credentialKind: kind.rawValue, principal: principal,
            orgFilter: request.organizations.isEmpty ? nil : JSONText.array(orgs.map { canonical[$0] ?? $0 }),
            httpRequests: await client.requestCount(), warnings: JSONText.array(messages))
        let counts = try await writer.rowCounts()
        try await writer.finish(info)
        logger.info(
            "snapshot written",
            metadata: ["file": "\(request.output.path)", "http.requests": .stringConvertible(info.httpRequests)])
        return SyncSummary(
            output: request.output, principal: principal, credentialKind: kind.rawValue,
            rowCounts: counts.map { .init(table: $0.table, rows: $0.rows) }, httpRequests: info.httpRequests,
            rateLimited: rateLimited, retries: await client.retryCount(), warnings: messages,
            duration: .zero)
    }

    /// The username (password, PAT) or org name (OAT) that authenticated.
    private static func principal(client: HubClient) async throws -> String {
        guard client.credentials.kind != .oat else { return client.credentials.identifier }
        return try await client.currentUser().username
    }

    private static func organizations(client: HubClient, request: SyncRequest) async throws -> [String] {
        if !request.organizations.isEmpty {
            var seen = Set<String>()
            return request.organizations.filter { seen.insert($0.lowercased()).inserted }
        }
        guard client.credentials.kind != .oat else { throw SyncError.organizationsRequired }
        let orgs = try await client.userOrganizations().compactMap(\.orgname)
        var seen = Set<String>()
        return orgs.filter { seen.insert($0).inserted }
    }

    private static func personalTokens(client: HubClient, owner: String, warnings: Warnings) async throws
        -> [AccessTokenRow]
    {
        switch client.credentials.kind {
        case .oat:
            await warnings.add(
                "personal access tokens not read: an organization access token belongs to no user; "
                    + "sync with the owner's password to list them", org: nil)
            return []
        case .password, .pat:
            do {
                var seen = Set<String>()
                return try await client.personalAccessTokens().filter { seen.insert($0.uuid).inserted }.map {
                    AccessTokenRow(
                        kind: "personal", id: $0.uuid, org: nil, owner: owner, label: $0.tokenLabel,
                        scopes: JSONText.array($0.scopes ?? []), isActive: $0.isActive ?? false,
                        createdAt: Timestamp.normalize($0.createdAt), lastUsedAt: Timestamp.normalize($0.lastUsed),
                        expiresAt: Timestamp.normalize($0.expiresAt))
                }
            } catch let error as APIError {
                switch error {
                case .forbidden, .tokenKindNotAllowed:
                    await warnings.skipped(.personalTokens, org: nil, because: error)
                    return []
                default:
                    throw error
                }
            }
        }
    }
}
