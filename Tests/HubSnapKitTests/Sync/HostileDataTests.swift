import FakeHub
import Foundation
import HubAPI
import HubSnapKit
import TestSupport
import Testing

/// What Docker Hub may send that it should not: each case is either handled (the snapshot is still exact) or ends
/// the sync with an error naming the endpoint and the problem, leaving no file behind. Never a crash, never a
/// corrupt snapshot, never the token sent to another host.
struct HostileDataTests {
    /// One org with three pages of members and two of repositories, so that paging itself can be attacked.
    static let dataset = Dataset.generate(
        seed: 23, sizes: GeneratorSizes(orgs: 1, membersPerOrg: 250, teamsPerOrg: 5, reposPerOrg: 120))
    static var org: String { dataset.orgs[0].name }
    static var membersPath: String { "/v2/orgs/\(org)/members" }
    static var repositoriesPath: String { "/v2/namespaces/\(org)/repositories" }
    static let owner = ExpectedSnapshot(
        dataset: dataset, orgs: [dataset.orgs[0].name], principal: DemoCredentials.username, access: .owner)

    static func sync(_ rewrite: @escaping FakeHubOptions.BodyRewrite) async throws -> SyncHarness.Outcome {
        try await SyncHarness.sync(
            dataset, options: FakeHubOptions(rateLimit: 1_000_000, rewriteBody: rewrite),
            credentials: SyncHarness.credentials(.password, org: org), orgs: [org])
    }

    /// Runs a sync that must fail; returns its error and the requests the server saw, and checks that it left no
    /// file behind.
    static func failingSync(
        maxBodyBytes: Int = 32 << 20, maxPages: Int = 10_000, _ rewrite: @escaping FakeHubOptions.BodyRewrite
    ) async throws -> (error: APIError, requests: [RecordedRequest]) {
        let attempt = try await SyncHarness.attempt(
            dataset, options: FakeHubOptions(rateLimit: 1_000_000, rewriteBody: rewrite),
            credentials: SyncHarness.credentials(.password, org: org), orgs: [org], maxBodyBytes: maxBodyBytes,
            maxPages: maxPages)
        #expect(attempt.filesLeft.isEmpty, "\(attempt.filesLeft)")
        switch attempt.result {
        case .success:
            Issue.record("the sync should have failed")
            throw CancellationError()
        case .failure(let error as APIError):
            return (error, attempt.requests)
        case .failure(let error):
            Issue.record("expected an APIError, got \(error)")
            throw error
        }
    }

    static func isPage(_ request: RequestAttempt, of path: String, _ page: Int) -> Bool {
        guard request.path == path else { return false }
        let query = request.query ?? ""
        return page == 1 ? !query.contains("page=") : query.contains("page=\(page)&") || query.hasSuffix("page=\(page)")
    }

    // MARK: - Handled

    @Test func nullsAndMissingKeysInOptionalFieldsAreStoredAsNull() async throws {
        let outcome = try await Self.sync { request, body in
            if request.path == Self.membersPath {
                return body.mappingResults {
                    $0.setting("full_name", to: .null).setting("email", to: .null).removing("date_joined")
                        .setting("last_logged_in_at", to: .null).setting("is_guest", to: .null)
                }
            }
            if request.path == Self.repositoriesPath {
                return body.mappingResults { $0.setting("description", to: .null).removing("last_updated") }
            }
            return body
        }
        let members = try #require(outcome.tables["org_members"])
        #expect(members.count == Self.owner.tables["org_members"]?.count)
        // org, username, role, is_guest, date_joined, last_logged_in_at
        #expect(members.allSatisfy { $0[3] == "0" && $0[4] == nil && $0[5] == nil })
        let accounts = try #require(outcome.tables["accounts"])
        #expect(accounts.allSatisfy { $0[2] == nil && $0[3] == nil })
        let repositories = try #require(outcome.tables["repositories"])
        #expect(repositories.count == Self.owner.tables["repositories"]?.count)
        // namespace, name, is_private, status, description, repository_type, date_registered, last_updated
        #expect(repositories.allSatisfy { $0[4] == nil && $0[7] == nil })
        #expect(outcome.tables["team_members"] == Self.owner.tables["team_members"])
        #expect(outcome.warnings.isEmpty, "\(outcome.warnings)")
    }

    @Test(arguments: [JSONValue.int(Int.max), .int(-1), .string("lots"), .null])
    func anAbsurdCountIsIgnored(count: JSONValue) async throws {
        let outcome = try await Self.sync { _, body in
            body["count"] == nil ? body : body.setting("count", to: count)
        }
        let differences = SnapshotDump.differences(actual: outcome.tables, expected: Self.owner.tables)
        #expect(differences.isEmpty, "\(differences)")
    }

    @Test func hugeStringsAreStoredWhole() async throws {
        // 1 MiB: one item on each page carries it.
        let huge = String(repeating: "0123456789abcdef", count: 65_536)
        @Sendable func firstOnly(_ body: JSONValue, _ key: String) -> JSONValue {
            var results = body.results
            guard !results.isEmpty else { return body }
            results[0] = results[0].setting(key, to: .string(huge))
            return body.setting("results", to: .array(results))
        }
        let outcome = try await Self.sync { request, body in
            switch request.path {
            case Self.repositoriesPath: firstOnly(body, "description")
            case Self.membersPath: firstOnly(body, "full_name")
            default: body
            }
        }
        let repositories = try #require(outcome.tables["repositories"])
        #expect(repositories.count == Self.owner.tables["repositories"]?.count)
        #expect(repositories.filter { $0[4] == huge }.count == 2)
        #expect(try #require(outcome.tables["accounts"]).filter { $0[2] == huge }.count == 3)
    }

    @Test func aReplyOverTheSizeCapEndsTheSyncWithoutRetrying() async throws {
        // A 2 MiB page against a client capped at 1 MiB per reply (32 MiB by default).
        let huge = String(repeating: "0123456789abcdef", count: 131_072)
        let (error, requests) = try await Self.failingSync(maxBodyBytes: 1 << 20) { request, body in
            guard Self.isPage(request, of: Self.repositoriesPath, 1) else { return body }
            return body.setting("description", to: .string(huge))
        }
        #expect(error == .undecodable(endpoint: Self.repositoriesPath, reason: "reply larger than 1 MiB"))
        #expect(requests.filter { $0.path == Self.repositoriesPath }.count == 1)
    }

    @Test func controlCharactersAreStoredAsSent() async throws {
        let text = "line one\nline two\r\n\u{0}nul \u{1B}[31mred\u{1B}[0m \u{7F}\u{202E}rtl tab\there"
        let outcome = try await Self.sync { request, body in
            switch request.path {
            case Self.membersPath: body.mappingResults { $0.setting("full_name", to: .string(text)) }
            case Self.repositoriesPath: body.mappingResults { $0.setting("description", to: .string(text)) }
            default: body
            }
        }
        // Everything is kept as sent, but NUL: SQLite text would end there, so it becomes U+FFFD, visibly.
        let stored = text.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}")
        #expect(Set(try #require(outcome.tables["accounts"]).map { $0[2] }) == [stored])
        #expect(Set(try #require(outcome.tables["repositories"]).map { $0[4] }) == [stored])
    }

    @Test func itemsRepeatedAcrossAndWithinPagesAreStoredOnceWithAWarning() async throws {
        let outcome = try await Self.sync { request, body in
            // Page 2 of the members repeats its first ten items; the repository pages repeat one another's.
            if Self.isPage(request, of: Self.membersPath, 2) {
                return body.setting("results", to: .array(body.results + body.results.prefix(10)))
            }
            if Self.isPage(request, of: Self.repositoriesPath, 2) {
                return body.setting("results", to: .array(body.results + body.results.prefix(3)))
            }
            return body
        }
        let differences = SnapshotDump.differences(actual: outcome.tables, expected: Self.owner.tables)
        #expect(differences.isEmpty, "\(differences)")
        #expect(outcome.warnings.contains { $0.contains("10 duplicate members") }, "\(outcome.warnings)")
        #expect(outcome.warnings.contains { $0.contains("3 duplicate repositories") }, "\(outcome.warnings)")
    }

    // MARK: - Refused, with a clear error and no file

    @Test func aNextLinkToAnotherHostIsNeverFollowed() async throws {
        // The other host is a real server, so that a request sent there would be seen.
        try await FakeHub(dataset: .demo).withRunning { elsewhere in
            let (error, _) = try await Self.failingSync { request, body in
                guard Self.isPage(request, of: Self.membersPath, 1) else { return body }
                return body.setting(
                    "next", to: .string("\(elsewhere.baseURL)\(Self.membersPath)?page=2&page_size=100"))
            }
            guard case .foreignNextLink(let endpoint, let host) = error else {
                Issue.record("expected foreignNextLink, got \(error)")
                return
            }
            #expect(endpoint == Self.membersPath)
            #expect(host == "127.0.0.1")
            #expect(error.localizedDescription.contains("refusing to send the token there"))
            #expect(await elsewhere.requests().isEmpty, "a request reached the other host")
        }
    }

    @Test(arguments: ["https://hub.docker.com.evil.example/v2/x?page=2", "ftp://127.0.0.1/x", "//evil.example/x"])
    func nextLinksOffTheAPIOriginAreRefused(next: String) async throws {
        let (error, _) = try await Self.failingSync { request, body in
            Self.isPage(request, of: Self.membersPath, 1) ? body.setting("next", to: .string(next)) : body
        }
        guard case .foreignNextLink = error else {
            Issue.record("expected foreignNextLink, got \(error)")
            return
        }
    }

    @Test func aLoopingNextLinkEndsTheSync() async throws {
        let (error, requests) = try await Self.failingSync { request, body in
            // Page 3 leads back to page 2.
            guard Self.isPage(request, of: Self.membersPath, 3), let next = body["previous"] else { return body }
            return body.setting("next", to: next)
        }
        #expect(error == .pagingLoop(endpoint: Self.membersPath))
        #expect(requests.filter { $0.path == Self.membersPath }.count == 3)
    }

    /// A `next` that is new on every page: page 3 again and again, each time with another `nonce`, on the origin
    /// of the page's own links.
    static func endlessNext(_ request: RequestAttempt, _ body: JSONValue, count: JSONValue?) -> JSONValue {
        guard request.path == Self.membersPath,
            let link = body["next"]?.string ?? body["previous"]?.string,
            let origin = link.range(of: "/v2/").map({ link[..<$0.lowerBound] })
        else { return body }
        let nonce =
            (request.query ?? "").split(separator: "&").compactMap { pair -> Int? in
                pair.hasPrefix("nonce=") ? Int(pair.dropFirst(6)) : nil
            }.first ?? 0
        let next = JSONValue.string("\(origin)\(Self.membersPath)?nonce=\(nonce + 1)&page=3&page_size=100")
        let spoiled = body.setting("next", to: next)
        return count.map { spoiled.setting("count", to: $0) } ?? spoiled
    }

    @Test(arguments: [JSONValue.int(Int.max), .int(-1), .null, .string("lots")])
    func aNextThatNeverEndsStopsAtTheCap(count: JSONValue) async throws {
        let (error, requests) = try await Self.failingSync(maxPages: 40) { request, body in
            Self.endlessNext(request, body, count: count)
        }
        #expect(error == .tooManyPages(endpoint: Self.membersPath, pages: 40))
        #expect(requests.filter { $0.path == Self.membersPath }.count == 40)
    }

    @Test func aNextThatGoesOnPastTheCountStopsSoonAfter() async throws {
        // 250 members in pages of 100: 3 pages, and a margin of 5.
        let (error, requests) = try await Self.failingSync { request, body in
            Self.endlessNext(request, body, count: nil)
        }
        #expect(error == .tooManyPages(endpoint: Self.membersPath, pages: 8))
        #expect(requests.filter { $0.path == Self.membersPath }.count == 8)
    }

    @Test func aNullWhereANameBelongsEndsTheSyncNamingTheField() async throws {
        let (error, requests) = try await Self.failingSync { request, body in
            guard Self.isPage(request, of: Self.membersPath, 2) else { return body }
            var results = body.results
            results[4] = results[4].setting("username", to: .null)
            return body.setting("results", to: .array(results))
        }
        guard case .undecodable(let endpoint, let reason) = error else {
            Issue.record("expected undecodable, got \(error)")
            return
        }
        #expect(endpoint == Self.membersPath)
        #expect(reason == "unexpected value at results[4].username", "\(reason)")
        // The same body would come back: it is not asked for again.
        #expect(requests.filter { $0.path == Self.membersPath && ($0.query ?? "").contains("page=2") }.count == 1)
    }

    @Test func aWrongTypeEndsTheSyncNamingTheField() async throws {
        let (error, _) = try await Self.failingSync { request, body in
            guard request.path == Self.repositoriesPath else { return body }
            return body.mappingResults { $0.setting("is_private", to: .string("yes")) }
        }
        guard case .undecodable(_, let reason) = error else {
            Issue.record("expected undecodable, got \(error)")
            return
        }
        #expect(reason == "unexpected value at results[0].is_private", "\(reason)")
        #expect(error.localizedDescription.contains(Self.repositoriesPath))
    }

    /// A field that decides access is never given a default: a guess would be more open or less than the truth.
    @Test(arguments: [
        ("members", "role", JSONValue.null, "unexpected value at results[3].role"),
        ("members", "role", JSONValue.string(""), "empty value at results[3].role"),
        ("members", "role", nil, "missing key 'role' at results[3]"),
        ("repositories", "is_private", JSONValue.null, "unexpected value at results[3].is_private"),
        ("repositories", "is_private", nil, "missing key 'is_private' at results[3]"),
    ])
    func aMissingAccessFieldEndsTheSyncNamingIt(
        list: String, field: String, value: JSONValue?, reason: String
    ) async throws {
        let path = list == "members" ? Self.membersPath : Self.repositoriesPath
        let (error, _) = try await Self.failingSync { request, body in
            guard Self.isPage(request, of: path, 1) else { return body }
            var results = body.results
            results[3] = value.map { results[3].setting(field, to: $0) } ?? results[3].removing(field)
            return body.setting("results", to: .array(results))
        }
        #expect(error == .undecodable(endpoint: path, reason: reason))
    }

    @Test func aPageWithoutResultsIsNotAnEmptyPage() async throws {
        let (error, _) = try await Self.failingSync { request, body in
            Self.isPage(request, of: Self.membersPath, 2) ? body.removing("results") : body
        }
        guard case .undecodable(let endpoint, let reason) = error else {
            Issue.record("expected undecodable, got \(error)")
            return
        }
        #expect(endpoint == Self.membersPath)
        #expect(reason == "missing key 'results' at the body", "\(reason)")
    }
}
