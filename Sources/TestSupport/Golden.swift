import Foundation

/// Compares text with a file under a test target's `Golden/` directory.
package enum Golden {
    /// Whether `RECORD_GOLDEN=1` asks to rewrite golden files.
    package static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" }

    /// `nil` when `actual` matches the golden file `name` beside `testFile`; otherwise a message with the first
    /// differing lines. A missing file (or `RECORD_GOLDEN=1`) is written and reported as a mismatch, so a
    /// recording run never passes by accident.
    package static func mismatch(_ actual: String, named name: String, testFile: String = #filePath) -> String? {
        let url = URL(fileURLWithPath: testFile).deletingLastPathComponent().appendingPathComponent("Golden/\(name)")
        let expected = try? String(contentsOf: url, encoding: .utf8)
        if recording || expected == nil {
            try? FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? actual.write(to: url, atomically: true, encoding: .utf8)
            return "recorded \(url.path); review it, then run the tests again without RECORD_GOLDEN"
        }
        guard let expected, expected != actual else { return nil }
        let old = expected.components(separatedBy: "\n")
        let new = actual.components(separatedBy: "\n")
        let first = Array(zip(old, new)).firstIndex { $0 != $1 } ?? min(old.count, new.count)
        let context = (max(0, first - 2)..<first).map { "  \(new[$0])" }
        let expectedLine = first < old.count ? old[first] : "(end of file)"
        let actualLine = first < new.count ? new[first] : "(end of output)"
        return "\(name) differs at line \(first + 1) (RECORD_GOLDEN=1 re-records it):\n"
            + context.joined(separator: "\n") + "\n- \(expectedLine)\n+ \(actualLine)"
    }
}
