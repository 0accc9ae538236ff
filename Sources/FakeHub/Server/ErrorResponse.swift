import Hummingbird

/// A Docker Hub error reply, thrown by route handlers and turned into a response by ``FrontMiddleware``.
///
/// Each constructor reproduces one body shape the real API is known to send (see `dockerhub-api.md` §5).
struct ErrorResponse: Error, Sendable {
    var status: HTTPResponse.Status
    var body: JSONValue

    /// 401 from the token exchange: the `error` schema with both `detail` and `message`.
    static let incorrectCredentials = ErrorResponse(
        status: .unauthorized,
        body: .object([
            "errinfo": .object([]),
            "detail": "Incorrect authentication credentials",
            "message": "Incorrect authentication credentials",
        ])
    )

    /// 403 for a JWT minted from a personal access token on an org-management route.
    static let personalAccessTokenRestricted = ErrorResponse(
        status: .forbidden,
        body: .object(["errinfo": .object([]), "message": "token issued from personal access token is not allowed"])
    )

    /// 403 for a JWT minted from an organization access token on a user or legacy route.
    static let organizationAccessTokenRestricted = ErrorResponse(
        status: .forbidden,
        body: .object([
            "errinfo": .object([]), "message": "token issued from organization access token is not allowed",
        ])
    )

    /// 403 for a missing org role or OAT scope.
    static let permissionDenied = ErrorResponse(
        status: .forbidden,
        body: .object(["errinfo": .null, "message": "permission denied"])
    )

    /// 404 for an org name that does not exist.
    static let noSuchOrganization = ErrorResponse(status: .notFound, body: .object(["detail": "No such organization"]))

    /// 404 for an unknown route, team, repository or token.
    static let notFound = ErrorResponse(
        status: .notFound,
        body: .object(["errinfo": .null, "message": "not found"])
    )

    /// 404 for a page number past the last page (Django REST Framework's wording).
    static let invalidPage = ErrorResponse(status: .notFound, body: .object(["detail": "Invalid page."]))

    /// 401 with a `detail` body: missing, unknown or expired bearer, failed legacy login.
    static func unauthorized(_ detail: String) -> ErrorResponse {
        ErrorResponse(status: .unauthorized, body: .object(["detail": .string(detail)]))
    }

    /// 400 in the `ValueError` shape (`fields` plus `text`).
    static func invalidField(_ field: String, _ message: String) -> ErrorResponse {
        ErrorResponse(
            status: .badRequest,
            body: .object(["fields": .object([(key: field, value: .strings([message]))]), "text": .string(message)])
        )
    }

    /// 400 in the `error` shape for a malformed request body.
    static func badRequest(_ message: String) -> ErrorResponse {
        ErrorResponse(
            status: .badRequest,
            body: .object(["errinfo": .object([]), "detail": .string(message), "message": .string(message)])
        )
    }
}
