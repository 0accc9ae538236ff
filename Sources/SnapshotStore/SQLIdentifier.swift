import Foundation

extension String {
    /// The string as a quoted SQL identifier, an embedded `"` doubled, so that no name can end the quotes early.
    ///
    /// GRDB's `quotedDatabaseIdentifier` only wraps the name in quotes; this is the one to use.
    package var sqlIdentifier: String {
        "\"" + replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
