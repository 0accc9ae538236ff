import FakeHub
import Foundation
import Testing

/// The helpers rewrite hooks use to edit bodies.
@Suite struct JSONValueTests {
    static let page: JSONValue = .object([
        "count": 2, "next": .null, "results": [.object(["name": "a", "n": 1]), .object(["name": "b", "n": 2])],
    ])

    @Test func subscriptReadsKeysAndElements() {
        #expect(Self.page["count"] == .int(2))
        #expect(Self.page["next"] == .null)
        #expect(Self.page["missing"] == nil)
        #expect(Self.page["results"]?[1]?["name"]?.string == "b")
        #expect(Self.page["results"]?[2] == nil)
        #expect(JSONValue.string("x")["count"] == nil)
        #expect(Self.page.keys == ["count", "next", "results"])
    }

    @Test func settingReplacesInPlaceAppendsOrRemoves() {
        #expect(Self.page.setting("count", to: "many").keys == ["count", "next", "results"])
        #expect(Self.page.setting("count", to: "many")["count"] == .string("many"))
        #expect(Self.page.setting("extra", to: [1, 2.5, true]).keys == ["count", "next", "results", "extra"])
        #expect(Self.page.removing("next").keys == ["count", "results"])
        #expect(JSONValue.int(1).setting("count", to: 2) == .int(1))
        var edited = Self.page
        edited["next"] = "http://elsewhere.example/"
        #expect(edited["next"]?.string == "http://elsewhere.example/")
    }

    @Test func mappingResultsEditsEveryElement() {
        let edited = Self.page.mappingResults { $0.setting("n", to: .null) }
        #expect(edited.results.map { $0["n"] } == [.null, .null])
        #expect(edited["count"] == .int(2))
        #expect(JSONValue.object(["data": []]).mappingResults { _ in .null } == .object(["data": []]))
    }

    @Test func equalityComparesFieldsInOrder() {
        #expect(JSONValue.object(["a": 1, "b": 2]) == .object(["a": 1, "b": 2]))
        #expect(JSONValue.object(["a": 1, "b": 2]) != .object(["b": 2, "a": 1]))
        #expect(JSONValue.int(1) != .double(1))
    }

    @Test func encodingSortsKeysAndEscapesControlCharacters() throws {
        let value = JSONValue.object(["z": "tab\tnul\u{0}", "a": 1.5, "m": [.null, false]])
        let text = String(decoding: try value.encoded(), as: UTF8.self)
        #expect(text == #"{"a":1.5,"m":[null,false],"z":"tab\tnul\u0000"}"#)
    }
}
