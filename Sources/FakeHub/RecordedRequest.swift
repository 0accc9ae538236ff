/// One request FakeHub served, as seen on the wire.
package struct RecordedRequest: Sendable, Equatable {
    /// The HTTP method, e.g. `GET`.
    package var method: String
    /// The path as sent (still percent-encoded), without the query.
    package var path: String
    /// The raw query string without `?`, or `nil` when the URL had none.
    package var query: String?
    /// The status code FakeHub answered with.
    package var status: Int
    /// `password`, `pat` or `oat`: what the bearer JWT was minted from; `nil` without a valid bearer.
    package var credentialKind: String?

    /// Creates a record; tests use it to compare with ``RunningFakeHub/requests()``.
    package init(method: String, path: String, query: String? = nil, status: Int, credentialKind: String? = nil) {
        self.method = method
        self.path = path
        self.query = query
        self.status = status
        self.credentialKind = credentialKind
    }
}
