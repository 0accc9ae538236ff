import Foundation

/// Where a report writes its text.
package protocol TextOutput {
    mutating func write(_ text: String)
}

/// Collects text in memory, for tests and for small outputs.
package struct StringOutput: TextOutput {
    package private(set) var text = ""

    package init() {}

    package mutating func write(_ text: String) {
        self.text += text
    }
}

/// Writes to a file descriptor through a buffer, so a dump of a million rows makes few system calls.
///
/// Call ``flush()`` at the end; a write that fails (a closed pipe, a full disk) throws from there.
package struct FileOutput: TextOutput {
    private let handle: FileHandle
    private let name: String
    private var buffer: [UInt8] = []
    private var failure: (any Error)?
    private static let capacity = 1 << 16

    /// - Parameter name: what the handle writes to, for the error message ("standard output", a path).
    package init(_ handle: FileHandle, name: String = "standard output") {
        self.handle = handle
        self.name = name
        buffer.reserveCapacity(Self.capacity)
    }

    package mutating func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.capacity { drain() }
    }

    private mutating func drain() {
        guard failure == nil, !buffer.isEmpty else {
            buffer.removeAll(keepingCapacity: true)
            return
        }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            failure = error
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered.
    ///
    /// - Throws: ``OutputError`` with the first write error met.
    package mutating func flush() throws {
        drain()
        if let failure { throw OutputError(destination: name, reason: "\(failure.localizedDescription)") }
    }
}

/// Output could not be written: a full disk, a closed pipe.
package struct OutputError: Error, LocalizedError, Equatable, Sendable {
    package var destination: String
    package var reason: String

    package var errorDescription: String? {
        "cannot write \(destination) (\(reason)); check the disk or the pipe it goes to"
    }
}
