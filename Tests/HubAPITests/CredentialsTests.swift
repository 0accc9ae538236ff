import Foundation
import Testing

@testable import HubAPI

struct CredentialsTests {
    @Test(arguments: [
        ("dckr_pat_abc", CredentialKind.pat), ("dckr_oat_abc", .oat), ("hunter2", .password), ("dckr_x", .password),
    ])
    func kindFollowsTheSecretPrefix(secret: String, kind: CredentialKind) {
        #expect(CredentialKind(secret: Secret(secret)) == kind)
    }

    @Test func aSecretNeverPrintsItself() {
        let secret = Secret("dckr_pat_topsecret")
        #expect("\(secret)" == "<redacted>")
        #expect(String(describing: secret) == "<redacted>")
        #expect(String(reflecting: secret) == "<redacted>")
        let credentials = Credentials(identifier: "jdoe", secret: secret)
        #expect(!String(describing: credentials).contains("topsecret"))
        #expect(!String(reflecting: credentials).contains("topsecret"))
    }

    @Test func baseURLMustBeAbsoluteHTTP() throws {
        #expect(
            try HubClientConfiguration.parseBaseURL("https://hub.docker.com/").absoluteString
                == "https://hub.docker.com")
        #expect(throws: APIError.self) { try HubClientConfiguration.parseBaseURL("hub.docker.com") }
        #expect(throws: APIError.self) { try HubClientConfiguration.parseBaseURL("ftp://hub.docker.com") }
        #expect(throws: APIError.self) { try HubClientConfiguration.parseBaseURL("https://hub.docker.com?x=1") }
    }
}

struct BaseURLTests {
    @Test(arguments: [
        "https://hub.docker.com", "https://hub.example.com:8443/", "http://127.0.0.1:8080", "http://localhost",
        "http://[::1]:9000",
    ])
    func httpsAnywhereAndPlainHTTPOnLoopbackAreAccepted(url: String) throws {
        #expect(throws: Never.self) { try HubClientConfiguration.parseBaseURL(url) }
    }

    @Test(arguments: [
        "http://hub.docker.com", "http://10.0.0.5", "http://127.0.0.1.nip.io", "http://localhost.evil.example",
    ])
    func plainHTTPToAnotherMachineIsRefused(url: String) {
        #expect(throws: APIError.insecureBaseURL(url)) { try HubClientConfiguration.parseBaseURL(url) }
    }
}
