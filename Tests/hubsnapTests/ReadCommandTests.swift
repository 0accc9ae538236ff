import Foundation
import GRDB
import TestSupport
import Testing

/// `dump`, `info` and `diff` through the binary: inputs in WAL mode, several filter values, the notes `diff` adds,
/// and each command's help.
struct ReadCommandTests {
    @Test func aWALModeSnapshotIsReadAndNothingIsCreatedBesideIt() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try await AuditFixture.copy("before.db", to: directory, as: "wal.db")
        _ = try await AuditFixture.copy("after.db", to: directory)
        let queue = try DatabaseQueue(path: path)
        try await queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
        try queue.close()
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.url.path).sorted()
        try #require(names == ["after.db", "wal.db"], "closing merged the log: \(names)")
        let before = try FileFingerprint(path)

        for arguments in [
            ["info", "wal.db"], ["dump", "wal.db", "--format", "ndjson"], ["diff", "wal.db", "after.db"],
        ] {
            let result = try await Binary.run(arguments, directory: directory.url)
            #expect([0, 1].contains(result.status), "\(arguments): \(result.stderr)")
            #expect(!result.stdout.isEmpty)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).sorted() == names)
        #expect(try FileFingerprint(path) == before)
    }

    @Test(arguments: [["--org", "southpaw", "--org", "NorthWind"], ["--org", "southpaw,NorthWind"]])
    func severalOrgsAreKeptRepeatedOrCommaSeparated(_ flags: [String]) async throws {
        let directory = try await AuditFixture.directory()
        let result = try await Binary.run(
            ["dump", "before.db", "--table", "organizations", "--format", "csv"] + flags, directory: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        let names = result.stdout.components(separatedBy: "\r\n").dropFirst().compactMap {
            $0.split(separator: ",").first.map(String.init)
        }
        #expect(names == ["northwind", "southpaw"], "\(result.stdout)")
    }

    @Test func severalUsersAreKeptAndAnUnknownOneIsNamed() async throws {
        let directory = try await AuditFixture.directory()
        let result = try await Binary.run(
            [
                "dump", "before.db", "--table", "accounts", "--format", "csv", "--user", "mia,nobody-here", "--user",
                "ZOE",
            ],
            directory: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        let names = result.stdout.components(separatedBy: "\r\n").dropFirst().compactMap {
            $0.split(separator: ",").first.map(String.init)
        }
        #expect(names == ["mia", "zoe"], "\(result.stdout)")
        #expect(result.stderr == "hubsnap: note: no member account 'nobody-here' in 'before.db'\n")
    }

    @Test func repositoriesAreNamedNamespaceSlashNameInAnyCaseAndAnUnknownOneIsNamed() async throws {
        let directory = try await AuditFixture.directory()
        let result = try await Binary.run(
            [
                "dump", "after.db", "--table", "effective_access", "--format", "csv", "--repo",
                "NorthWind/Secret-Sauce,northwind/nothing-here",
            ],
            directory: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        let rows = result.stdout.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
        #expect(!rows.isEmpty && rows.allSatisfy { $0.contains(",northwind,secret-sauce,") }, "\(result.stdout)")
        #expect(result.stderr == "hubsnap: note: no repository 'northwind/nothing-here' in 'after.db'\n")

        let malformed = try await Binary.run(["dump", "after.db", "--repo", "secret-sauce"], directory: directory.url)
        #expect(malformed.status == 64)
        #expect(malformed.stderr.contains("--repo 'secret-sauce' is not NAMESPACE/NAME"), "\(malformed.stderr)")
    }

    @Test func withoutTableTheExpansionIsLeftOutUnlessAUserOrRepositoryIsAsked() async throws {
        let directory = try await AuditFixture.directory()
        let all = try await Binary.run(["dump", "after.db", "--format", "ndjson"], directory: directory.url)
        #expect(all.status == 0)
        #expect(!all.stdout.contains("\"table\": \"effective_access\""))
        #expect(all.stdout.contains("\"table\": \"org_grants\""))
        let asked = try await Binary.run(
            ["dump", "after.db", "--format", "ndjson", "--table", "effective_access"], directory: directory.url)
        #expect(asked.stdout.split(separator: "\n").count > 10)
    }

    @Test func diffNotesAnotherAPIURLAndSnapshotsGivenInTheWrongOrder() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let other = try await AuditFixture.copy("before.db", to: directory, as: "other.db")
        _ = try await AuditFixture.copy("after.db", to: directory)
        let queue = try DatabaseQueue(path: other)
        try await queue.write { db in try db.execute(sql: "UPDATE snapshot SET api_url = 'https://hub.example.test'") }
        try queue.close()

        let urls = try await Binary.run(["diff", "other.db", "after.db"], directory: directory.url)
        #expect(urls.stdout.contains("different API URLs (https://hub.example.test and https://hub.docker.com)"))
        #expect(!urls.stdout.contains("taken after"))

        let reversed = try await Binary.run(
            ["diff", "after.db", "other.db", "--format", "json"], directory: directory.url)
        #expect(reversed.stdout.contains("the old snapshot was taken after the new one"), "\(reversed.stdout)")

        let same = try await Binary.run(["diff", "after.db", "after.db"], directory: directory.url)
        #expect(same.status == 0)
        #expect(!same.stdout.contains("API URLs") && !same.stdout.contains("taken after"))
    }

    @Test(arguments: [
        ("sync", ["64", "69", "73", "75", "77", "130/143"], ["1", "65", "141"]),
        ("demo", ["64", "73", "75", "130/143"], ["1", "65", "69", "77", "141"]),
        ("dump", ["64", "65", "73", "130/143", "141"], ["1", "69", "75", "77"]),
        ("info", ["64", "65", "73", "130/143", "141"], ["1", "69", "75", "77"]),
        ("diff", ["1", "64", "65", "73", "130/143", "141"], ["69", "75", "77"]),
    ])
    func eachCommandsHelpListsItsOwnExitCodes(command: String, listed: [String], absent: [String]) async throws {
        let result = try await Binary.run([command, "--help"])
        #expect(result.status == 0)
        let text = result.stdout.replacingOccurrences(of: "\n", with: " ")
        let range = try #require(text.range(of: "Exit codes: "))
        let paragraph = text[range.upperBound...].prefix { $0 != "." }
        let codes = Set(
            paragraph.split(separator: ";").compactMap {
                $0.split(separator: " ").first.map(String.init)
            })
        for code in listed { #expect(codes.contains(code), "\(command): \(code) in \(paragraph)") }
        for code in absent { #expect(!codes.contains(code), "\(command): no \(code) in \(paragraph)") }
    }
}
