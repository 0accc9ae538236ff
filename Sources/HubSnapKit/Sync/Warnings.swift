import Foundation
import HubAPI

/// Warnings a sync stores in `snapshot.warnings`.
///
/// Organizations and their parts are read concurrently, so the order in which warnings arise changes from run to
/// run; ``messages`` puts them in an order that does not: each organization's warnings under its name (sorted by
/// name, then by text), then those about the whole sync.
actor Warnings {
    private var entries: [(org: String?, text: String)] = []

    /// Records `text` about `org` (prefixed with the org's name), or about the whole sync when `org` is nil.
    func add(_ text: String, org: String?) {
        entries.append((org, text))
    }

    /// Records that `part` of `org` was skipped because the credential may not read it.
    func skipped(_ part: SyncPart, org: String?, because error: APIError) {
        add("\(part.label) not read: \(error.localizedDescription)\(part.advice(after: error))", org: org)
    }

    /// Every warning, in the order described above.
    var messages: [String] {
        entries.sorted { lhs, rhs in
            switch (lhs.org, rhs.org) {
            case (let left?, let right?) where left != right: left < right
            case (nil, _?): false
            case (_?, nil): true
            default: lhs.text < rhs.text
            }
        }.map { entry in entry.org.map { "organization '\($0)': \(entry.text)" } ?? entry.text }
    }
}
