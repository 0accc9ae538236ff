import Foundation
import Logging
import NIOHTTP1

extension HubClient {
    /// Exchanges the credentials for a JWT now, so that a bad secret fails before any data is read.
    ///
    /// - Throws: ``APIError/authenticationFailed(identifier:detail:)`` or
    ///   ``APIError/secondFactorRequired(identifier:)`` when Docker Hub refuses the login.
    package func authenticate() async throws {
        let token: String
        do {
            token = try await mint()
        } catch let error as APIError {
            throw error.redacted(by: redact)
        }
        await session.install(token)
        logger.info(
            "authenticated",
            metadata: ["auth.identifier": "\(credentials.identifier)", "auth.kind": "\(credentials.kind.rawValue)"]
        )
    }

    func currentToken() async throws -> (token: String, generation: Int) {
        if let current = try await session.current() {
            return current
        }
        return try await refreshToken(seenGeneration: 0)
    }

    func refreshToken(seenGeneration: Int) async throws -> (token: String, generation: Int) {
        try await session.refresh(seenGeneration: seenGeneration) { [self] in try await self.mint() }
    }

    /// Runs the token exchange: `POST /v2/auth/token`; for a username and password or PAT that it refuses,
    /// the legacy `POST /v2/users/login`, with its second-factor step when the account has one.
    private func mint() async throws -> String {
        let identifier = credentials.identifier
        let secret = credentials.secret.reveal()
        let first = try await postAuth(
            "/v2/auth/token",
            body: ["identifier": identifier, "secret": secret]
        )
        if let token = first.reply.accessToken ?? first.reply.token, first.status == 200 {
            return token
        }
        if credentials.kind == .oat {
            throw APIError.authenticationFailed(identifier: identifier, detail: first.summary)
        }
        let login = try await postAuth(
            "/v2/users/login",
            query: [("refresh_token", "true")],
            body: ["username": identifier, "password": secret]
        )
        if let token = login.reply.token ?? login.reply.accessToken, login.status == 200 {
            return token
        }
        guard let challenge = login.reply.login2faToken else {
            throw APIError.authenticationFailed(identifier: identifier, detail: login.summary)
        }
        guard let otp = credentials.otp, !otp.isEmpty else {
            throw APIError.secondFactorRequired(identifier: identifier)
        }
        let second = try await postAuth(
            "/v2/users/2fa-login",
            query: [("refresh_token", "true")],
            body: ["login_2fa_token": challenge, "code": otp]
        )
        if let token = second.reply.token ?? second.reply.accessToken, second.status == 200 {
            return token
        }
        if await session.generation > 0 {
            // The first login passed with this code; a renewal minutes later replays it, and TOTP codes expire.
            throw APIError.secondFactorExpired(identifier: identifier)
        }
        throw APIError.authenticationFailed(identifier: identifier, detail: "second factor refused: \(second.summary)")
    }

    private struct AuthReply: Sendable {
        var status: Int
        var reply: TokenReplyDTO
        var summary: String
    }

    /// POSTs a login body; 2xx and 4xx come back for the caller to read, the rest is retried or thrown.
    private func postAuth(_ path: String, query: [(String, String)] = [], body: [String: String]) async throws
        -> AuthReply
    {
        let data = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
        return try await send(
            method: .POST, url: url(path, query: query), endpoint: "POST \(path)", body: data,
            authenticated: false
        ) { response in
            guard response.status == 200 || (400..<500).contains(response.status) else {
                throw APIError.rejected(endpoint: "POST \(path)", status: response.status, detail: "unexpected status")
            }
            let decoded = try? JSONDecoder().decode(TokenReplyDTO.self, from: response.bodyData)
            if response.status == 200 && decoded == nil {
                return .retry(reason: "unreadable login reply")
            }
            let reply = decoded ?? TokenReplyDTO()
            let summary = reply.detail ?? reply.message ?? "HTTP \(response.status)"
            return .done(AuthReply(status: response.status, reply: reply, summary: summary))
        }
    }
}
