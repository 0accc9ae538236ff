import FakeHub
import Foundation

/// The hand-written datasets under `Fixtures/`, located from this file so no bundle is needed.
enum Fixture {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // FakeHubTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("Fixtures")

    static let edgeCasesURL = root.appendingPathComponent("edge-cases/dataset.json")

    /// `Fixtures/edge-cases/dataset.json`; an empty dataset if it cannot be loaded (the loading test then fails).
    static let edgeCases: Dataset = (try? Dataset.load(contentsOf: edgeCasesURL)) ?? Dataset(users: [], orgs: [])

    /// Credentials of the edge-cases dataset (documented in `Fixtures/README.md`).
    enum Edge {
        static let admin = ("edgeadmin", "edge-admin-password")
        static let adminPAT = ("edgeadmin", "dckr_pat_edgeAdminActive000000000001")
        static let adminRevokedPAT = ("edgeadmin", "dckr_pat_edgeAdminRevoked00000000002")
        static let adminPublicReadPAT = ("edgeadmin", "dckr_pat_edgeAdminPublicRead00000003")
        static let twoFactor = ("twofactor", "two-factor-password")
        static let twoFactorCode = "492811"
        static let editor = ("ellie", "ellie-password")
        static let editorPAT = ("ellie", "dckr_pat_ellieAdmin0000000000000001")
        static let member = ("mia", "mia-password")
        static let outsider = ("outsider", "outsider-password")
        static let northwindOAT = ("northwind", "dckr_oat_edgeNorthwindReader000000001")
        static let northwindMembersOnlyOAT = ("northwind", "dckr_oat_edgeNorthwindMembersOnly0003")
        static let northwindRevokedOAT = ("northwind", "dckr_oat_edgeNorthwindRevoked0000002")
        static let southpawOAT = ("southpaw", "dckr_oat_edgeSouthpawReader000000001")
    }
}

extension HubSession {
    /// A JWT from a `(identifier, secret)` pair.
    func token(_ credentials: (String, String)) async throws -> String {
        try await token(credentials.0, credentials.1)
    }
}
