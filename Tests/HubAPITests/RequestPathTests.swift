import HubAPI
import Testing

/// Names go into request paths one segment each, whatever they hold.
struct RequestPathTests {
    @Test(arguments: [
        (["v2", "orgs", "acme", "members"], "/v2/orgs/acme/members"),
        (["v2", "repositories", "acme", ""], "/v2/repositories/acme/"),
        (["v2", "repositories", "acme", "a/b", "groups"], "/v2/repositories/acme/a%2Fb/groups"),
        (["v2", "repositories", "acme", "..", "groups"], "/v2/repositories/acme/%2E%2E/groups"),
        (["v2", "repositories", "acme", ".", "groups"], "/v2/repositories/acme/%2E/groups"),
        (["v2", "repositories", "acme", "x?y#z;%", "groups"], "/v2/repositories/acme/x%3Fy%23z%3B%25/groups"),
        (["v2", "orgs", "Zoë 🚀", "members"], "/v2/orgs/Zo%C3%AB%20%F0%9F%9A%80/members"),
    ])
    func eachNameIsOneEncodedSegment(segments: [String], path: String) {
        #expect(HubClient.path(segments) == path)
    }
}
