import Foundation
import Hummingbird

/// `POST /v2/auth/token`, `POST /v2/users/login` and `POST /v2/users/2fa-login`.
extension HubRoutes {
    private struct TokenRequest: Decodable {
        var identifier: String?
        var secret: String?
    }

    private struct LoginRequest: Decodable {
        var username: String?
        var password: String?
    }

    private struct SecondFactorRequest: Decodable {
        var challenge: String?
        var code: String?

        enum CodingKeys: String, CodingKey {
            case challenge = "login_2fa_token"
            case code
        }
    }

    /// `identifier` + `secret` → `{"access_token": JWT}`; no second factor exists on this route.
    func createAccessToken(_ request: Request, _ context: FakeHubRequestContext) async throws -> Response {
        let body = try await decode(TokenRequest.self, from: request)
        guard let identifier = body.identifier, let secret = body.secret else {
            throw ErrorResponse.badRequest("identifier and secret are required")
        }
        if let entry = index.org(named: identifier) {
            guard let token = entry.org.accessTokens.first(where: { $0.isActive && $0.secret == secret }) else {
                throw ErrorResponse.incorrectCredentials
            }
            let session = Session(kind: .oat, principal: entry.org.name, resources: token.resources)
            return try reply(
                .object(["access_token": .string(try await state.mint(session, subject: entry.org.id))]), context)
        }
        guard let user = index.user(named: identifier) else {
            throw ErrorResponse.incorrectCredentials
        }
        if let password = user.password, password == secret, user.totpCode == nil {
            let session = Session(kind: .password, principal: user.username)
            let token = try await state.mint(session, subject: user.id)
            return try reply(.object(["access_token": .string(token)]), context)
        }
        if let session = personalSession(user, secret: secret) {
            let token = try await state.mint(session, subject: user.id)
            return try reply(.object(["access_token": .string(token)]), context)
        }
        throw ErrorResponse.incorrectCredentials
    }

    /// The deprecated login: password (with a 2FA step when enabled) or PAT → `{"token": JWT}`.
    func login(_ request: Request, _ context: FakeHubRequestContext) async throws -> Response {
        let body = try await decode(LoginRequest.self, from: request)
        guard let username = body.username, let password = body.password else {
            throw ErrorResponse.badRequest("username and password are required")
        }
        if index.org(named: username) != nil {
            throw ErrorResponse.unauthorized("Cannot log into an organization account")
        }
        guard let user = index.user(named: username) else {
            throw ErrorResponse.unauthorized("Incorrect authentication credentials")
        }
        if let expected = user.password, expected == password {
            if user.totpCode != nil {
                let challenge = await state.beginSecondFactor(username: user.username)
                throw ErrorResponse(
                    status: .unauthorized,
                    body: .object([
                        "detail": "Require secondary authentication on MFA enabled account",
                        "login_2fa_token": .string(challenge),
                    ])
                )
            }
            return try await loginResponse(Session(kind: .password, principal: user.username), user, request, context)
        }
        if let session = personalSession(user, secret: password) {
            return try await loginResponse(session, user, request, context)
        }
        throw ErrorResponse.unauthorized("Incorrect authentication credentials")
    }

    /// The second step of a 2FA login: `login_2fa_token` + TOTP `code` → `{"token": JWT}`.
    func secondFactorLogin(_ request: Request, _ context: FakeHubRequestContext) async throws -> Response {
        let body = try await decode(SecondFactorRequest.self, from: request)
        guard let challenge = body.challenge, let code = body.code else {
            throw ErrorResponse.badRequest("login_2fa_token and code are required")
        }
        guard let username = await state.secondFactorUser(challenge), let user = index.user(named: username) else {
            throw ErrorResponse.unauthorized("Invalid or expired login_2fa_token")
        }
        guard let expected = user.totpCode, expected == code,
            await state.spendSecondFactorCode(code, user: user.username, singleUse: options.singleUseSecondFactorCodes)
        else {
            throw ErrorResponse.unauthorized("Invalid two-factor authentication code")
        }
        await state.endSecondFactor(challenge)
        return try await loginResponse(Session(kind: .password, principal: user.username), user, request, context)
    }

    // MARK: - Helpers

    /// A PAT session when `secret` is one of the user's active PATs.
    private func personalSession(_ user: Dataset.User, secret: String) -> Session? {
        guard let token = user.personalAccessTokens.first(where: { $0.isActive && $0.secret == secret }) else {
            return nil
        }
        return Session(kind: .pat, principal: user.username, personalScopes: token.scopes)
    }

    /// `{"token": JWT}`, plus an opaque `refresh_token` when the query asks for one.
    private func loginResponse(
        _ session: Session, _ user: Dataset.User, _ request: Request, _ context: FakeHubRequestContext
    ) async throws -> Response {
        let token = try await state.mint(session, subject: user.id)
        let wantsRefresh = request.uri.queryParameters.get("refresh_token") == "true"
        return try reply(
            .object([
                "token": .string(token),
                "refresh_token": wantsRefresh ? .string(Base64URL.random(bytes: 16)) : nil,
            ]),
            context
        )
    }

    private func decode<Body: Decodable>(_ type: Body.Type, from request: Request) async throws -> Body {
        let buffer = try await request.body.collect(upTo: 64 * 1024)
        do {
            return try JSONDecoder().decode(Body.self, from: Data(buffer.readableBytesView))
        } catch {
            throw ErrorResponse.badRequest("request body must be a JSON object")
        }
    }
}
