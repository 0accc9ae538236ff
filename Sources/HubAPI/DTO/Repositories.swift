/// An entry of `GET /v2/namespaces/{ns}/repositories` (or the legacy `/v2/repositories/{ns}/`).
package struct RepositoryDTO: Decodable, Sendable, Equatable {
    package var name: String
    package var namespace: String?
    package var repositoryType: String?
    package var status: Int?
    package var statusDescription: String?
    package var description: String?
    package var isPrivate: Bool?
    package var dateRegistered: String?
    package var lastUpdated: String?
}

/// An entry of `GET /v2/repositories/{ns}/{repo}/groups`: one team's permission on the repository.
package struct RepositoryGroupDTO: Decodable, Sendable, Equatable {
    package var groupId: Int?
    package var groupName: String
    package var permission: String
}
