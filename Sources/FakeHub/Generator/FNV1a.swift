/// FNV-1a, 64-bit: a stable hash for seeding ``SplitMix64`` from strings.
///
/// Swift's `Hasher` is seeded per process, so it cannot make decisions reproducible across runs; this can.
struct FNV1a: Sendable {
    private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    /// Mixes in bytes.
    mutating func combine(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
    }

    /// Mixes in a string's UTF-8 bytes followed by a 0 byte, so that `("ab", "c")` and `("a", "bc")` differ.
    mutating func combine(_ string: String) {
        combine(string.utf8)
        combine(CollectionOfOne(0))
    }

    /// Mixes in a number's 8 bytes, little-endian.
    mutating func combine(_ number: UInt64) {
        combine((0..<8).map { UInt8(truncatingIfNeeded: number >> ($0 * 8)) })
    }
}
