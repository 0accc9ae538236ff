import GRDB

/// Which rows a reader keeps: those of some orgs, about some accounts, or about some repositories, each named as
/// stored (``SnapshotReader/resolve(orgs:)`` and its siblings turn what a user typed into stored names).
///
/// `nil` keeps everything; an empty list keeps nothing (every name given was unknown). Values reach SQL only as
/// named parameters.
package struct RowFilter: Sendable, Equatable {
    package var orgs: [String]?
    package var users: [String]?
    package var repositories: [RepositoryName]?

    package init(orgs: [String]? = nil, users: [String]? = nil, repositories: [RepositoryName]? = nil) {
        self.orgs = orgs
        self.users = users
        self.repositories = repositories
    }

    package var isEmpty: Bool { orgs == nil && users == nil && repositories == nil }

    /// `(:org0, :org1)`, or `nil` without an org filter.
    var orgsList: String? { orgs.map { Self.list($0.indices.map { ":org\($0)" }) } }
    /// `(:user0, …)`, or `nil`.
    var usersList: String? { users.map { Self.list($0.indices.map { ":user\($0)" }) } }
    /// A parenthesized `SELECT` of `namespace, name` rows, or `nil`.
    var repositoriesList: String? {
        repositories.map { names in
            guard !names.isEmpty else { return "(SELECT NULL AS namespace, NULL AS name)" }
            return "("
                + names.indices.map { "SELECT :namespace\($0) AS namespace, :name\($0) AS name" }
                .joined(separator: " UNION ALL ") + ")"
        }
    }

    private static func list(_ parameters: [String]) -> String {
        parameters.isEmpty ? "(NULL)" : "(" + parameters.joined(separator: ", ") + ")"
    }

    /// The values of every parameter the lists name.
    var arguments: StatementArguments {
        var values: [String: (any DatabaseValueConvertible)?] = [:]
        for (index, org) in (orgs ?? []).enumerated() { values["org\(index)"] = org }
        for (index, user) in (users ?? []).enumerated() { values["user\(index)"] = user }
        for (index, repository) in (repositories ?? []).enumerated() {
            values["namespace\(index)"] = repository.namespace
            values["name\(index)"] = repository.name
        }
        return StatementArguments(values)
    }
}

/// A repository as `NAMESPACE/NAME`.
package struct RepositoryName: Sendable, Hashable, CustomStringConvertible {
    package var namespace: String
    package var name: String

    package init(namespace: String, name: String) {
        self.namespace = namespace
        self.name = name
    }

    /// Splits `text` at its first `/`; `nil` when either side is empty.
    package init?(_ text: String) {
        guard let slash = text.firstIndex(of: "/") else { return nil }
        let namespace = String(text[..<slash])
        let name = String(text[text.index(after: slash)...])
        guard !namespace.isEmpty, !name.isEmpty else { return nil }
        self.init(namespace: namespace, name: name)
    }

    package var description: String { "\(namespace)/\(name)" }
}
