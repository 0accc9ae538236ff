import Foundation
import HubAPI
import Testing

/// Which `next` links are followed, and where to.
struct NextLinkTests {
    static func hub() throws -> URL { try #require(URL(string: "https://hub.docker.com")) }

    @Test(arguments: [
        // Docker Hub's quirk: a downgraded scheme on the same host is followed over https.
        ("http://hub.docker.com/v2/orgs/acme/members?page=2", "https://hub.docker.com/v2/orgs/acme/members?page=2"),
        ("http://HUB.docker.com:80/v2/orgs/acme/members?page=2", "https://HUB.docker.com/v2/orgs/acme/members?page=2"),
        ("https://hub.docker.com/v2/orgs/acme/members?page=2", "https://hub.docker.com/v2/orgs/acme/members?page=2"),
        ("https://hub.docker.com:443/v2/x?page=2", "https://hub.docker.com:443/v2/x?page=2"),
    ])
    func sameHostLinksAreFollowedOverHTTPS(next: String, followed: String) throws {
        let target = try #require(URL(string: next))
        #expect(HubClient.followableNext(target, base: try Self.hub())?.absoluteString == followed)
    }

    @Test(arguments: [
        "http://hub.docker.com:8080/v2/x?page=2",
        "https://hub.docker.com:8443/v2/x?page=2",
        "http://hub.docker.com.evil.example/v2/x?page=2",
        "http://evil.example/v2/x?page=2",
        "ftp://hub.docker.com/v2/x",
    ])
    func otherOriginsAreNotFollowed(next: String) throws {
        let target = try #require(URL(string: next))
        #expect(HubClient.followableNext(target, base: try Self.hub()) == nil)
    }

    @Test func aPlainHTTPBaseIsNeverUpgradedOrDowngraded() throws {
        let base = try #require(URL(string: "http://127.0.0.1:8080"))
        let https = try #require(URL(string: "https://127.0.0.1:8080/v2/x?page=2"))
        let other = try #require(URL(string: "http://127.0.0.1/v2/x?page=2"))
        #expect(HubClient.followableNext(https, base: base) == nil)
        #expect(HubClient.followableNext(other, base: base) == nil)
    }
}
