/// An entry of `GET /v2/access-tokens`: one of the caller's personal access tokens.
package struct PersonalAccessTokenDTO: Decodable, Sendable, Equatable {
    package var uuid: String
    package var tokenLabel: String?
    package var scopes: [String]?
    package var isActive: Bool?
    package var createdAt: String?
    package var lastUsed: String?
    package var expiresAt: String?
}

/// An entry of `GET /v2/orgs/{org}/access-tokens`, and with `resources` the body of the per-token detail.
package struct OrgAccessTokenDTO: Decodable, Sendable, Equatable {
    package var id: String
    package var label: String?
    package var createdBy: String?
    package var isActive: Bool?
    package var createdAt: String?
    package var expiresAt: String?
    package var lastUsedAt: String?
    package var resources: [Resource]?

    package struct Resource: Decodable, Sendable, Equatable {
        package var type: String?
        package var path: String?
        package var scopes: [String]?
    }
}

/// The replies of the three token exchanges.
struct TokenReplyDTO: Decodable, Sendable {
    var accessToken: String?
    var token: String?
    var detail: String?
    var message: String?
    var login2faToken: String?

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case token, detail, message
        case login2faToken = "login_2fa_token"
    }
}

/// The error bodies Docker Hub sends: `detail`, `message`, `text`, in that order of preference after `message`.
struct ErrorBodyDTO: Decodable, Sendable {
    var message: String?
    var detail: String?
    var text: String?

    var summary: String? {
        for candidate in [message, detail, text] {
            if let candidate, !candidate.isEmpty { return candidate }
        }
        return nil
    }
}
