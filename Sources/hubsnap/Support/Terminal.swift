import Foundation

/// Writes to the standard streams. stdout carries results; stderr carries errors and progress.
enum Terminal {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("hubsnap: error: \(message)\n".utf8))
    }

    static func output(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
