import Foundation

/// What one sync reads and where it writes.
package struct SyncRequest: Sendable {
    /// Orgs to read; empty means every org of the authenticated user.
    package var organizations: [String]
    package var output: URL
    package var toolVersion: String

    package init(organizations: [String], output: URL, toolVersion: String) {
        self.organizations = organizations
        self.output = output
        self.toolVersion = toolVersion
    }
}

/// What a finished sync reports.
package struct SyncSummary: Sendable, Equatable {
    package var output: URL
    package var principal: String
    package var credentialKind: String
    /// Rows per table, in schema order.
    package var rowCounts: [TableCount]
    package var httpRequests: Int
    package var rateLimited: Int
    package var retries: Int
    package var warnings: [String]
    package var duration: Duration

    package struct TableCount: Sendable, Equatable {
        package var table: String
        package var rows: Int
    }
}
