import Foundation

/// Options that take several values, repeated or comma-separated (`--org a --org b`, `--org a,b`).
enum ListValues {
    /// Every value, commas splitting them, blanks trimmed and empty ones dropped.
    static func split(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }
}
