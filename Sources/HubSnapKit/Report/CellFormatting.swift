import Foundation
import SnapshotStore

/// How cells are written in each output format.
package enum CellFormatting {
    /// A JSON string literal.
    package static func jsonString(_ text: String) -> String {
        var result = "\""
        result.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// A JSON value: `null`, a number, or a string (a blob as hexadecimal).
    package static func json(_ cell: Cell) -> String {
        switch cell {
        case .null: "null"
        case .integer(let value): String(value)
        case .real(let value): value.isFinite ? String(value) : "null"
        case .text, .blob: jsonString(cell.text)
        }
    }

    /// A JSON object of `columns` and `cells`, keys sorted.
    package static func jsonObject(columns: [String], cells: [Cell]) -> String {
        let pairs = zip(columns, cells).sorted { $0.0 < $1.0 }
        return "{" + pairs.map { "\(jsonString($0.0)): \(json($0.1))" }.joined(separator: ", ") + "}"
    }

    /// A JSON object of already-encoded values, keys sorted.
    package static func jsonObject(_ fields: [(String, String)]) -> String {
        "{" + fields.sorted { $0.0 < $1.0 }.map { "\(jsonString($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
    }

    /// An RFC 4180 field, written so that `NULL` and the empty string stay apart: `NULL` is an empty unquoted field
    /// and the empty string is `""` (the convention of PostgreSQL's `COPY … CSV`).
    ///
    /// With `defusingFormulas`, a text cell that a spreadsheet would run as a formula (starting with `=`, `+`, `-`,
    /// `@`, tab or carriage return) gets a leading `'`, and so does a text cell that already starts with `'`: a
    /// reader gets the value back by dropping one leading `'` from any text cell that has one. Integer and real
    /// cells are never prefixed (`-1` stays `-1`); a text cell `-1` becomes `'-1`.
    package static func csv(_ cell: Cell, defusingFormulas: Bool = true) -> String {
        if case .null = cell { return "" }
        var text = cell.text
        if defusingFormulas, case .text = cell, let first = text.unicodeScalars.first,
            ["=", "+", "-", "@", "\t", "\r", "'"].contains(first)
        {
            text = "'" + text
        }
        let needsQuotes =
            text.isEmpty || text.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
        return needsQuotes ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    /// One line of an RFC 4180 file, CRLF included.
    package static func csvLine(_ fields: [String]) -> String {
        fields.joined(separator: ",") + "\r\n"
    }

    /// Text for one terminal cell: control characters shown as escapes so a row stays on one line.
    package static func terminal(_ cell: Cell) -> String {
        let text = cell.text
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where isControl(scalar):
                result += "\\u{" + String(scalar.value, radix: 16) + "}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// C0 and C1 control characters and DEL: a terminal may read them as commands (ESC, CSI).
    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7f...0x9f).contains(scalar.value)
    }

    /// Columns a string takes on a terminal: two for wide (East Asian) characters and emoji, one otherwise.
    package static func displayWidth(_ text: String) -> Int {
        // Most cells are ASCII: one column a byte, without walking grapheme clusters.
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.utf8.count }
        return text.reduce(0) { width, character in
            guard let scalar = character.unicodeScalars.first else { return width }
            return width + (isWide(scalar) ? 2 : 1)
        }
    }

    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.properties.isEmojiPresentation { return true }
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// `text` cut to `width` terminal columns, with `…` when cut, then padded with spaces to `width`.
    package static func fit(_ text: String, width: Int, pad: Bool = true) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }), text.utf8.count <= width {
            return pad ? text + String(repeating: " ", count: width - text.utf8.count) : text
        }
        var used = 0
        var result = ""
        let total = displayWidth(text)
        if total <= width {
            result = text
            used = total
        } else {
            for character in text {
                let next = displayWidth(String(character))
                if used + next > width - 1 { break }
                result.append(character)
                used += next
            }
            result += "…"
            used += 1
        }
        return pad ? result + String(repeating: " ", count: max(0, width - used)) : result
    }
}
