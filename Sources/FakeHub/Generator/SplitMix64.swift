/// SplitMix64: a tiny PRNG whose output depends only on the seed, on every platform and Swift version.
///
/// Deliberately not a `RandomNumberGenerator`: the standard library's `random(in:using:)` algorithms are not
/// guaranteed stable across releases, so every draw here is spelled out.
struct SplitMix64: Sendable {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound` (0 when `bound` is not positive); the modulo bias is irrelevant here.
    mutating func int(below bound: Int) -> Int {
        bound <= 0 ? 0 : Int(next() % UInt64(bound))
    }

    /// A number in `range`.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + int(below: range.upperBound - range.lowerBound + 1)
    }

    /// A number in `0..<1` with 53 random bits.
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// True with the given probability in percent.
    mutating func chance(_ percent: Int) -> Bool {
        int(below: 100) < percent
    }

    /// One element of a non-empty array.
    mutating func pick<Element>(_ items: [Element]) -> Element {
        items[int(below: items.count)]
    }

    /// `count` distinct indices of `0..<population`, in ascending order (partial Fisher–Yates).
    mutating func sample(_ count: Int, of population: Int) -> [Int] {
        var indices = Array(0..<population)
        let count = min(max(count, 0), population)
        for position in 0..<count {
            indices.swapAt(position, position + int(below: population - position))
        }
        return indices[0..<count].sorted()
    }

    /// `digits` lower-case hex digits.
    mutating func hex(_ digits: Int) -> String {
        var text = ""
        while text.count < digits {
            let chunk = String(next(), radix: 16)
            text += String(repeating: "0", count: 16 - chunk.count) + chunk
        }
        return String(text.prefix(digits))
    }

    /// A version-4 style dashed UUID, as Docker Hub uses for invites, PATs and OATs.
    mutating func dashedUUID() -> String {
        let digits = Array(hex(32))
        let variant = ["8", "9", "a", "b"][int(below: 4)]
        return String(digits[0..<8]) + "-" + String(digits[8..<12]) + "-4" + String(digits[13..<16]) + "-"
            + variant + String(digits[17..<20]) + "-" + String(digits[20..<32])
    }

    /// A UUID without dashes, as Docker Hub sends user and org ids.
    mutating func trimmedUUID() -> String {
        dashedUUID().replacingDashes()
    }
}

extension String {
    fileprivate func replacingDashes() -> String {
        String(filter { $0 != "-" })
    }
}
