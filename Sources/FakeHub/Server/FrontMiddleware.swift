import Foundation
import Hummingbird
import Logging

/// Runs around every route, including unknown ones: numbers the attempt, resolves the bearer, enforces the rate
/// limit, turns thrown ``ErrorResponse``s into Docker Hub error bodies, adds the `X-RateLimit-*` headers, applies
/// the ``FaultPlan`` and records the request.
struct FrontMiddleware: RouterMiddleware {
    typealias Context = FakeHubRequestContext

    let state: HubState
    let options: FakeHubOptions
    let logger: Logger

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let admission = await state.admit(
            bearer: Self.bearer(of: request), method: request.method.rawValue, path: request.uri.path,
            query: request.uri.query)
        let decision = options.faults.decision(for: admission.attempt)
        if let delay = decision.delay {
            try await Task.sleep(for: delay)
        }
        var response: Response
        var fault = decision.fault
        if admission.limited {
            fault = nil
            response = try HubRoutes.json(
                .object(["detail": "Rate limit exceeded", "error": false]), status: .tooManyRequests)
        } else if Self.hasBodyOfUnknownLength(request) {
            // Docker Hub refuses bodies without a concrete Content-Length (hub-tool commit 6b376a1).
            response = try HubRoutes.json(
                ErrorResponse.badRequest("request body must have a Content-Length").body, status: .badRequest)
        } else if let reply = options.override?(admission.attempt) {
            fault = nil
            var headers = HTTPFields()
            headers[.contentType] = reply.contentType
            response = Response(
                status: HTTPResponse.Status(code: reply.status), headers: headers,
                body: ResponseBody(byteBuffer: ByteBuffer(string: reply.body)))
        } else {
            var context = context
            context.authentication = admission.authentication
            context.attempt = admission.attempt
            response = try await Self.respond(to: request, context: context, next: next)
        }
        if options.rateLimitHeaders || admission.limited {
            admission.rateLimit.apply(to: &response.headers, limitHeaders: options.rateLimitHeaders)
        }
        if let fault {
            response = try await fault.response(spoiling: response)
        }
        let dropped = fault == .dropConnection
        let credentialKind = admission.limited ? nil : admission.authentication.session?.kind.rawValue
        // Recorded before a dropped connection closes, so a client that has seen the close finds it in the log.
        await state.record(
            RecordedRequest(
                method: request.method.rawValue, path: request.uri.path, query: request.uri.query,
                status: dropped ? 0 : Int(response.status.code), credentialKind: credentialKind, fault: fault?.label)
        )
        if dropped {
            // Close before returning: Hummingbird's write of the response then fails, so nothing reaches the wire.
            try? await context.channel.close().get()
        }
        logger.debug(
            "\(request.method) \(request.uri.path) → \(dropped ? "dropped" : String(response.status.code))",
            metadata: [
                "fakehub.credential": "\(credentialKind ?? "none")", "fakehub.fault": "\(fault?.label ?? "none")",
            ])
        return response
    }

    private static func respond(
        to request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as ErrorResponse {
            return try HubRoutes.json(error.body, status: error.status)
        } catch let error as any HTTPResponseError {
            // Hummingbird's own errors: no route (404), body too large (413), …
            if error.status == .notFound {
                return try HubRoutes.json(ErrorResponse.notFound.body, status: .notFound)
            }
            return try HubRoutes.json(
                .object(["errinfo": .null, "message": .string(error.status.reasonPhrase.lowercased())]),
                status: error.status)
        } catch {
            return try HubRoutes.json(
                .object(["errinfo": .null, "message": "internal server error"]), status: .internalServerError)
        }
    }

    /// The token of `Authorization: Bearer …` (or the old `JWT …` form); an empty string for any other
    /// `Authorization` value, so that it is rejected rather than treated as anonymous.
    private static func bearer(of request: Request) -> String? {
        guard let value = request.headers[.authorization] else {
            return nil
        }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, ["bearer", "jwt"].contains(parts[0].lowercased()) else {
            return ""
        }
        return parts[1].trimmingCharacters(in: .whitespaces)
    }

    private static func hasBodyOfUnknownLength(_ request: Request) -> Bool {
        guard request.headers[.contentLength] == nil, let encoding = request.headers[.transferEncoding] else {
            return false
        }
        return encoding.lowercased().contains("chunked")
    }
}
