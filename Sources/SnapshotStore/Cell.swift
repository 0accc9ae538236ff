import Foundation
import GRDB

/// One value read from a snapshot, as SQLite stores it.
package enum Cell: Sendable, Equatable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)

    init(_ value: DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case .int64(let value): self = .integer(value)
        case .double(let value): self = .real(value)
        case .string(let value): self = .text(value)
        case .blob(let value): self = .blob(value)
        }
    }

    /// The value as plain text: empty for `NULL`, hexadecimal for a blob.
    package var text: String {
        switch self {
        case .null: ""
        case .integer(let value): String(value)
        case .real(let value): String(value)
        case .text(let value): value
        case .blob(let value): value.map { String(format: "%02x", $0) }.joined()
        }
    }

    package var isNull: Bool { self == .null }

    /// Whether both hold the same value byte for byte, as SQLite's `IS` compares: Swift's `==` on strings would
    /// also equate canonically equivalent text (an "é" composed or decomposed).
    package func isIdentical(to other: Cell) -> Bool {
        switch (self, other) {
        case (.text(let a), .text(let b)): a.utf8.elementsEqual(b.utf8)
        default: self == other
        }
    }
}

/// A row as named cells, in column order.
package struct CellRow: Sendable, Equatable {
    package var columns: [String]
    package var cells: [Cell]

    package init(columns: [String], cells: [Cell]) {
        self.columns = columns
        self.cells = cells
    }

    package subscript(_ column: String) -> Cell {
        guard let index = columns.firstIndex(of: column) else { return .null }
        return cells[index]
    }
}
