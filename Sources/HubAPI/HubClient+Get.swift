import Foundation
import Logging
import NIOHTTP1

extension HubClient {
    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }()

    /// GETs `url` and decodes a `T`; 4xx replies become ``APIError``s.
    package func get<T: Decodable & Sendable>(_ type: T.Type, url: URL) async throws -> T {
        let endpoint = url.path(percentEncoded: true)
        return try await send(method: .GET, url: url, endpoint: endpoint, authenticated: true) { response in
            guard (200..<300).contains(response.status) else {
                throw Self.error(for: response, endpoint: endpoint, kind: credentials.kind, redact: redact)
            }
            guard response.looksLikeJSON else {
                let type = response.headers.first(name: "content-type") ?? "?"
                return .retry(reason: "non-JSON reply (\(type))")
            }
            do {
                return .done(try Self.decoder.decode(T.self, from: NULEscapes.replace(in: response.bodyData)))
            } catch DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty {
                // Not JSON at all: a body cut off in transit, or an error page sent as JSON. Worth another try.
                return .retry(reason: "malformed JSON")
            } catch {
                // Well-formed JSON of another shape will be the same shape next time: fail now, naming the field.
                throw APIError.undecodable(endpoint: endpoint, reason: Self.describe(decodingError: error))
            }
        }
    }

    /// GETs every page of a list: `page_size=100`, then `next` until it is null.
    ///
    /// - Throws: ``APIError/foreignNextLink(endpoint:host:)`` when `next` leaves the API host,
    ///   ``APIError/pagingLoop(endpoint:)`` when it returns to a page already read,
    ///   ``APIError/tooManyPages(endpoint:pages:)`` when it goes on past what `count` announced (or the cap).
    package func list<Item: Decodable & Sendable>(
        _ type: Item.Type,
        path: String,
        query: [(String, String)] = []
    ) async throws -> [Item] {
        try await paginate(Item.self, from: firstPageURL(path, query: query), endpoint: path)
    }

    /// The URL of page 1 of a list: always `page_size=100`.
    func firstPageURL(_ path: String, query: [(String, String)] = []) -> URL {
        url(path, query: [("page_size", "100")] + query)
    }

    /// Reads the pages from `start` on; `firstPage`, when given, is the already-read page at `start`.
    ///
    /// A later page that answers 404 means the list shrank while it was read (Docker Hub answers 404 past the
    /// last page): the list is read again from the start, once. Items seen twice are the caller's to merge.
    func paginate<Item: Decodable & Sendable>(
        _ type: Item.Type,
        from start: URL,
        endpoint: String,
        firstPage: Page<Item>? = nil
    ) async throws -> [Item] {
        do {
            return try await readPages(Item.self, from: start, endpoint: endpoint, firstPage: firstPage)
        } catch ListShrank.shrank {
            logger.info("list changed while it was read; reading it again", metadata: ["http.path": "\(endpoint)"])
            do {
                return try await readPages(Item.self, from: start, endpoint: endpoint, firstPage: nil)
            } catch ListShrank.shrank {
                throw APIError.listChanged(endpoint: endpoint)
            }
        }
    }

    private enum ListShrank: Error { case shrank }

    private func readPages<Item: Decodable & Sendable>(
        _ type: Item.Type,
        from start: URL,
        endpoint: String,
        firstPage: Page<Item>?
    ) async throws -> [Item] {
        var next: URL? = start
        var seen = Set<String>()
        var items: [Item] = []
        var prefetched = firstPage
        var limit = configuration.maxPages
        while let pageURL = next {
            guard seen.insert(pageURL.absoluteString).inserted else {
                throw APIError.pagingLoop(endpoint: endpoint)
            }
            guard seen.count <= limit else {
                throw APIError.tooManyPages(endpoint: endpoint, pages: limit)
            }
            let page: Page<Item>
            if let prefetched {
                page = prefetched
            } else {
                do {
                    page = try await get(Page<Item>.self, url: pageURL)
                } catch APIError.notFound where pageURL != start {
                    throw ListShrank.shrank
                }
            }
            if seen.count == 1 {
                limit = Self.pageLimit(count: page.count, firstPageItems: page.results.count, cap: limit)
            }
            prefetched = nil
            items.append(contentsOf: page.results)
            next = try resolveNext(page.next, endpoint: endpoint)
        }
        return items
    }

    /// The most pages a list may take: the pages its `count` implies at the first page's size, plus a margin for
    /// a list that grows while it is read, and never more than `cap`. Without a usable `count`, `cap`.
    static func pageLimit(count: Int?, firstPageItems: Int, cap: Int) -> Int {
        guard let count, count >= 0 else { return cap }
        let perPage = max(1, firstPageItems)
        let expected = count / perPage + (count % perPage == 0 ? 0 : 1)
        guard expected < cap else { return cap }
        return min(cap, max(1, expected) + max(5, expected / 10))
    }

    func resolveNext(_ next: String?, endpoint: String) throws -> URL? {
        guard let next, !next.isEmpty else { return nil }
        guard let target = URL(string: next, relativeTo: configuration.baseURL)?.absoluteURL else {
            throw APIError.undecodable(endpoint: endpoint, reason: "next is not a URL")
        }
        guard let followed = Self.followableNext(target, base: configuration.baseURL) else {
            throw APIError.foreignNextLink(endpoint: endpoint, host: redact(target.host ?? next))
        }
        if followed != target {
            logger.debug(
                "following a next link over the API's scheme and port",
                metadata: ["http.path": "\(endpoint)", "http.next_scheme": "\(target.scheme ?? "")"])
        }
        return followed
    }

    /// The error a 4xx reply means; its detail is redacted before it is cut to 200 characters, so that no part
    /// of a secret survives the cut.
    static func error(
        for response: RawResponse, endpoint: String, kind: CredentialKind, redact: Redactor
    ) -> APIError {
        let body = try? JSONDecoder().decode(ErrorBodyDTO.self, from: response.bodyData)
        let detail = String(redact(body?.summary ?? "HTTP \(response.status)").prefix(200))
        switch response.status {
        case 401:
            return .unauthorized(endpoint: endpoint, detail: detail)
        case 403:
            let lowered = detail.lowercased()
            if lowered.hasPrefix("token issued from personal access token") {
                return .tokenKindNotAllowed(endpoint: endpoint, kind: .pat)
            }
            if lowered.hasPrefix("token issued from organization access token") {
                return .tokenKindNotAllowed(endpoint: endpoint, kind: .oat)
            }
            return .forbidden(endpoint: endpoint, detail: detail)
        case 404:
            return .notFound(endpoint: endpoint, detail: detail)
        default:
            return .rejected(endpoint: endpoint, status: response.status, detail: detail)
        }
    }

    static func describe(decodingError error: any Error) -> String {
        guard let error = error as? DecodingError else { return "unreadable JSON" }
        /// `results[3].is_private`: indexes in brackets, keys as Docker Hub spells them (snake_case).
        func path(_ context: DecodingError.Context) -> String {
            var text = ""
            for key in context.codingPath {
                if let index = key.intValue {
                    text += "[\(index)]"
                } else {
                    text += (text.isEmpty ? "" : ".") + snakeCase(key.stringValue)
                }
            }
            return text.isEmpty ? "the body" : text
        }
        func snakeCase(_ key: String) -> String {
            key.reduce(into: "") { text, character in
                if character.isUppercase {
                    text += "_" + character.lowercased()
                } else {
                    text.append(character)
                }
            }
        }
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "unexpected value at \(path(context))"
        case .keyNotFound(let key, let context):
            return "missing key '\(snakeCase(key.stringValue))' at \(path(context))"
        case .dataCorrupted(let context) where context.debugDescription == AccessField.emptyValue:
            return "empty value at \(path(context))"
        case .dataCorrupted(let context):
            return "malformed JSON at \(path(context))"
        @unknown default:
            return "unreadable JSON"
        }
    }
}
