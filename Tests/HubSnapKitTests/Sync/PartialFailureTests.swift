import FakeHub
import Foundation
import HubAPI
import HubSnapKit
import TestSupport
import Testing

/// Things that go wrong with one part of one org mid-sync: what is kept, what is warned about, what ends the run.
struct PartialFailureTests {
    static let dataset = Dataset.generate(
        seed: 41, sizes: GeneratorSizes(orgs: 2, membersPerOrg: 230, teamsPerOrg: 6, reposPerOrg: 40))
    static var org: String { dataset.orgs[0].name }
    static let owner = ExpectedSnapshot(
        dataset: dataset, orgs: dataset.orgs.map(\.name), principal: DemoCredentials.username, access: .owner)
    static let denied = FakeHubOptions.OverrideReply(
        status: 403, body: #"{"errinfo": null, "message": "permission denied"}"#)
    static let notFound = FakeHubOptions.OverrideReply(status: 404, body: #"{"detail": "Not found."}"#)

    static func attempt(_ override: @escaping FakeHubOptions.Override) async throws -> SyncHarness.Attempt {
        try await SyncHarness.attempt(
            dataset, options: FakeHubOptions(rateLimit: 1_000_000, override: override),
            credentials: SyncHarness.credentials(.password, org: ""))
    }

    @Test func permissionsRefusedOnSomeRepositoriesKeepTheOthers() async throws {
        let refused = Set(Self.dataset.orgs[0].repositories.prefix(3).map(\.name))
        let org = Self.org
        let attempt = try await Self.attempt { request in
            refused.contains { request.path == "/v2/repositories/\(org)/\($0)/groups" } ? Self.denied : nil
        }
        let outcome = try attempt.result.get()
        var expected = Self.owner.tables
        expected["repository_permissions"]?.removeAll { $0[0] == org && refused.contains($0[1] ?? "") }
        let differences = SnapshotDump.differences(actual: outcome.tables, expected: expected)
        #expect(differences.isEmpty, "\(differences)")
        let total = Self.dataset.orgs[0].repositories.count
        #expect(outcome.warnings.count == 1, "\(outcome.warnings)")
        let warning = try #require(outcome.warnings.first)
        #expect(warning.hasPrefix("organization '\(org)': team permissions of 3 of \(total) repositories not read ("))
        #expect(refused.allSatisfy { warning.contains($0) })
    }

    @Test func permissionsRefusedEverywhereStopAfterAFewRequests() async throws {
        let org = Self.org
        let attempt = try await Self.attempt { request in
            request.path.hasPrefix("/v2/repositories/\(org)/") && request.path.hasSuffix("/groups") ? Self.denied : nil
        }
        let outcome = try attempt.result.get()
        var expected = Self.owner.tables
        expected["repository_permissions"]?.removeAll { $0[0] == org }
        #expect(SnapshotDump.differences(actual: outcome.tables, expected: expected).isEmpty)
        #expect(outcome.warnings.count == 1, "\(outcome.warnings)")
        let warning = try #require(outcome.warnings.first)
        #expect(
            warning.hasPrefix("organization '\(org)': repository team permissions not read: Docker Hub refused GET"))
        #expect(warning.contains("(403: permission denied)"))
        let asked = attempt.requests.filter { $0.path.hasPrefix("/v2/repositories/\(org)/") }.count
        // The probe, plus what was already in flight (concurrency 8) when it gave up: far fewer than all 40.
        #expect(asked <= 8 + 8, "\(asked) refused requests")
    }

    @Test func aTokenDeletedBetweenListAndDetailIsLeftOutWithAWarning() async throws {
        let org = Self.org
        let token = try #require(Self.dataset.orgs[0].accessTokens.first)
        let attempt = try await Self.attempt { request in
            request.path == "/v2/orgs/\(org)/access-tokens/\(token.id)" ? Self.notFound : nil
        }
        let outcome = try attempt.result.get()
        var expected = Self.owner.tables
        expected["access_tokens"]?.removeAll { $0[1] == token.id }
        let differences = SnapshotDump.differences(actual: outcome.tables, expected: expected)
        #expect(differences.isEmpty, "\(differences)")
        #expect(
            outcome.warnings == [
                "organization '\(org)': access token '\(token.id)' vanished while it was read; not stored"
            ])
    }

    @Test func aListThatShrinksWhileReadIsReadAgainFromTheStart() async throws {
        let path = "/v2/orgs/\(Self.org)/members"
        let attempt = try await Self.attempt { request in
            request.path == path && (request.query ?? "").contains("page=3") && request.attempt == 1
                ? Self.notFound : nil
        }
        let outcome = try attempt.result.get()
        let differences = SnapshotDump.differences(actual: outcome.tables, expected: Self.owner.tables)
        #expect(differences.isEmpty, "\(differences)")
        let firstPages = attempt.requests.filter { $0.path == path && !($0.query ?? "").contains("page=") }
        #expect(firstPages.count == 2)
    }

    @Test func aListThatKeepsShrinkingEndsTheSync() async throws {
        let path = "/v2/orgs/\(Self.org)/members"
        let attempt = try await Self.attempt { request in
            request.path == path && (request.query ?? "").contains("page=2") ? Self.notFound : nil
        }
        guard case .failure(let error as APIError) = attempt.result else {
            Issue.record("expected an APIError, got \(attempt.result)")
            return
        }
        #expect(error == .listChanged(endpoint: path))
        #expect(attempt.filesLeft.isEmpty, "\(attempt.filesLeft)")
    }

    @Test func anHTMLChallengeOnTheLoginIsRetriedNotTakenAsBadCredentials() async throws {
        let attempt = try await Self.attempt { request in
            guard request.method == "POST", request.path == "/v2/auth/token", request.attempt == 1 else { return nil }
            return .init(status: 403, contentType: "text/html", body: "<html><title>Just a moment...</title></html>")
        }
        let outcome = try attempt.result.get()
        #expect(SnapshotDump.differences(actual: outcome.tables, expected: Self.owner.tables).isEmpty)
        #expect(attempt.requests.filter { $0.path == "/v2/auth/token" }.count == 2)
    }

    @Test func aTwoFactorSessionThatCannotBeRenewedSaysToUseAPAT() async throws {
        let dataset = try Dataset.load(contentsOf: Fixtures.dataset("edge-cases"))
        let options = FakeHubOptions(
            tokenExpiresAfterRequests: 4, rateLimit: 1_000_000, singleUseSecondFactorCodes: true)
        let attempt = try await SyncHarness.attempt(
            dataset, options: options,
            credentials: Credentials(identifier: "twofactor", secret: Secret("two-factor-password"), otp: "492811"))
        guard case .failure(let error as APIError) = attempt.result else {
            Issue.record("expected an APIError, got \(attempt.result)")
            return
        }
        #expect(error == .secondFactorExpired(identifier: "twofactor"))
        #expect(error.localizedDescription.contains("personal access token"))
        #expect(attempt.filesLeft.isEmpty, "\(attempt.filesLeft)")
    }
}
