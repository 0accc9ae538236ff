import Foundation
import GRDB
import TestSupport
import Testing

@testable import SnapshotStore

struct SnapshotWriterTests {
    static let info = SnapshotInfo(
        formatVersion: 1, toolVersion: "test", startedAt: "2026-01-01T00:00:00Z", finishedAt: "2026-01-01T00:00:01Z",
        apiUrl: "http://127.0.0.1", credentialKind: "password", principal: "jdoe", orgFilter: nil, httpRequests: 3,
        warnings: "[]")

    static func batch(_ org: String) -> OrganizationBatch {
        var batch = OrganizationBatch(
            organization: OrganizationRow(
                name: org, id: "1", fullName: nil, company: nil, location: nil, dateJoined: nil))
        batch.accounts = [AccountRow(username: "jdoe", id: "u1", fullName: nil, email: "j@example.com", type: "User")]
        batch.members = [
            OrgMemberRow(
                org: org, username: "jdoe", role: "owner", isGuest: false, dateJoined: nil, lastLoggedInAt: nil)
        ]
        return batch
    }

    @Test func aFinishedSnapshotReplacesTheDestinationWithHeaderAndMode() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let destination = URL(fileURLWithPath: directory.path("out.db"))
        try Data("old".utf8).write(to: destination)

        let writer = try SnapshotWriter.begin(destination: destination)
        let attributes = try FileManager.default.attributesOfItem(atPath: writer.temporaryURL.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        try await writer.write(Self.batch("acme"))
        try await writer.finish(Self.info)

        #expect(!FileManager.default.fileExists(atPath: writer.temporaryURL.path))
        let queue = try DatabaseQueue(path: destination.path)
        let (appID, version, members) = try await queue.read { db in
            (
                try Int.fetchOne(db, sql: "PRAGMA application_id"), try Int.fetchOne(db, sql: "PRAGMA user_version"),
                try Int.fetchOne(db, sql: "SELECT count(*) FROM org_members")
            )
        }
        #expect(appID == 1_213_419_088)
        #expect(version == SnapshotSchema.currentVersion)
        #expect(members == 1)
        let mode = try FileManager.default.attributesOfItem(atPath: destination.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    static let previous = Data("previous snapshot".utf8)

    /// Runs `body` with a destination that already holds ``previous``, then checks that it still holds exactly
    /// that and that nothing else was left beside it.
    func overPreviousSnapshot(_ body: (URL) async throws -> Void) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let destination = URL(fileURLWithPath: directory.path("out.db"))
        try Self.previous.write(to: destination)
        try await body(destination)
        #expect(try Data(contentsOf: destination) == Self.previous)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["out.db"])
    }

    @Test func aDiscardedSnapshotLeavesTheDestinationByteIdentical() async throws {
        try await overPreviousSnapshot { destination in
            let writer = try SnapshotWriter.begin(destination: destination)
            try await writer.write(Self.batch("acme"))
            writer.discard()
        }
    }

    @Test func aForeignKeyViolationFailsTheWriteAndKeepsTheDestination() async throws {
        try await overPreviousSnapshot { destination in
            let writer = try SnapshotWriter.begin(destination: destination)
            var batch = Self.batch("acme")
            batch.teamMembers = [TeamMemberRow(org: "acme", team: "no-such-team", username: "jdoe")]
            // A row that breaks the schema is a bug in the sync, not a disk problem: it is not dressed up as one.
            await #expect(throws: DatabaseError.self) { try await writer.write(batch) }
            writer.discard()
        }
    }

    @Test func aFullDiskIsACannotWriteErrorAndKeepsTheDestination() async throws {
        try await overPreviousSnapshot { destination in
            let writer = try SnapshotWriter.begin(destination: destination)
            defer { writer.discard() }
            // The file may not grow past its current size: the next insert that needs a page meets SQLITE_FULL.
            try await writer.queue.write { db in
                let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 1
                try db.execute(sql: "PRAGMA max_page_count = \(pages)")
            }
            var batch = Self.batch("acme")
            batch.accounts = (0..<2_000).map {
                AccountRow(
                    username: "user\($0)", id: "\($0)", fullName: String(repeating: "x", count: 200), email: nil,
                    type: nil)
            }
            let error = await #expect(throws: StoreError.self) { try await writer.write(batch) }
            guard case .cannotWrite(let path, let reason) = error else {
                Issue.record("expected cannotWrite, got \(String(describing: error))")
                return
            }
            #expect(path == destination.path)
            #expect(reason.contains("full"), "\(reason)")
        }
    }

    @Test func aMissingDirectoryIsACannotWriteError() throws {
        let destination = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/out.db")
        #expect(throws: StoreError.self) { try SnapshotWriter.begin(destination: destination) }
    }

    @Test func accountsSeenInTwoOrgsKeepTheFirstNonNullFields() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let destination = URL(fileURLWithPath: directory.path("out.db"))
        let writer = try SnapshotWriter.begin(destination: destination)
        var first = Self.batch("acme")
        first.accounts[0].email = nil
        var second = Self.batch("globex")
        second.accounts[0].fullName = "Jane"
        try await writer.write(first)
        try await writer.write(second)
        try await writer.finish(Self.info)
        let tables = try SnapshotDump.tables(at: destination.path)
        #expect(tables["accounts"] == [["jdoe", "u1", "Jane", "j@example.com", "User"]])
    }

    @Test func leftoverTemporaryFilesAreRemovedWhateverTheirProcessID() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let destination = URL(fileURLWithPath: directory.path("out.db"))
        // A run killed in a container was PID 1, like the next one may be: its file is garbage all the same.
        let names = [".out.db.tmp-4194305-abc", ".out.db.tmp-1-def", ".out.db.tmp-\(getpid())-0a1"]
        for name in names {
            _ = FileManager.default.createFile(atPath: directory.path(name), contents: Data())
        }
        let inUse = URL(fileURLWithPath: directory.path(".out.db.tmp-\(getpid())-beef"))
        _ = FileManager.default.createFile(atPath: inUse.path, contents: Data())
        let unrelated = directory.path(".other.db.tmp-1-abc")
        _ = FileManager.default.createFile(atPath: unrelated, contents: Data())

        #expect(TemporaryFiles.removeStale(beside: destination, keeping: [inUse]) == names.sorted())
        #expect(FileManager.default.fileExists(atPath: inUse.path))
        #expect(FileManager.default.fileExists(atPath: unrelated))
    }
}

struct SQLIdentifierTests {
    @Test func anEmbeddedQuoteIsDoubledSoTheNameCannotEndTheQuotes() {
        #expect("org".sqlIdentifier == "\"org\"")
        #expect("a\"b".sqlIdentifier == "\"a\"\"b\"")
        #expect("x\" FROM t; --".sqlIdentifier == "\"x\"\" FROM t; --\"")
    }
}
