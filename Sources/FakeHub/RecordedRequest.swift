/// One request FakeHub served, as seen on the wire.
package struct RecordedRequest: Sendable, Equatable {
    /// The HTTP method, e.g. `GET`.
    package var method: String
    /// The path as sent (still percent-encoded), without the query.
    package var path: String
    /// The raw query string without `?`, or `nil` when the URL had none.
    package var query: String?
    /// The status code FakeHub answered with; 0 when it dropped the connection instead.
    package var status: Int
    /// `password`, `pat` or `oat`: what the bearer JWT was minted from; `nil` without a valid bearer.
    package var credentialKind: String?
    /// The fault ``FaultPlan`` injected (`"500"`, `"502"`, `"503"`, `"truncated"`, `"html-200"`, `"html-503"`,
    /// `"plain-200"`, `"plain-502"` or `"dropped"`), or `nil` for a normal answer.
    package var fault: String?

    /// Creates a record; tests use it to compare with ``RunningFakeHub/requests()``.
    package init(
        method: String, path: String, query: String? = nil, status: Int, credentialKind: String? = nil,
        fault: String? = nil
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.status = status
        self.credentialKind = credentialKind
        self.fault = fault
    }
}
