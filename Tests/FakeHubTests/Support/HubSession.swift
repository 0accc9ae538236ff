import AsyncHTTPClient
import FakeHub
import Foundation
import NIOCore

/// One HTTP exchange with FakeHub.
struct Reply: Sendable {
    var status: Int
    var headers: [String: String]
    /// The body's bytes, exactly as received.
    var data: Data
    var text: String
    var json: JSON

    func header(_ name: String) -> String? {
        headers[name.lowercased()]
    }
}

/// A running FakeHub plus small helpers to call it over real HTTP (AsyncHTTPClient).
struct HubSession: Sendable {
    let hub: RunningFakeHub

    /// Runs `body` against a FakeHub serving `dataset`.
    static func with<T: Sendable>(
        _ dataset: Dataset = Fixture.edgeCases, options: FakeHubOptions = .init(),
        _ body: @Sendable (HubSession) async throws -> T
    ) async throws -> T {
        try await FakeHub(dataset: dataset, options: options).withRunning { running in
            try await body(HubSession(hub: running))
        }
    }

    func get(_ path: String, token: String? = nil, host: String? = nil) async throws -> Reply {
        var request = HTTPClientRequest(url: hub.baseURL + path)
        let authorization = token.map { ("Authorization", "Bearer \($0)") }
        let hostHeader = host.map { ("Host", $0) }
        if let first = authorization ?? hostHeader {
            request.headers = headerFields(first, authorization == nil ? nil : hostHeader)
        }
        return try await Self.send(request)
    }

    func post(_ path: String, _ body: [String: String], chunked: Bool = false) async throws -> Reply {
        var request = HTTPClientRequest(url: hub.baseURL + path)
        request.method = rawRepresentable("POST") ?? request.method
        request.headers = headerFields(("Content-Type", "application/json"))
        let data = try JSONSerialization.data(withJSONObject: body)
        if chunked {
            let stream = AsyncStream<ByteBuffer> { continuation in
                continuation.yield(ByteBuffer(bytes: data))
                continuation.finish()
            }
            request.body = .stream(stream, length: .unknown)
        } else {
            request.body = .bytes(ByteBuffer(bytes: data))
        }
        return try await Self.send(request)
    }

    /// The status of a bare GET to an absolute URL.
    static func status(url: String) async throws -> Int {
        try await send(HTTPClientRequest(url: url)).status
    }

    /// Exchanges identifier and secret for a JWT through `POST /v2/auth/token`.
    func token(_ identifier: String, _ secret: String) async throws -> String {
        let reply = try await post("/v2/auth/token", ["identifier": identifier, "secret": secret])
        guard reply.status == 200, let token = reply.json["access_token"]?.string else {
            throw TokenExchangeFailed(status: reply.status, body: reply.text)
        }
        return token
    }

    /// Generous deadline: the whole package's tests run in parallel on two cores, and FakeHub's handlers share
    /// Swift's cooperative threads with syncs of thousands of requests.
    private static func send(_ request: HTTPClientRequest) async throws -> Reply {
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let buffer = try await response.body.collect(upTo: 16 << 20)
        let data = Data(buffer.readableBytesView)
        var headers: [String: String] = [:]
        for header in response.headers {
            headers[header.name.lowercased()] = header.value
        }
        let json = (try? JSONDecoder().decode(JSON.self, from: data)) ?? .null
        return Reply(
            status: Int(String(describing: response.status).prefix(3)) ?? 0, headers: headers, data: data,
            text: String(decoding: data, as: UTF8.self),
            json: json)
    }
}

/// `T(rawValue:)` through the protocol: this target does not depend on NIOHTTP1, whose members
/// (`HTTPMethod.POST`, `HTTPHeaders.add`, `HTTPResponseStatus.code`) MemberImportVisibility therefore hides;
/// protocol requirements and literals stay usable.
private func rawRepresentable<T: RawRepresentable>(_ raw: String) -> T? where T.RawValue == String {
    T(rawValue: raw)
}

/// Builds `HTTPHeaders` through `ExpressibleByDictionaryLiteral`, for the same reason.
private func headerFields<H: ExpressibleByDictionaryLiteral>(
    _ first: (String, String), _ second: (String, String)? = nil
) -> H where H.Key == String, H.Value == String {
    if let second { H(dictionaryLiteral: first, second) } else { H(dictionaryLiteral: first) }
}

struct TokenExchangeFailed: Error {
    var status: Int
    var body: String
}
