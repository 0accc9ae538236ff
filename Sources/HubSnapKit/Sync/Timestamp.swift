import Foundation

/// Normalizes Docker Hub's timestamps to the snapshot's one form, `YYYY-MM-DDTHH:MM:SSZ` in UTC.
///
/// Accepted: ISO 8601 with or without fractional seconds, with `Z` or a numeric offset, and a space instead
/// of `T` (Go's default format `2020-01-01 15:00:51.193355 +0000 UTC` included).
package enum Timestamp {
    /// The normalized form of `text`, or `nil` when it is absent, empty or not a timestamp.
    package static func normalize(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        guard let seconds = parse(text) else { return nil }
        return format(epochSeconds: seconds)
    }

    /// Formats a moment as `YYYY-MM-DDTHH:MM:SSZ`.
    package static func format(_ date: Date) -> String {
        format(epochSeconds: Int64(date.timeIntervalSince1970.rounded(.down)))
    }

    static func format(epochSeconds: Int64) -> String {
        let days = epochSeconds >= 0 ? epochSeconds / 86_400 : (epochSeconds - 86_399) / 86_400
        let secondOfDay = epochSeconds - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        return String(
            format: "%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ", year, month, day, secondOfDay / 3600,
            secondOfDay % 3600 / 60, secondOfDay % 60)
    }

    /// Seconds since 1970 in UTC.
    static func parse(_ text: String) -> Int64? {
        let chars = Array(text.utf8)
        var index = 0
        func number(_ digits: Int) -> Int64? {
            guard index + digits <= chars.count else { return nil }
            var value: Int64 = 0
            for offset in 0..<digits {
                let char = chars[index + offset]
                guard char >= 48 && char <= 57 else { return nil }
                value = value * 10 + Int64(char - 48)
            }
            index += digits
            return value
        }
        func expect(_ allowed: [UInt8]) -> Bool {
            guard index < chars.count, allowed.contains(chars[index]) else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect([45]), let month = number(2), expect([45]), let day = number(2),
            expect([84, 116, 32]), let hour = number(2), expect([58]), let minute = number(2), expect([58]),
            let second = number(2)
        else { return nil }
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        if index < chars.count && chars[index] == 46 {  // fractional seconds are dropped
            index += 1
            while index < chars.count && chars[index] >= 48 && chars[index] <= 57 { index += 1 }
        }
        while index < chars.count && chars[index] == 32 { index += 1 }
        var offset: Int64 = 0
        if index < chars.count {
            if chars[index] == 90 || chars[index] == 122 {  // Z
                index += 1
            } else if chars[index] == 43 || chars[index] == 45 {  // + or -
                let sign: Int64 = chars[index] == 45 ? -1 : 1
                index += 1
                guard let offsetHours = number(2) else { return nil }
                _ = expect([58])
                guard let offsetMinutes = number(2) else { return nil }
                offset = sign * (offsetHours * 3600 + offsetMinutes * 60)
            } else {
                return nil
            }
        }
        let rest = String(decoding: chars[index...], as: UTF8.self).trimmingCharacters(in: .whitespaces)
        guard rest.isEmpty || rest == "UTC" else { return nil }
        let days = days(fromCivil: year, month, day)
        return days * 86_400 + hour * 3600 + minute * 60 + min(second, 59) - offset
    }

    // Howard Hinnant's algorithms for the proleptic Gregorian calendar.
    private static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (month <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, month, day)
    }
}
