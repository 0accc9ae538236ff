import Foundation
import Testing

@testable import HubAPI

struct NULEscapesTests {
    @Test(arguments: [
        (#"{"a":"x\u0000y"}"#, #"{"a":"x\ufffdy"}"#),
        (#"{"a":"x\\u0000y"}"#, #"{"a":"x\\u0000y"}"#),
        (#"{"a":"x\\\u0000y"}"#, #"{"a":"x\\\ufffdy"}"#),
        (#"{"a":"\u0000\u0000"}"#, #"{"a":"\ufffd\ufffd"}"#),
        (#"{"a":"plain"}"#, #"{"a":"plain"}"#),
    ])
    func onlyRealNULEscapesAreReplaced(body: String, expected: String) {
        #expect(String(decoding: NULEscapes.replace(in: Data(body.utf8)), as: UTF8.self) == expected)
    }
}
