/// `GET /v2/user/`: the authenticated account.
package struct UserDTO: Decodable, Sendable, Equatable {
    package var id: String?
    package var username: String
}

/// An entry of `GET /v2/user/orgs` and the body of `GET /v2/orgs/{org}`.
package struct OrganizationDTO: Decodable, Sendable, Equatable {
    package var id: String?
    package var orgname: String?
    package var fullName: String?
    package var company: String?
    package var location: String?
    package var dateJoined: String?
}

/// An entry of `GET /v2/orgs/{org}/members`.
package struct MemberDTO: Decodable, Sendable, Equatable {
    package var id: String?
    package var username: String
    package var fullName: String?
    package var email: String?
    package var type: String?
    /// Capitalised in responses (`Owner`); may be a custom role name. It decides access, so a member without
    /// one (missing, `null` or empty) is not a member this client can store: decoding fails, naming the field.
    package var role: String
    package var groups: [String]?
    package var isGuest: Bool?
    package var dateJoined: String?
    package var lastLoggedInAt: String?

    enum CodingKeys: String, CodingKey {
        case id, username, fullName, email, type, role, groups, isGuest, dateJoined, lastLoggedInAt
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeIfPresent(String.self, forKey: .id)
        username = try container.decode(String.self, forKey: .username)
        fullName = try container.decodeIfPresent(String.self, forKey: .fullName)
        email = try container.decodeIfPresent(String.self, forKey: .email)
        type = try container.decodeIfPresent(String.self, forKey: .type)
        role = try container.decodeAccessField(forKey: .role)
        groups = try container.decodeIfPresent([String].self, forKey: .groups)
        isGuest = try container.decodeIfPresent(Bool.self, forKey: .isGuest)
        dateJoined = try container.decodeIfPresent(String.self, forKey: .dateJoined)
        lastLoggedInAt = try container.decodeIfPresent(String.self, forKey: .lastLoggedInAt)
    }
}

/// An entry of `GET /v2/orgs/{org}/groups`.
package struct TeamDTO: Decodable, Sendable, Equatable {
    package var id: Int?
    package var uuid: String?
    package var name: String
    package var description: String?
    package var memberCount: Int?
    package var role: String?
}

/// An entry of `GET /v2/orgs/{org}/invites`'s `data`.
package struct InviteDTO: Decodable, Sendable, Equatable {
    package var id: String
    package var inviterUsername: String?
    package var invitee: String?
    package var org: String?
    package var team: String?
    package var role: String?
    package var createdAt: String?
}
