import Foundation

/// SQLite text (as the snapshot stores it) ends at a NUL character, so a `\u0000` escape in a reply would cut the
/// string short in the snapshot without a trace. Such escapes become `\ufffd` (the replacement character) before
/// the body is decoded: the value stays visibly altered rather than silently truncated.
enum NULEscapes {
    private static let backslash = UInt8(ascii: "\\")
    private static let escape = Array("u0000".utf8)
    private static let replacement = Array("ufffd".utf8)

    /// `body` with every JSON `\u0000` escape (not an escaped backslash followed by `u0000`) replaced.
    static func replace(in body: Data) -> Data {
        guard body.range(of: Data("\\u0000".utf8)) != nil else { return body }
        var bytes = [UInt8](body)
        var index = 0
        while index < bytes.count {
            guard bytes[index] == backslash, index + 1 < bytes.count else {
                index += 1
                continue
            }
            // A backslash starts an escape: `\\` skips both bytes, so the next one cannot start an escape.
            if bytes[index + 1] == backslash {
                index += 2
                continue
            }
            let start = index + 1
            if start + escape.count <= bytes.count, Array(bytes[start..<start + escape.count]) == escape {
                bytes.replaceSubrange(start..<start + escape.count, with: replacement)
            }
            index += 2
        }
        return Data(bytes)
    }
}
