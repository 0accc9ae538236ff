import Foundation
import TestSupport
import Testing

/// `dump`, `info` and `diff` in every format on the before/after snapshots, against `Golden/`.
///
/// Re-record on purpose with `RECORD_GOLDEN=1 swift test --filter AuditGoldenTests`, then review the diff.
struct AuditGoldenTests {
    static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> Binary.Result {
        let directory = try await AuditFixture.directory()
        return try await Binary.run(arguments, environment: environment, directory: directory.url)
    }

    static func expectGolden(
        _ arguments: [String], _ golden: String, status: Int32 = 0, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let result = try await run(arguments)
        #expect(result.status == status, "\(arguments): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.isEmpty, "\(result.stderr)", sourceLocation: sourceLocation)
        if let mismatch = Golden.mismatch(result.stdout, named: golden) {
            Issue.record(Comment(rawValue: mismatch), sourceLocation: sourceLocation)
        }
    }

    // MARK: - dump

    @Test(arguments: [
        (["dump", "before.db", "--format", "table"], "dump-before.txt"),
        (["dump", "before.db", "--format", "json"], "dump-before.json"),
        (["dump", "before.db"], "dump-before.json"),
        (["dump", "after.db", "--format", "ndjson"], "dump-after.ndjson"),
        (["dump", "before.db", "--table", "teams", "--format", "csv"], "dump-before-teams.csv"),
        (["dump", "before.db", "--table", "org_members", "--format", "csv"], "dump-before-org_members.csv"),
        (["dump", "after.db", "--user", "mia", "--format", "table"], "dump-after-user-mia.txt"),
        (["dump", "after.db", "--user", "mia", "--format", "json"], "dump-after-user-mia.json"),
        (
            ["dump", "after.db", "--repo", "northwind/secret-sauce", "--format", "table"],
            "dump-after-repo-secret-sauce.txt"
        ),
        (["dump", "after.db", "--user", "MIA@northwind.example", "--format", "json"], "dump-after-user-mia.json"),
        (
            ["dump", "after.db", "--org", "southpaw", "--table", "repositories", "--table", "effective_access"],
            "dump-after-org-southpaw.json"
        ),
    ])
    func dump(arguments: [String], golden: String) async throws {
        try await Self.expectGolden(arguments, golden)
    }

    @Test func csvOutputDirectoryHoldsOneFileMatchingEachTable() async throws {
        let target = try TemporaryDirectory()
        defer { target.remove() }
        let result = try await Self.run(["dump", "before.db", "--output-dir", target.path("csv")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "hubsnap: note: wrote 11 CSV files to \(target.path("csv"))\n")
        let files = try FileManager.default.contentsOfDirectory(atPath: target.path("csv")).sorted()
        #expect(
            files
                == [
                    "access_tokens", "accounts", "invites", "org_grants", "org_members", "organizations",
                    "repositories", "repository_permissions", "snapshot", "team_members", "teams",
                ].map { "\($0).csv" })
        for table in ["teams", "org_grants", "snapshot"] {
            let single = try await Self.run(["dump", "before.db", "--table", table, "--format", "csv"])
            let file = try String(contentsOfFile: target.path("csv/\(table).csv"), encoding: .utf8)
            #expect(file == single.stdout, "\(table)")
            let mode = try FileManager.default.attributesOfItem(atPath: target.path("csv/\(table).csv"))[
                .posixPermissions]
            #expect(mode as? Int == 0o600, "CSV files hold email addresses, like the snapshot")
        }
    }

    // MARK: - info

    @Test(arguments: [
        (["info", "before.db"], "info-before.txt"),
        (["info", "before.db", "--format", "json"], "info-before.json"),
    ])
    func info(arguments: [String], golden: String) async throws {
        try await Self.expectGolden(arguments, golden)
    }

    // MARK: - diff

    @Test(arguments: [
        (["diff", "before.db", "after.db"], "diff.txt"),
        (["diff", "before.db", "after.db", "--format", "json"], "diff.json"),
        (["diff", "before.db", "after.db", "--format", "markdown"], "diff.md"),
        (["diff", "before.db", "after.db", "--all-fields"], "diff-all-fields.txt"),
        (["diff", "after.db", "before.db", "--format", "json"], "diff-reversed.json"),
    ])
    func diff(arguments: [String], golden: String) async throws {
        try await Self.expectGolden(arguments, golden, status: 1)
    }

    @Test func fieldsWithoutAccessMeaningAreComparedOnlyWithAllFields() async throws {
        let plain = try await Self.run(["diff", "before.db", "after.db"])
        let all = try await Self.run(["diff", "before.db", "after.db", "--all-fields"])
        #expect(!plain.stdout.contains("~ northwind/twofactor"))
        #expect(!plain.stdout.contains("~ northwind/website"))
        #expect(
            all.stdout.contains("~ northwind/twofactor: last_logged_in_at 2025-09-01T10:00:00Z → 2026-11-25T09:30:00Z"))
        #expect(all.stdout.contains("~ northwind/website: last_updated 2025-06-30T00:00:00Z → 2026-11-20T08:00:00Z"))
    }

    @Test func aSnapshotComparedWithItselfHasNoDifferencesAndExitsZero() async throws {
        let text = try await Self.run(["diff", "after.db", "after.db"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.hasSuffix("\nNo differences.\n"))
        let json = try await Self.run(["diff", "after.db", "after.db", "--format", "json"])
        #expect(json.status == 0)
        #expect(json.stdout.contains("\"differences\": 0,"))
    }

    static let forwardPolicies: [([String], Int32)] = [
        (["new-owner"], 1), (["new-member"], 1), (["removed-member"], 1), (["repo-made-public"], 1),
        (["permission-escalation"], 1), (["team-change"], 1), (["role-change"], 1), (["access-gained"], 1),
        (["access-lost"], 1), (["any"], 1), (["new-editor"], 0), (["new-editor", "repo-made-public"], 1),
    ]

    @Test(arguments: forwardPolicies)
    func failOnNarrowsWhatExitsOne(kinds: [String], status: Int32) async throws {
        let result = try await Self.run(["diff", "before.db", "after.db"] + kinds.flatMap { ["--fail-on", $0] })
        #expect(result.status == status, "\(kinds): \(result.stdout.suffix(200)) \(result.stderr)")
    }

    static let backwardPolicies: [([String], Int32)] = [
        (["new-owner"], 0), (["new-member"], 1), (["repo-made-public"], 0), (["permission-escalation"], 1),
        (["access-lost"], 1),
    ]

    @Test(arguments: backwardPolicies)
    func failOnGoingBackwards(kinds: [String], status: Int32) async throws {
        // after → before: zoe's return is a new member, mia's demotion is no new owner, tools turns private.
        let result = try await Self.run(["diff", "after.db", "before.db"] + kinds.flatMap { ["--fail-on", $0] })
        #expect(result.status == status, "\(kinds): \(result.stderr)")
    }

    @Test func anUnknownFailOnKindIsAUsageError() async throws {
        let result = try await Self.run(["diff", "before.db", "after.db", "--fail-on", "new-admin"])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("hubsnap: error: "))
        #expect(result.stderr.contains("new-owner"), "the message lists the kinds: \(result.stderr)")
    }

    @Test func textIsColouredOnlyOnATerminalWithoutNoColor() async throws {
        let piped = try await Self.run(["diff", "before.db", "after.db"])
        #expect(!piped.stdout.contains("\u{1B}["))
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return }
        let command = "\(Binary.hubsnap.path) diff before.db after.db"
        let directory = try await AuditFixture.directory()
        let terminal = try await TerminalRun.run(command, in: directory.url, environment: [:])
        #expect(terminal.contains("\u{1B}[32m+ northwind: outsider (member)"), "\(terminal.prefix(400))")
        let noColor = try await TerminalRun.run(command, in: directory.url, environment: ["NO_COLOR": "1"])
        #expect(noColor.contains("+ northwind: outsider (member)"))
        #expect(!noColor.contains("\u{1B}["))
    }

    @Test func dumpIsATableOnATerminalAndJSONOtherwise() async throws {
        let piped = try await Self.run(["dump", "before.db", "--table", "organizations"])
        #expect(piped.stdout.hasPrefix("{\n  \"organizations\": [\n"))
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return }
        let directory = try await AuditFixture.directory()
        let terminal = try await TerminalRun.run(
            "\(Binary.hubsnap.path) dump before.db --table organizations", in: directory.url, environment: [:])
        #expect(terminal.hasPrefix("organizations (2 rows)\r\nname "), "\(terminal.prefix(200))")
    }

    @Test func userAndOrgNamesMatchWhateverTheirCase() async throws {
        let lower = try await Self.run(["dump", "after.db", "--user", "mia", "--org", "northwind"])
        let upper = try await Self.run(["dump", "after.db", "--user", "MIA", "--org", "NorthWind"])
        #expect(lower.status == 0 && upper.status == 0)
        #expect(lower.stdout == upper.stdout)
        #expect(lower.stdout.contains("\"username\": \"mia\""))
    }

    @Test func aFilterThatMatchesNothingSaysSoOnStderr() async throws {
        let result = try await Self.run(["dump", "after.db", "--user", "nobody", "--table", "org_members"])
        #expect(result.status == 0)
        #expect(result.stdout == "{\n  \"org_members\": []\n}\n")
        #expect(result.stderr == "hubsnap: note: no member account 'nobody' in 'after.db'\n")
    }

    @Test func aFullOutputIsAnErrorNotACrash() async throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        let directory = try await AuditFixture.directory()
        for command in ["dump before.db --format json", "info before.db", "diff before.db after.db"] {
            let result = try await TerminalRun.shell(
                "\(Binary.hubsnap.path) \(command) > /dev/full; echo \"status $?\"", in: directory.url)
            #expect(result.stdout == "status 73\n", "\(command): \(result.stderr)")
            #expect(result.stderr.hasPrefix("hubsnap: error: cannot write standard output ("), "\(result.stderr)")
            #expect(result.stderr.filter { $0 == "\n" }.count == 1)
        }
    }
}
