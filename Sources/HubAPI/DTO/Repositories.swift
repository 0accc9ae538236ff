/// An entry of `GET /v2/namespaces/{ns}/repositories` (or the legacy `/v2/repositories/{ns}/`).
package struct RepositoryDTO: Decodable, Sendable, Equatable {
    package var name: String
    package var namespace: String?
    package var repositoryType: String?
    package var status: Int?
    package var statusDescription: String?
    package var description: String?
    /// Decides who reads the repository: required, never defaulted (a missing or `null` one fails decoding).
    package var isPrivate: Bool
    package var dateRegistered: String?
    package var lastUpdated: String?
}

/// An entry of `GET /v2/repositories/{ns}/{repo}/groups`: one team's permission on the repository.
package struct RepositoryGroupDTO: Decodable, Sendable, Equatable {
    package var groupId: Int?
    package var groupName: String
    /// `read`, `write` or `admin`; required and never empty, since it decides access.
    package var permission: String

    enum CodingKeys: String, CodingKey {
        case groupId, groupName, permission
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        groupId = try container.decodeIfPresent(Int.self, forKey: .groupId)
        groupName = try container.decode(String.self, forKey: .groupName)
        permission = try container.decodeAccessField(forKey: .permission)
    }
}
