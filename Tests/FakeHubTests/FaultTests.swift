import AsyncHTTPClient
import FakeHub
import Foundation
import Testing

/// Fault injection as clients see it over loopback HTTP.
@Suite struct FaultTests {
    /// A route anonymous callers get a 200 list from (public repositories).
    static let repositories = "/v2/namespaces/northwind/repositories?page_size=100"

    static func options(_ faults: FaultPlan) -> FakeHubOptions {
        FakeHubOptions(faults: faults)
    }

    /// `count` GETs of `path`, one after the other; `nil` where the connection was dropped.
    static func replies(_ hub: HubSession, _ path: String, count: Int) async -> [Reply?] {
        var replies: [Reply?] = []
        for _ in 0..<count {
            replies.append(try? await hub.get(path))
        }
        return replies
    }

    // MARK: - Reproducibility

    /// The fault labels of 3 attempts at each of 20 URLs, keyed by URL, from the request log.
    static func faultsByURL(seed: UInt64, concurrent: Bool) async throws -> [String: [String?]] {
        let paths = (0..<20).map { "/v2/orgs/northwind?probe=\($0)" }
        return try await HubSession.with(options: options(.mixed(share: 0.5, seed: seed))) { hub in
            let order = concurrent ? Array(paths.reversed()) : paths
            // Within a URL the attempts are sequential, so the log's order per URL is the attempt order.
            _ = await concurrently(order, width: concurrent ? 8 : 1) { path in
                await replies(hub, path, count: 3)
            }
            return Dictionary(grouping: await hub.hub.requests(), by: { "\($0.path)?\($0.query ?? "")" })
                .mapValues { $0.map(\.fault) }
        }
    }

    @Test func theSameSeedGivesTheSameFaultsPerURLAndAttemptInAnyOrder() async throws {
        let sequential = try await Self.faultsByURL(seed: 1, concurrent: false)
        let concurrent = try await Self.faultsByURL(seed: 1, concurrent: true)
        let otherSeed = try await Self.faultsByURL(seed: 2, concurrent: false)
        #expect(sequential.count == 20)
        #expect(sequential == concurrent)
        #expect(sequential != otherSeed)
        let faulted = sequential.values.joined().compactMap { $0 }
        #expect((15...45).contains(faulted.count))
    }

    @Test func theServerAppliesExactlyThePredictedFaults() async throws {
        let plan = FaultPlan.mixed(share: 0.6, seed: 77)
        let recorded = try await HubSession.with(options: Self.options(plan)) { hub in
            _ = await Self.replies(hub, "/v2/user", count: 30)
            return await hub.hub.requests()
        }
        let predicted = (1...30).map { plan.fault(for: RequestAttempt(path: "/v2/user", attempt: $0)) }
        #expect(recorded.map(\.fault) == predicted)
        #expect(predicted.contains(nil) && predicted.contains { $0 != nil })
    }

    // MARK: - Each kind on the wire

    @Test func serverErrorsAre5xxWithADetailOrAnEmptyBody() async throws {
        let replies = try await HubSession.with(options: Self.options(FaultPlan(seed: 4, serverError: 1))) { hub in
            await Self.replies(hub, Self.repositories, count: 40)
        }
        let received = replies.compactMap { $0 }
        #expect(received.count == 40)
        #expect(Set(received.map(\.status)) == [500, 502, 503])
        let empty = received.filter(\.data.isEmpty)
        let detailed = received.filter { $0.json["detail"]?.string != nil }
        #expect(!empty.isEmpty && !detailed.isEmpty)
        #expect(empty.count + detailed.count == 40)
        #expect(empty.allSatisfy { $0.header("Content-Length") == "0" })
        #expect(detailed.allSatisfy { $0.header("Content-Type") == "application/json" })
        #expect(received.allSatisfy { $0.header("X-RateLimit-Limit") == nil })
    }

    @Test func truncatedBodiesAreCutMidJSONWithAMatchingContentLength() async throws {
        let real = try await HubSession.with { hub in try await hub.get(Self.repositories) }
        #expect(real.status == 200)
        #expect((try? JSONSerialization.jsonObject(with: real.data)) != nil)
        let replies = try await HubSession.with(options: Self.options(FaultPlan(seed: 4, truncatedBody: 1))) { hub in
            await Self.replies(hub, Self.repositories, count: 20)
        }
        let received = replies.compactMap { $0 }
        #expect(received.count == 20)
        for reply in received {
            #expect(reply.status == 200)
            #expect(reply.header("Content-Type") == "application/json")
            #expect(reply.header("Content-Length") == String(reply.data.count))
            #expect(!reply.data.isEmpty && reply.data.count < real.data.count)
            #expect(real.data.starts(with: reply.data))
            #expect((try? JSONSerialization.jsonObject(with: reply.data)) == nil)
            #expect(reply.header("X-RateLimit-Limit") == "180")
        }
        #expect(Set(received.map(\.data.count)).count > 10)
    }

    @Test func htmlChallengesComeWith200Or503() async throws {
        let replies = try await HubSession.with(options: Self.options(FaultPlan(seed: 4, html: 1))) { hub in
            await Self.replies(hub, Self.repositories, count: 20)
        }
        let received = replies.compactMap { $0 }
        #expect(received.count == 20)
        #expect(Set(received.map(\.status)) == [200, 503])
        for reply in received {
            #expect(reply.header("Content-Type")?.hasPrefix("text/html") == true)
            #expect(reply.text.hasPrefix("<!DOCTYPE html>"))
            #expect(reply.text.contains("Just a moment..."))
            #expect(reply.header("Content-Length") == String(reply.data.count))
        }
    }

    @Test func plainTextRepliesComeWith200Or502() async throws {
        let (replies, log) = try await HubSession.with(options: Self.options(FaultPlan(seed: 4, plainText: 1))) {
            hub in
            (await Self.replies(hub, Self.repositories, count: 20), await hub.hub.requests())
        }
        let received = replies.compactMap { $0 }
        #expect(received.count == 20)
        #expect(Set(received.map(\.status)) == [200, 502])
        for reply in received {
            #expect(reply.header("Content-Type")?.hasPrefix("text/plain") == true)
            #expect(reply.json == .null)
            #expect(!reply.text.isEmpty && !reply.text.contains("{"))
        }
        #expect(received.contains { $0.text.contains("HAP429") })
        #expect(log.map(\.fault) == received.map { "plain-\($0.status)" })
    }

    @Test func droppedConnectionsGetNoResponseAtAll() async throws {
        let (errors, log) = try await HubSession.with(options: Self.options(FaultPlan(seed: 4, dropConnection: 1))) {
            hub in
            var errors: [any Error] = []
            for _ in 0..<3 {
                do {
                    let reply = try await hub.get(Self.repositories)
                    Issue.record("expected a transport error, got status \(reply.status)")
                } catch {
                    errors.append(error)
                }
            }
            return (errors, await hub.hub.requests())
        }
        #expect(errors.count == 3)
        #expect(errors.allSatisfy { ($0 as? HTTPClientError) == .remoteConnectionClosed })
        #expect(log.map(\.fault) == ["dropped", "dropped", "dropped"])
        #expect(log.map(\.status) == [0, 0, 0])
    }

    @Test func faultsAlsoHitTheTokenExchange() async throws {
        let reply = try await HubSession.with(options: Self.options(FaultPlan(seed: 4, html: 1))) { hub in
            try await hub.post("/v2/auth/token", ["identifier": "edgeadmin", "secret": "edge-admin-password"])
        }
        #expect(reply.header("Content-Type")?.hasPrefix("text/html") == true)
        #expect(reply.json["access_token"] == nil)
    }

    // MARK: - Shares

    @Test func aShareOfZeroGivesNoFaults() async throws {
        let plans = [FaultPlan(seed: 6), FaultPlan.mixed(share: 0, seed: 6)]
        for plan in plans {
            let (replies, counts) = try await HubSession.with(options: Self.options(plan)) { hub in
                (await Self.replies(hub, Self.repositories, count: 100), await hub.hub.faultCounts())
            }
            #expect(replies.allSatisfy { $0?.status == 200 && $0?.json["count"]?.int != nil })
            #expect(counts.isEmpty)
        }
    }

    @Test func faultsFollowTheirShareOver2000Requests() async throws {
        let plan = FaultPlan.mixed(share: 0.3, seed: 2025)
        let (replies, counts) = try await HubSession.with(options: Self.options(plan)) { hub in
            // 100 URLs, 20 attempts each.
            let paths = (0..<2000).map { "/v2/user?n=\($0 % 100)" }
            let replies = await concurrently(paths) { path in try? await hub.get(path) }
            return (replies, await hub.hub.faultCounts())
        }
        let total = counts.values.reduce(0, +)
        #expect((540...660).contains(total), "\(counts)")
        let byKind = [
            "serverError": ["500", "502", "503"], "truncated": ["truncated"], "html": ["html-200", "html-503"],
            "plainText": ["plain-200", "plain-502"], "dropped": ["dropped"],
        ].mapValues { labels in labels.map { counts[$0, default: 0] }.reduce(0, +) }
        for (kind, count) in byKind {
            #expect((80...160).contains(count), "\(kind): \(count)")
        }
        #expect(replies.filter { $0 == nil }.count == counts["dropped"])
        #expect(replies.compactMap { $0 }.filter { $0.status == 401 }.count == 2000 - total)
    }

    // MARK: - Latency

    @Test func latencyDelaysEachRequestByAtLeastTheMinimum() async throws {
        let plan = FaultPlan(seed: 3, latency: .milliseconds(150)...(.milliseconds(250)))
        let elapsed = try await HubSession.with(options: Self.options(plan)) { hub in
            var elapsed: [Duration] = []
            for _ in 0..<3 {
                let start = ContinuousClock.now
                let reply = try await hub.get("/v2/user")
                #expect(reply.status == 401)
                elapsed.append(ContinuousClock.now - start)
            }
            return elapsed
        }
        #expect(elapsed.allSatisfy { $0 >= .milliseconds(150) }, "\(elapsed)")
    }
}
