import FakeHub
import Testing

/// The pure decisions of ``FaultPlan``, without a server.
@Suite struct FaultPlanTests {
    static let members = RequestAttempt(path: "/v2/orgs/acme/members", query: "page=2&page_size=100")

    static func labels(_ plan: FaultPlan, _ request: RequestAttempt, attempts: ClosedRange<Int>) -> [String?] {
        attempts.map { attempt in
            var request = request
            request.attempt = attempt
            return plan.fault(for: request)
        }
    }

    /// Pins the FNV-1a → SplitMix64 chain: a change here changes every seeded fault sequence users recorded.
    @Test func decisionsAreStableAcrossPlatformsAndReleases() {
        let labels = Self.labels(.mixed(share: 0.5, seed: 42), Self.members, attempts: 1...12)
        #expect(labels == Self.pinned)
    }

    static let pinned: [String?] = [
        "502", nil, nil, nil, "truncated", nil, "plain-502", nil, nil, nil, nil, "truncated",
    ]

    @Test func differentSeedsGiveDifferentSequences() {
        let first = Self.labels(.mixed(share: 0.5, seed: 1), Self.members, attempts: 1...40)
        let second = Self.labels(.mixed(share: 0.5, seed: 2), Self.members, attempts: 1...40)
        #expect(first != second)
        #expect(first == Self.labels(.mixed(share: 0.5, seed: 1), Self.members, attempts: 1...40))
    }

    @Test func methodPathAndQueryEachChangeTheDecision() {
        let plan = FaultPlan.mixed(share: 0.5, seed: 7)
        let base = Self.labels(plan, Self.members, attempts: 1...40)
        var other = Self.members
        other.method = "POST"
        #expect(Self.labels(plan, other, attempts: 1...40) != base)
        other = Self.members
        other.path = "/v2/orgs/acme/groups"
        #expect(Self.labels(plan, other, attempts: 1...40) != base)
        other = Self.members
        other.query = nil
        #expect(Self.labels(plan, other, attempts: 1...40) != base)
    }

    @Test func mixedSpreadsTheShareEvenlyOverTheFiveKinds() {
        let plan = FaultPlan.mixed(share: 0.5, seed: 3)
        #expect(
            [plan.serverError, plan.truncatedBody, plan.html, plan.plainText, plan.dropConnection] == [
                0.1, 0.1, 0.1, 0.1, 0.1,
            ])
        #expect(abs(plan.totalShare - 0.5) < 1e-12)
        #expect(FaultPlan.mixed(share: 3, seed: 3).totalShare == 1)
    }

    @Test func sharesAreTakenInOrderWhenTheyAddUpToMoreThanOne() {
        let plan = FaultPlan(seed: 9, serverError: 1, html: 1)
        let labels = Self.labels(plan, Self.members, attempts: 1...200)
        #expect(labels.allSatisfy { ["500", "502", "503"].contains($0) })
    }

    @Test func noFaultsIsTheDefault() {
        #expect(FakeHubOptions().faults == .noFaults)
        #expect(Self.labels(.noFaults, Self.members, attempts: 1...500).allSatisfy { $0 == nil })
        #expect(FaultPlan.noFaults.delay(for: Self.members) == nil)
    }

    @Test func delaysStayInTheLatencyRangeAndAreReproducible() {
        let range = Duration.milliseconds(20)...Duration.milliseconds(30)
        let plan = FaultPlan(seed: 5, latency: range)
        let delays = (1...300).compactMap { attempt in
            plan.delay(for: RequestAttempt(path: "/v2/user", attempt: attempt))
        }
        #expect(delays.count == 300)
        #expect(delays.allSatisfy { range.contains($0) })
        #expect(Set(delays.map { $0.components.attoseconds }).count > 100)
        let again = (1...300).compactMap { plan.delay(for: RequestAttempt(path: "/v2/user", attempt: $0)) }
        #expect(again == delays)
    }

    @Test func latencyDoesNotChangeTheFaults() {
        let plain = FaultPlan.mixed(share: 0.5, seed: 8)
        let slow = FaultPlan.mixed(share: 0.5, seed: 8, latency: .milliseconds(1)...(.milliseconds(9)))
        #expect(
            Self.labels(plain, Self.members, attempts: 1...100) == Self.labels(slow, Self.members, attempts: 1...100))
    }
}
