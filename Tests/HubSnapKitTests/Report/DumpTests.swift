import Foundation
import HubSnapKit
import SnapshotStore
import TestSupport
import Testing

/// `Dump` on small snapshots with hostile values: CSV quoting and formula neutralizing, JSON escaping, terminal
/// alignment.
struct DumpTests {
    static func withSnapshot<T>(_ body: (SnapshotReader) throws -> T) throws -> T {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let fixture = try SnapshotFixture(path: directory.path("s.db"))
        try fixture.org("acme")
        let descriptions = [
            "=HYPERLINK(\"http://x.example\",\"click\")", "+1+1", "-2", "@SUM(A1)", "\tTab", "\rReturn",
            "plain, with \"quotes\"\nand a newline", "李雷 🚀",
        ]
        for (index, description) in descriptions.enumerated() {
            try fixture.repository("repo-\(index)", of: "acme", description: description)
        }
        try fixture.execute("UPDATE repositories SET repository_type = 'image'")
        try fixture.close()
        let reader = try SnapshotReader(path: fixture.path)
        defer { reader.close() }
        return try body(reader)
    }

    static func render(_ format: Dump.Format, tables: [String] = ["repositories"]) throws -> String {
        try withSnapshot { reader in
            var output = StringOutput()
            try Dump(tableNames: tables).write(from: reader, format: format, to: &output)
            return output.text
        }
    }

    @Test func csvIsRFC4180AndNeutralizesFormulas() throws {
        let lines = try Self.render(.csv).components(separatedBy: "\r\n")
        #expect(
            lines.first == "namespace,name,is_private,status,description,repository_type,date_registered,last_updated")
        #expect(lines[1] == "acme,repo-0,1,,\"'=HYPERLINK(\"\"http://x.example\"\",\"\"click\"\")\",image,,")
        #expect(lines[2] == "acme,repo-1,1,,'+1+1,image,,")
        #expect(lines[3] == "acme,repo-2,1,,'-2,image,,")
        #expect(lines[4] == "acme,repo-3,1,,'@SUM(A1),image,,")
        #expect(lines[5] == "acme,repo-4,1,,'\tTab,image,,")
        #expect(lines[6] == "acme,repo-5,1,,\"'\rReturn\",image,,")
        #expect(lines[7] == "acme,repo-6,1,,\"plain, with \"\"quotes\"\"\nand a newline\",image,,")
        #expect(lines[8] == "acme,repo-7,1,,李雷 🚀,image,,")
        #expect(lines.last == "", "every record ends with CRLF")
    }

    @Test func numbersAreNeverPrefixed() {
        #expect(CellFormatting.csv(.integer(-5)) == "-5")
        #expect(CellFormatting.csv(.real(-0.5)) == "-0.5")
        #expect(CellFormatting.csv(.text("-5")) == "'-5")
    }

    @Test func csvTellsNullFromTheEmptyString() {
        #expect(CellFormatting.csv(.null) == "")
        #expect(CellFormatting.csv(.text("")) == "\"\"")
        #expect(CellFormatting.csvLine([.text("a"), .null, .text("")].map { CellFormatting.csv($0) }) == "a,,\"\"\r\n")
    }

    @Test func aLeadingQuoteIsDoubledSoDroppingOneGivesTheValueBack() {
        #expect(CellFormatting.csv(.text("'quoted")) == "''quoted")
        #expect(CellFormatting.csv(.text("=1+1")) == "'=1+1")
        // The rule a reader applies: drop one leading ' from a text cell that has one.
        for value in ["'quoted", "=1+1", "''", "plain", "-5"] {
            let field = CellFormatting.csv(.text(value))
            #expect((field.hasPrefix("'") ? String(field.dropFirst()) : field) == value)
        }
    }

    @Test func formulaDefusingCanBeTurnedOff() throws {
        #expect(CellFormatting.csv(.text("=1+1"), defusingFormulas: false) == "=1+1")
        #expect(CellFormatting.csv(.text("'x"), defusingFormulas: false) == "'x")
        #expect(CellFormatting.csv(.text(""), defusingFormulas: false) == "\"\"")
        let lines = try Self.withSnapshot { reader in
            var output = StringOutput()
            var dump = try Dump(tableNames: ["repositories"])
            dump.defusesFormulas = false
            try dump.write(from: reader, format: .csv, to: &output)
            return output.text.components(separatedBy: "\r\n")
        }
        #expect(lines[2] == "acme,repo-1,1,,+1+1,image,,")
        #expect(lines[3] == "acme,repo-2,1,,-2,image,,")
    }

    @Test func severalOrgsAndUsersAreEachKept() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let fixture = try SnapshotFixture(path: directory.path("s.db"))
        for org in ["acme", "globex", "initech"] {
            try fixture.org(org)
            try fixture.member("ann", of: org, role: "member")
        }
        try fixture.member("bob", of: "acme", role: "owner")
        try fixture.member("cyd", of: "globex", role: "member")
        try fixture.close()
        let reader = try SnapshotReader(path: fixture.path)
        defer { reader.close() }
        func rows(orgs: [String]? = nil, users: [String]? = nil) throws -> [String] {
            // Names are resolved as `hubsnap dump` does: any case, as stored.
            let filter = RowFilter(
                orgs: try orgs.map { try reader.resolve(orgs: $0).names },
                users: try users.map { try reader.resolve(users: $0).names })
            var output = StringOutput()
            try Dump(tableNames: ["org_members"], filter: filter).write(
                from: reader, format: .csv, to: &output)
            return output.text.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
                .map { $0.split(separator: ",").prefix(2).joined(separator: "/") }
        }
        #expect(try rows(orgs: ["ACME", "globex"]) == ["acme/ann", "acme/bob", "globex/ann", "globex/cyd"])
        #expect(try rows(users: ["bob", "Cyd"]) == ["acme/bob", "globex/cyd"])
        #expect(try rows(orgs: ["globex", "initech"], users: ["ann", "bob"]) == ["globex/ann", "initech/ann"])
    }

    @Test func jsonEscapesControlCharactersAndSortsKeys() throws {
        let json = try Self.render(.json)
        #expect(json.hasPrefix("{\n  \"repositories\": [\n    {\"date_registered\": null, \"description\": "))
        #expect(json.contains("\"description\": \"\\tTab\""))
        #expect(json.contains("\"description\": \"plain, with \\\"quotes\\\"\\nand a newline\""))
        let data = try #require(json.data(using: .utf8))
        let parsed = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [[String: Any]]])
        #expect(parsed["repositories"]?.count == 8)
        #expect(parsed["repositories"]?[7]["description"] as? String == "李雷 🚀")
    }

    @Test func ndjsonIsOneObjectPerLine() throws {
        let lines = try Self.render(.ndjson, tables: ["organizations", "repositories"]).split(separator: "\n")
        #expect(lines.count == 9)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["table"] is String && object?["row"] is [String: Any])
        }
    }

    @Test func tableAlignsWideCharactersAndKeepsEachRowOnOneLine() throws {
        let lines = try Self.render(.table).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "repositories (8 rows)")
        #expect(lines.count == 1 + 2 + 8 + 1)
        #expect(lines[9].contains("plain, with \"quotes\"\\nand a newline"))
        #expect(lines[10].contains("李雷 🚀"))
        // The column after the descriptions starts at the same terminal column on every row, wide characters,
        // emoji and escaped control characters included.
        let starts = lines[3...10].map { line -> Int? in
            guard let range = line.range(of: "  image") else { return nil }
            return CellFormatting.displayWidth(String(line[..<range.lowerBound]))
        }
        #expect(starts.allSatisfy { $0 != nil && $0 == starts.first })
    }

    @Test func unknownTablesAndCSVOfSeveralTablesAreRefused() throws {
        #expect(throws: DumpError.unknownTable("repos")) { try Dump(tableNames: ["repos"]) }
        #expect(throws: DumpError.csvNeedsOneTable(2)) {
            try Self.render(.csv, tables: ["organizations", "repositories"])
        }
    }

    @Test func displayWidthCountsWideCharactersTwice() {
        #expect(CellFormatting.displayWidth("abc") == 3)
        #expect(CellFormatting.displayWidth("李雷") == 4)
        #expect(CellFormatting.displayWidth("🚀") == 2)
        #expect(CellFormatting.fit("abcdef", width: 4) == "abc…")
        #expect(CellFormatting.fit("ab", width: 4) == "ab  ")
    }

    @Test func terminalTextShowsControlCharactersAsEscapes() {
        #expect(CellFormatting.terminal(.text("a\u{1B}[31mred")) == "a\\u{1b}[31mred")
        #expect(CellFormatting.terminal(.text("\u{9B}31m C1 CSI")) == "\\u{9b}31m C1 CSI")
        #expect(CellFormatting.terminal(.text("line\nbreak\ttab")) == "line\\nbreak\\ttab")
        #expect(CellFormatting.terminal(.text("Zoë 李雷 🚀")) == "Zoë 李雷 🚀")
    }
}
