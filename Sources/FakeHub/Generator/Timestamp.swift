/// ISO-8601 UTC timestamps in both forms Docker Hub sends, computed with integer arithmetic only.
enum Timestamp {
    /// 2016-01-01T00:00:00Z.
    static let earliest: Int64 = 1_451_606_400
    /// 2025-10-01T00:00:00Z.
    static let latest: Int64 = 1_759_276_800

    /// `2021-01-05T21:06:53.506400Z` when `micros` is set, else `2021-01-05T21:06:53Z`.
    static func format(_ seconds: Int64, micros: Int?) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        let date = "\(year)-\(pad(month, 2))-\(pad(day, 2))"
        let time = "\(pad(secondOfDay / 3_600, 2)):\(pad(secondOfDay % 3_600 / 60, 2)):\(pad(secondOfDay % 60, 2))"
        let fraction = micros.map { "." + pad(Int64($0), 6) } ?? ""
        return "\(date)T\(time)\(fraction)Z"
    }

    /// A random instant in `lower..<upper`; with microseconds when `micros` says so, else about two times in three.
    static func random(
        _ rng: inout SplitMix64, from lower: Int64 = earliest, to upper: Int64 = latest, micros: Bool? = nil
    ) -> String {
        let seconds = lower + Int64(rng.int(below: Int(max(1, upper - lower))))
        let withMicros = micros ?? rng.chance(66)
        return format(seconds, micros: withMicros ? rng.int(below: 1_000_000) : nil)
    }

    /// Howard Hinnant's `civil_from_days`: days since 1970-01-01 to (year, month, day).
    private static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
