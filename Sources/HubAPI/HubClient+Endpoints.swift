import Foundation
import Logging

/// The read-only endpoints a snapshot uses, named by what they return.
extension HubClient {
    package func currentUser() async throws -> UserDTO {
        try await get(UserDTO.self, url: url("/v2/user/"))
    }

    package func userOrganizations() async throws -> [OrganizationDTO] {
        try await list(OrganizationDTO.self, path: "/v2/user/orgs/")
    }

    package func organization(_ org: String) async throws -> OrganizationDTO {
        try await get(OrganizationDTO.self, url: url(Self.path("v2", "orgs", org)))
    }

    package func members(of org: String) async throws -> [MemberDTO] {
        try await list(MemberDTO.self, path: Self.path("v2", "orgs", org, "members"))
    }

    package func teams(of org: String) async throws -> [TeamDTO] {
        try await list(TeamDTO.self, path: Self.path("v2", "orgs", org, "groups"))
    }

    package func invites(of org: String) async throws -> [InviteDTO] {
        try await get(DataEnvelope<InviteDTO>.self, url: url(Self.path("v2", "orgs", org, "invites"))).data
    }

    /// The namespace's repositories from `/v2/namespaces/{ns}/repositories`, or from the legacy
    /// `/v2/repositories/{ns}/` when the new route does not exist on this server.
    package func repositories(of namespace: String) async throws -> [RepositoryDTO] {
        let path = Self.path("v2", "namespaces", namespace, "repositories")
        let start = firstPageURL(path)
        let firstPage: Page<RepositoryDTO>
        do {
            firstPage = try await get(Page<RepositoryDTO>.self, url: start)
        } catch APIError.notFound {
            logger.info("namespace repository route missing; using the legacy route", metadata: ["org": "\(namespace)"])
            return try await list(RepositoryDTO.self, path: Self.path("v2", "repositories", namespace, ""))
        }
        return try await paginate(RepositoryDTO.self, from: start, endpoint: path, firstPage: firstPage)
    }

    package func repositoryGroups(namespace: String, repository: String) async throws -> [RepositoryGroupDTO] {
        try await list(RepositoryGroupDTO.self, path: Self.path("v2", "repositories", namespace, repository, "groups"))
    }

    package func personalAccessTokens() async throws -> [PersonalAccessTokenDTO] {
        try await list(PersonalAccessTokenDTO.self, path: "/v2/access-tokens")
    }

    package func organizationAccessTokens(of org: String) async throws -> [OrgAccessTokenDTO] {
        try await list(OrgAccessTokenDTO.self, path: Self.path("v2", "orgs", org, "access-tokens"))
    }

    package func organizationAccessToken(of org: String, id: String) async throws -> OrgAccessTokenDTO {
        try await get(OrgAccessTokenDTO.self, url: url(Self.path("v2", "orgs", org, "access-tokens", id)))
    }
}
