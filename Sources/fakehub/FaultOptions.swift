import ArgumentParser
import FakeHub

/// Latency and fault injection of `fakehub`, reproducible from `--fault-seed`.
struct FaultOptions: ParsableArguments {
    @Option(help: "Seed of the fault and latency decisions; the same seed gives the same faults per URL and attempt.")
    var faultSeed: UInt64 = 0

    @Option(
        help: ArgumentHelp(
            "Share (0...1) of requests answered with a fault: 5xx, a truncated body, HTML, plain text or a dropped "
                + "connection, in equal parts.", valueName: "share"))
    var faultShare = 0.0

    @Option(
        help: ArgumentHelp(
            "Extra delay per request in milliseconds: a fixed N, or a random one in A-B.", valueName: "ms or A-B"))
    var latencyMs: String?

    static let maximumLatency = 600_000

    func validate() throws {
        guard (0...1).contains(faultShare) else {
            throw ValidationError("--fault-share \(faultShare) is out of range; use 0...1")
        }
        if let latencyMs, Self.milliseconds(latencyMs) == nil {
            throw ValidationError(
                "--latency-ms '\(latencyMs)' is invalid; use N or A-B with 0 <= A <= B <= \(Self.maximumLatency)")
        }
    }

    /// The fault plan these flags describe.
    var plan: FaultPlan {
        let latency = latencyMs.flatMap(Self.milliseconds).map { range in
            Duration.milliseconds(range.lowerBound)...Duration.milliseconds(range.upperBound)
        }
        return .mixed(share: faultShare, seed: faultSeed, latency: latency)
    }

    /// A line for the start-up banner, or an empty string when nothing is injected.
    var banner: String {
        guard faultShare > 0 || latencyMs != nil else {
            return ""
        }
        var parts: [String] = []
        if faultShare > 0 {
            parts.append("\(faultShare * 100)% of requests")
        }
        if let latencyMs {
            parts.append("latency \(latencyMs) ms")
        }
        return "faults: " + parts.joined(separator: ", ") + " (seed \(faultSeed))\n"
    }

    /// `N` or `A-B` as a range of milliseconds, or `nil` when malformed or out of range.
    static func milliseconds(_ text: String) -> ClosedRange<Int>? {
        let bounds = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        guard (1...2).contains(bounds.count), let lower = bounds.first ?? nil, let upper = bounds.last ?? nil,
            0 <= lower, lower <= upper, upper <= maximumLatency
        else {
            return nil
        }
        return lower...upper
    }
}
