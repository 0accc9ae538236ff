/// The kind of secret a JWT was minted from; it decides which routes the JWT may call.
enum CredentialKind: String, Sendable {
    case password
    case pat
    case oat
}

/// Who a valid bearer JWT speaks for.
struct Session: Sendable {
    var kind: CredentialKind
    /// The username for `password` and `pat`, the org name for `oat`.
    var principal: String
    /// The PAT's scopes (`repo:…`); empty for the other kinds.
    var personalScopes: [String] = []
    /// The OAT's resources; empty for the other kinds.
    var resources: [Dataset.OrgAccessToken.Resource] = []

    /// Whether any resource of the OAT lists the scope.
    func organizationTokenHas(scope: String) -> Bool {
        resources.contains { $0.scopes.contains(scope) }
    }

    /// Whether the PAT may see private repositories (any scope above `repo:public_read`).
    var personalTokenReadsPrivate: Bool {
        personalScopes.contains { $0 != "repo:public_read" }
    }
}

/// What the bearer of one request turned out to be.
enum Authentication: Sendable {
    /// No `Authorization` header.
    case anonymous
    case valid(Session)
    /// A bearer that is unknown, malformed or expired; the string is the 401 `detail`.
    case rejected(String)

    var session: Session? {
        if case .valid(let session) = self { session } else { nil }
    }
}
