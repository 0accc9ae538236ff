import Testing

@testable import HubSnapKit

struct TimestampTests {
    @Test(arguments: [
        ("2021-01-05T21:06:53.506400Z", "2021-01-05T21:06:53Z"),
        ("2022-05-20T00:54:18Z", "2022-05-20T00:54:18Z"),
        ("2022-05-20T02:54:18+02:00", "2022-05-20T00:54:18Z"),
        ("2022-05-19T23:54:18.1-0100", "2022-05-20T00:54:18Z"),
        ("2020-01-01 15:00:51.193355 +0000 UTC", "2020-01-01T15:00:51Z"),
        ("2024-02-29T23:59:59Z", "2024-02-29T23:59:59Z"),
        ("1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"),
        ("2000-03-01T00:00:00", "2000-03-01T00:00:00Z"),
    ])
    func normalizesBothFormsToUTCSeconds(input: String, expected: String) {
        #expect(Timestamp.normalize(input) == expected)
    }

    @Test(arguments: ["", "yesterday", "2021-13-01T00:00:00Z", "2021-01-05", "2021-01-05T21:06:53Zjunk"])
    func rejectsWhatIsNotATimestamp(input: String) {
        #expect(Timestamp.normalize(input) == nil)
    }

    @Test func absentStaysAbsent() {
        #expect(Timestamp.normalize(nil) == nil)
    }
}
