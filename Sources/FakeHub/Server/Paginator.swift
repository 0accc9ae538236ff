import Foundation
import Hummingbird

/// Django REST Framework page-number paging as Docker Hub serves it.
///
/// `page` is 1-based (default 1); `page_size` defaults to 10 and is clamped to 100. `next` and `previous` are
/// absolute URLs built from the request's `Host` header; the query keeps the caller's other parameters and is
/// sorted by key, as DRF's `replace_query_param` does.
struct Paginator: Sendable {
    static let defaultPageSize = 10
    static let maximumPageSize = 100

    let page: Int
    let pageSize: Int
    private let host: String
    private let path: String
    private let otherParameters: [(key: String, raw: String)]

    /// Reads `page` and `page_size` from the request.
    ///
    /// - Throws: ``ErrorResponse/invalidPage`` for a page that is not a positive integer, and a 400 for a
    ///   `page_size` that is not a positive integer.
    init(request: Request) throws {
        var page = 1
        var pageSize = Self.defaultPageSize
        var others: [(key: String, raw: String)] = []
        for item in (request.uri.query ?? "").split(separator: "&", omittingEmptySubsequences: true) {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(parts[0]).removingPercentEncoding ?? String(parts[0])
            let value = parts.count > 1 ? (String(parts[1]).removingPercentEncoding ?? String(parts[1])) : ""
            switch key {
            case "page":
                guard let number = Int(value), number >= 1 else {
                    throw ErrorResponse.invalidPage
                }
                page = number
            case "page_size":
                guard let number = Int(value) else {
                    throw ErrorResponse.invalidField("page_size", "A valid integer is required.")
                }
                guard number >= 1 else {
                    throw ErrorResponse.invalidField("page_size", "Ensure this value is greater than or equal to 1.")
                }
                pageSize = min(number, Self.maximumPageSize)
            default:
                others.append((key: key, raw: String(item)))
            }
        }
        self.page = page
        self.pageSize = pageSize
        host = request.head.authority ?? "localhost"
        path = request.uri.path
        otherParameters = others
    }

    /// The requested page of `items` as `{count, next, previous, …extra, results}`.
    ///
    /// - Parameters:
    ///   - countKey: `count`, or `total` for the OAT list.
    ///   - extra: keys placed after `previous`, such as `active_count`.
    /// - Throws: ``ErrorResponse/invalidPage`` past the last page (page 1 of an empty list is fine).
    func page<Item>(
        of items: [Item], countKey: String = "count", extra: [(key: String, value: JSONValue)] = [],
        render: (Item) -> JSONValue
    ) throws -> JSONValue {
        let pageCount = max(1, (items.count + pageSize - 1) / pageSize)
        guard page <= pageCount else {
            throw ErrorResponse.invalidPage
        }
        let start = (page - 1) * pageSize
        let slice = items[start..<min(items.count, start + pageSize)]
        let fields: [(key: String, value: JSONValue)] =
            [
                (key: countKey, value: .int(items.count)),
                (key: "next", value: page < pageCount ? .string(url(page: page + 1)) : .null),
                (key: "previous", value: page > 1 ? .string(url(page: page - 1)) : .null),
            ] + extra + [(key: "results", value: .array(slice.map(render)))]
        return .object(fields)
    }

    private func url(page: Int) -> String {
        let parameters =
            otherParameters + [(key: "page", raw: "page=\(page)"), (key: "page_size", raw: "page_size=\(pageSize)")]
        let sorted = parameters.enumerated().sorted { lhs, rhs in
            lhs.element.key == rhs.element.key ? lhs.offset < rhs.offset : lhs.element.key < rhs.element.key
        }
        return "http://\(host)\(path)?" + sorted.map(\.element.raw).joined(separator: "&")
    }
}
