import Foundation
import HubAPI

/// Warnings a sync stores in `snapshot.warnings`, in the order they arose.
actor Warnings {
    private(set) var messages: [String] = []

    func add(_ message: String) {
        messages.append(message)
    }

    /// Records that `part` of `org` was skipped because the credential may not read it.
    func skipped(_ part: String, org: String?, because error: APIError) {
        let scope = org.map { "organization '\($0)': " } ?? ""
        add("\(scope)\(part) not read: \(error.localizedDescription)")
    }
}
