import Foundation
import GRDB
import TestSupport
import Testing

/// Files that are not readable snapshots: exit 65, one line naming the file and the problem, the file untouched.
struct BadInputTests {
    enum Case: String, CaseIterable, Sendable {
        case missing, directory, empty, text, otherApplication, newerFormat, truncated, corrupt
        case fifo, device, craftedColumn, extraColumn, tableAsView, pendingWAL
    }

    /// Makes the bad file for `kind` in `directory` and returns its name and the problem the message must name.
    static func make(_ kind: Case, in directory: TemporaryDirectory) async throws -> (name: String, problem: String) {
        let name = "\(kind.rawValue).db"
        let path = directory.path(name)
        switch kind {
        case .missing:
            return (name, "does not exist")
        case .directory:
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            return (name, "is a directory")
        case .empty:
            #expect(FileManager.default.createFile(atPath: path, contents: Data()))
            return (name, "is empty")
        case .text:
            try Data("org,username,role\nacme,jdoe,owner\n".utf8).write(to: URL(fileURLWithPath: path))
            return (name, "is not a SQLite database")
        case .otherApplication:
            let queue = try DatabaseQueue(path: path)
            try await queue.write { db in try db.execute(sql: "CREATE TABLE notes (body TEXT); PRAGMA user_version = 1")
            }
            try queue.close()
            return (name, "not a hubsnap snapshot (application_id 0")
        case .newerFormat:
            _ = try await AuditFixture.copy("before.db", to: directory, as: name)
            let queue = try DatabaseQueue(path: path)
            try await queue.write { db in try db.execute(sql: "PRAGMA user_version = 99") }
            try queue.close()
            return (name, "is a snapshot of format 99, newer than this hubsnap reads")
        case .truncated:
            _ = try await AuditFixture.copy("before.db", to: directory, as: name)
            let handle = try #require(FileHandle(forUpdatingAtPath: path))
            let size = try handle.seekToEnd()
            try handle.truncate(atOffset: size / 2)
            try handle.close()
            return (name, "truncated or corrupt")
        case .corrupt:
            _ = try await AuditFixture.copy("before.db", to: directory, as: name)
            let handle = try #require(FileHandle(forUpdatingAtPath: path))
            // Page 2 onwards: the schema page stays readable, the tables' pages do not.
            try handle.seek(toOffset: 4096)
            try handle.write(contentsOf: Data(repeating: 0xA5, count: 8192))
            try handle.close()
            return (name, "corrupt")
        case .fifo:
            #expect(mkfifo(path, 0o600) == 0)
            return (name, "is a FIFO (named pipe), not a snapshot file")
        case .device:
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "/dev/zero")
            return (name, "is a character device, not a snapshot file")
        case .craftedColumn:
            // A name that would end a naively quoted identifier and run a query that never ends.
            let spin =
                "role\" , (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
                + "SELECT count(*) FROM c) AS \"r"
            let quoted = "\"" + spin.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            try await Self.edit(name, in: directory, "ALTER TABLE org_members RENAME COLUMN role TO \(quoted)")
            return (name, "table org_members: unexpected column 'role\" , (WITH RECURSIVE")
        case .extraColumn:
            try await Self.edit(name, in: directory, "ALTER TABLE accounts ADD COLUMN notes TEXT")
            return (name, "table accounts: unexpected column 'notes'")
        case .tableAsView:
            try await Self.edit(
                name, in: directory,
                "PRAGMA foreign_keys = OFF; DROP TABLE invites; CREATE VIEW invites AS SELECT * FROM org_members")
            return (name, "is an incomplete hubsnap snapshot (no invites table)")
        case .pendingWAL:
            _ = try await AuditFixture.copy("before.db", to: directory, as: name)
            try Data("changes another program has not merged yet".utf8).write(
                to: URL(fileURLWithPath: path + "-wal"))
            return (name, "has changes not yet written into it ('\(name)-wal' beside it)")
        }
    }

    /// Copies the good snapshot to `name` and changes it with `sql`.
    static func edit(_ name: String, in directory: TemporaryDirectory, _ sql: String) async throws {
        let path = try await AuditFixture.copy("before.db", to: directory, as: name)
        let queue = try DatabaseQueue(path: path)
        try await queue.writeWithoutTransaction { db in try db.execute(sql: sql) }
        try queue.close()
    }

    static let commands: [[String]] = [
        ["dump", "FILE"], ["info", "FILE"], ["diff", "FILE", "before.db"], ["diff", "before.db", "FILE"],
    ]

    @Test(.timeLimit(.minutes(1)), arguments: Case.allCases, commands)
    func aBadFileExitsSixtyFiveNamingItAndIsLeftAlone(kind: Case, command: [String]) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        _ = try await AuditFixture.copy("before.db", to: directory)
        let (name, problem) = try await Self.make(kind, in: directory)
        let before = try FileFingerprint(directory.path(name))

        let arguments = command.map { $0 == "FILE" ? name : $0 }
        let result = try await Binary.run(arguments, directory: directory.url)

        #expect(result.status == 65, "\(arguments): \(result.stderr)")
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 1, "one line: \(result.stderr)")
        #expect(result.stderr.hasPrefix("hubsnap: error: '\(name)' "), "\(result.stderr)")
        #expect(result.stderr.contains(problem), "\(result.stderr)")
        #expect(try FileFingerprint(directory.path(name)) == before)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory.url.path).sorted()
                == (kind == .missing
                ? ["before.db"] : ["before.db", name] + (kind == .pendingWAL ? ["\(name)-wal"] : []))
                .sorted(),
            "no journal or other file is left beside the input")
    }

    @Test func readersNeverChangeAGoodSnapshot() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let old = try await AuditFixture.copy("before.db", to: directory)
        let new = try await AuditFixture.copy("after.db", to: directory)
        let fingerprints = try [FileFingerprint(old), FileFingerprint(new)]
        let runs: [[String]] = [
            ["dump", "before.db", "--format", "json"], ["dump", "before.db", "--format", "table"],
            ["dump", "before.db", "--format", "ndjson", "--user", "mia"], ["info", "after.db", "--format", "json"],
            ["diff", "before.db", "after.db", "--format", "markdown"],
            ["diff", "after.db", "before.db", "--all-fields"],
        ]
        for arguments in runs {
            let result = try await Binary.run(arguments, directory: directory.url)
            #expect([0, 1].contains(result.status), "\(arguments): \(result.stderr)")
        }
        #expect(try [FileFingerprint(old), FileFingerprint(new)] == fingerprints)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory.url.path).sorted() == [
                "after.db", "before.db",
            ])
    }

    @Test func aFormatOneSnapshotIsReadAndComparedWithANewerOne() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try await AuditFixture.copy("before.db", to: directory, as: "v1.db")
        _ = try await AuditFixture.copy("after.db", to: directory)
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            try db.execute(
                sql: """
                    DROP VIEW effective_access; DROP TABLE org_grants; DROP TABLE table_rows;
                    PRAGMA user_version = 1; UPDATE snapshot SET format_version = 1
                    """)
        }
        try queue.close()
        let fingerprint = try FileFingerprint(path)

        let info = try await Binary.run(["info", "v1.db"], directory: directory.url)
        #expect(info.status == 0, "\(info.stderr)")
        #expect(info.stdout.contains("snapshot:       v1.db (format 1)"))
        let current = try await Binary.run(["info", "after.db"], directory: directory.url)
        // Format 1 stores no grants: readers derive them, and find what a sync of today stores.
        let grantsLine = { (text: String) in text.split(separator: "\n").first { $0.contains("org_grants") } }
        let original = try await Binary.run(["info", "before.db"], directory: try await AuditFixture.directory().url)
        #expect(grantsLine(info.stdout) != nil && grantsLine(info.stdout) == grantsLine(original.stdout))
        let derived = try await Binary.run(["dump", "v1.db", "--table", "org_grants"], directory: directory.url)
        let stored = try await Binary.run(
            ["dump", "before.db", "--table", "org_grants"], directory: try await AuditFixture.directory().url)
        #expect(derived.status == 0 && derived.stdout == stored.stdout && !stored.stdout.contains("[]"))
        #expect(current.status == 0)
        let diff = try await Binary.run(["diff", "v1.db", "after.db", "--format", "json"], directory: directory.url)
        #expect(diff.status == 1, "\(diff.stderr)")
        let golden = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
                "Golden/diff.json"),
            encoding: .utf8)
        #expect(diff.stdout == golden.replacingOccurrences(of: "\"file\": \"before.db\"", with: "\"file\": \"v1.db\""))
        #expect(try FileFingerprint(path) == fingerprint)
    }
}
