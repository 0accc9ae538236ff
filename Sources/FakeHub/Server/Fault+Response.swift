import Hummingbird
import NIOCore

extension Fault {
    /// Whether the fault puts a response of its own in place of the real one (no `X-RateLimit-*` headers then, like
    /// a proxy in front of the API), rather than spoiling the real one.
    var replacesResponse: Bool {
        switch self {
        case .serverError, .html, .plainText: true
        case .truncatedBody, .dropConnection: false
        }
    }

    /// The response to send instead of `response`. ``dropConnection`` returns `response` unchanged: the caller
    /// closes the connection instead.
    ///
    /// - Throws: what encoding or collecting the body throws.
    func response(spoiling response: Response) async throws -> Response {
        switch self {
        case .serverError(let code, let emptyBody):
            let status = Self.status(code)
            guard !emptyBody else {
                return Response(status: status, headers: [.contentLength: "0"])
            }
            return try HubRoutes.json(.object(["detail": .string(status.reasonPhrase)]), status: status)
        case .truncatedBody(let draw):
            let body = try await response.body.collected()
            let length = body.readableBytes
            let cut = length < 2 ? 0 : 1 + Int(draw % UInt64(length - 1))
            var headers = response.headers
            headers[.contentType] = "application/json"
            headers[.contentLength] = String(cut)
            let prefix = body.getSlice(at: body.readerIndex, length: cut) ?? ByteBuffer()
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: prefix))
        case .html(let code, let rayID):
            var reply = Self.text(ChallengePage.html(rayID: rayID), contentType: "text/html; charset=UTF-8", code)
            reply.headers[.server] = "cloudflare"
            reply.headers.setCustom("CF-RAY", rayID + "-FRA")
            return reply
        case .plainText(let code, let text):
            return Self.text(text, contentType: "text/plain; charset=utf-8", code)
        case .dropConnection:
            return response
        }
    }

    private static func text(_ text: String, contentType: String, _ code: Int) -> Response {
        let bytes = ByteBuffer(string: text)
        let headers: HTTPFields = [.contentType: contentType, .contentLength: String(bytes.readableBytes)]
        return Response(status: status(code), headers: headers, body: .init(byteBuffer: bytes))
    }

    private static func status(_ code: Int) -> HTTPResponse.Status {
        switch code {
        case 200: .ok
        case 500: .internalServerError
        case 502: .badGateway
        default: .serviceUnavailable
        }
    }
}

extension ResponseBody {
    /// All the bytes the body would write, in one buffer.
    ///
    /// - Throws: what writing the body throws.
    func collected() async throws -> ByteBuffer {
        let (parts, continuation) = AsyncStream.makeStream(of: ByteBuffer.self)
        try await write(StreamingWriter(continuation: continuation))
        continuation.finish()
        var collected = ByteBuffer()
        for await var part in parts {
            collected.writeBuffer(&part)
        }
        return collected
    }
}

/// Hands each written buffer to an (unbounded) `AsyncStream`, so that nothing but the stream is shared.
private struct StreamingWriter: ResponseBodyWriter {
    let continuation: AsyncStream<ByteBuffer>.Continuation

    mutating func write(_ buffer: ByteBuffer) async throws {
        continuation.yield(buffer)
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {
        continuation.finish()
    }
}
