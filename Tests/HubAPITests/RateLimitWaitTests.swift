import Foundation
import NIOHTTP1
import Testing

@testable import HubAPI

struct RateLimitWaitTests {
    let now = Date(timeIntervalSince1970: 1_746_136_900)

    @Test func retryAfterInSecondsIsTakenAsIs() {
        let wait = HubClient.rateLimitWait(HTTPHeaders([("Retry-After", "7")]), now: now, cap: .seconds(60))
        #expect(wait == .seconds(7))
    }

    @Test func retryAfterOverOneBillionIsAUnixTime() {
        // hub-feedback #2459: Retry-After carried the reset time, not a number of seconds.
        let wait = HubClient.rateLimitWait(HTTPHeaders([("retry-after", "1746136938")]), now: now, cap: .seconds(60))
        #expect(wait == .seconds(38))
    }

    @Test func rateLimitResetIsTheFallback() {
        let wait = HubClient.rateLimitWait(
            HTTPHeaders([("X-RateLimit-Reset", "1746136912")]), now: now, cap: .seconds(60))
        #expect(wait == .seconds(12))
    }

    @Test func xRetryAfterOfTheOlderSpecIsReadWhenRetryAfterIsAbsent() {
        let headers = HTTPHeaders([("X-Retry-After", "1746136920"), ("X-RateLimit-Reset", "1746136960")])
        #expect(HubClient.rateLimitWait(headers, now: now, cap: .seconds(60)) == .seconds(20))
    }

    @Test func anyWaitIsCapped() {
        let wait = HubClient.rateLimitWait(HTTPHeaders([("Retry-After", "86400")]), now: now, cap: .seconds(30))
        #expect(wait == .seconds(30))
    }

    @Test func aResetInThePastWaitsBriefly() {
        let wait = HubClient.rateLimitWait(HTTPHeaders([("Retry-After", "1746136000")]), now: now, cap: .seconds(30))
        #expect(wait == .milliseconds(50))
    }
}
