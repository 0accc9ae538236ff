import Foundation
import Testing

@testable import HubAPI

struct PacingTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func theWindowsBudgetIsSpentThenRequestsWaitForItsEnd() async {
        let session = SessionState()
        #expect(await session.pacingDelay(now: start, reserve: 1) == nil, "nothing known yet: send")
        await session.noteRateLimit(remaining: 3, resetAt: start.addingTimeInterval(10))
        #expect(await session.pacingDelay(now: start, reserve: 1) == nil)
        #expect(await session.pacingDelay(now: start, reserve: 1) == nil)
        // One left, kept in reserve: wait for the window's end (plus a margin).
        #expect(await session.pacingDelay(now: start, reserve: 1) == .milliseconds(10_050))
    }

    @Test func whenAWindowEndsOneRequestProbesTheNextAndTheRestWaitForItsReply() async {
        let session = SessionState()
        await session.noteRateLimit(remaining: 1, resetAt: start.addingTimeInterval(1))
        let later = start.addingTimeInterval(2)
        #expect(await session.pacingDelay(now: later, reserve: 1) == nil, "the probe")
        for _ in 0..<5 {
            #expect(await session.pacingDelay(now: later, reserve: 1) == SessionState.probeWait)
        }
        // The probe's reply tells the new window's budget: requests flow again.
        await session.noteRateLimit(remaining: 9, resetAt: later.addingTimeInterval(60))
        #expect(await session.pacingDelay(now: later, reserve: 1) == nil)
    }

    @Test func aProbeWhoseReplySaysNothingIsFollowedByAnotherAfterASecond() async {
        let session = SessionState()
        await session.noteRateLimit(remaining: 1, resetAt: start.addingTimeInterval(1))
        let later = start.addingTimeInterval(2)
        #expect(await session.pacingDelay(now: later, reserve: 1) == nil)
        #expect(await session.pacingDelay(now: later.addingTimeInterval(0.5), reserve: 1) == SessionState.probeWait)
        #expect(await session.pacingDelay(now: later.addingTimeInterval(1.1), reserve: 1) == nil, "a second probe")
        #expect(await session.pacingDelay(now: later.addingTimeInterval(1.2), reserve: 1) == SessionState.probeWait)
    }
}
