/// One request as FakeHub's fault decisions and body rewrite hook see it: what was asked, and how many times.
package struct RequestAttempt: Sendable, Hashable {
    /// The HTTP method, e.g. `GET`.
    package var method: String
    /// The path as sent (still percent-encoded), without the query.
    package var path: String
    /// The raw query string without `?`, or `nil` when the URL had none.
    package var query: String?
    /// 1 for the first request with this method, path and query on this server run, 2 for the second, and so on.
    ///
    /// Every request counts, whatever it was answered with (429s and faulted requests included).
    package var attempt: Int

    /// Creates an attempt; tests use it to ask ``FaultPlan/fault(for:)`` what a request will meet.
    package init(method: String = "GET", path: String, query: String? = nil, attempt: Int = 1) {
        self.method = method
        self.path = path
        self.query = query
        self.attempt = attempt
    }
}
