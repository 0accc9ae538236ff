/// The kind of secret a sync authenticated with; it decides which endpoints Docker Hub answers.
package enum CredentialKind: String, Sendable, Codable, CaseIterable {
    /// An account password (the most powerful; impossible in SSO-enforced orgs).
    case password
    /// A personal access token, `dckr_pat_…`: repository endpoints only.
    case pat
    /// An organization access token, `dckr_oat_…`, whose identifier is the org name.
    case oat

    /// Infers the kind from the secret's prefix, as Docker Hub issues them.
    package init(secret: Secret) {
        if secret.hasPrefix("dckr_pat_") {
            self = .pat
        } else if secret.hasPrefix("dckr_oat_") {
            self = .oat
        } else {
            self = .password
        }
    }

    /// How people call this kind in messages.
    package var displayName: String {
        switch self {
        case .password: "password"
        case .pat: "personal access token"
        case .oat: "organization access token"
        }
    }

    /// ``displayName`` with its indefinite article ("an organization access token").
    package var withArticle: String {
        switch self {
        case .password: "a password"
        case .pat: "a personal access token"
        case .oat: "an organization access token"
        }
    }
}

/// A secret value that never prints itself.
///
/// `description`, `debugDescription` and string interpolation all give `<redacted>`; the only way to the
/// value is ``reveal()``, called where the secret goes onto the wire.
package struct Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    private let value: String

    package init(_ value: String) {
        self.value = value
    }

    package var description: String { "<redacted>" }
    package var debugDescription: String { "<redacted>" }
    package var isEmpty: Bool { value.isEmpty }

    package func hasPrefix(_ prefix: String) -> Bool { value.hasPrefix(prefix) }

    /// The raw value, for the request body that sends it to Docker Hub.
    package func reveal() -> String { value }
}

/// Who authenticates and with what.
package struct Credentials: Sendable {
    /// A username, or the organization name for an organization access token.
    package var identifier: String
    package var secret: Secret
    /// A TOTP code for a password login that needs a second factor.
    package var otp: String?

    package init(identifier: String, secret: Secret, otp: String? = nil) {
        self.identifier = identifier
        self.secret = secret
        self.otp = otp
    }

    package var kind: CredentialKind { CredentialKind(secret: secret) }
}
