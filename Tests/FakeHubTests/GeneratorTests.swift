import FakeHub
import Foundation
import Testing

@Suite struct GeneratorTests {
    @Test func sameSeedAndSizesGiveTheSameDataset() throws {
        let sizes = GeneratorSizes(orgs: 3, membersPerOrg: 30, teamsPerOrg: 6, reposPerOrg: 12, invitesPerOrg: 4)
        let first = Dataset.generate(seed: 42, sizes: sizes)
        #expect(first == Dataset.generate(seed: 42, sizes: sizes))
        #expect(first != Dataset.generate(seed: 43, sizes: sizes))
        #expect(try first.jsonData() == Dataset.generate(seed: 42, sizes: sizes).jsonData())
    }

    /// Pins the PRNG and formatting: a change here changes every generated dataset.
    @Test func demoDatasetIsStable() throws {
        let demo = Dataset.demo
        #expect(demo.orgs.map(\.name) == ["acme", "globex", "initech"])
        #expect((35...45).contains(demo.users.count))
        #expect(demo.users.first?.username == DemoCredentials.username)
        #expect(demo.users.first?.id == "52979ea4e5694212bf1ffcdfc47fd8ba")
        #expect(demo.users.first?.dateJoined == "2016-10-22T10:35:32Z")
    }

    @Test func generatedDatasetsContainTheRequiredEdgeContent() throws {
        let dataset = Dataset.demo
        let users = dataset.users
        let orgs = dataset.orgs
        let teams = orgs.flatMap(\.teams)
        let repositories = orgs.flatMap(\.repositories)
        let timestamps = users.map(\.dateJoined) + repositories.map(\.dateRegistered)

        #expect(users.contains { $0.email == nil })
        #expect(users.contains { $0.fullName == nil })
        #expect(
            users.contains {
                ($0.fullName ?? "").unicodeScalars.contains { $0.properties.isEmoji && $0.value > 0x2000 }
            })
        #expect(users.contains { ($0.fullName ?? "").contains { !$0.isASCII } })
        #expect(teams.contains { ($0.description ?? "").unicodeScalars.contains { $0.value > 0x1F000 } })
        #expect(repositories.contains { ($0.description ?? "").unicodeScalars.contains { $0.value > 0x1F000 } })
        #expect(repositories.contains { description($0, has: [",", "\"", "\n"]) })
        #expect(repositories.contains { $0.description == nil })
        #expect(repositories.contains { $0.repositoryType == nil })
        #expect(repositories.contains { $0.teamPermissions.isEmpty })
        #expect(repositories.contains { $0.isPrivate } && repositories.contains { !$0.isPrivate })
        #expect(repositories.contains { $0.lastUpdated == nil })
        #expect(Set(repositories.flatMap(\.teamPermissions).map(\.permission)) == ["read", "write", "admin"])
        #expect(teams.contains { $0.members.isEmpty })
        #expect(teams.contains { $0.role != nil } && teams.contains { $0.role == nil })
        #expect(orgs.allSatisfy { org in org.teams.contains { $0.name == "owners" } })
        #expect(orgs.flatMap(\.members).contains { $0.isGuest })
        #expect(orgs.flatMap(\.members).contains { !["Owner", "Editor", "Member"].contains($0.role) })
        #expect(orgs.flatMap(\.members).contains { $0.lastLoggedInAt == nil })
        #expect(timestamps.contains { $0.contains(".") } && timestamps.contains { !$0.contains(".") })
        let invites = orgs.flatMap(\.invites)
        #expect(invites.contains { $0.invitee.contains("@") } && invites.contains { !$0.invitee.contains("@") })
        #expect(invites.contains { $0.role == nil } && invites.contains { $0.team != nil })

        let sharedUsers = users.filter { user in
            orgs.filter { org in org.members.contains { $0.username == user.username } }.count > 1
        }
        #expect(sharedUsers.count > 1)
        for org in orgs {
            let usernames = Set(org.members.map(\.username))
            #expect(org.members.first { $0.username == DemoCredentials.username }?.role == "Owner")
            #expect(org.teams.allSatisfy { team in team.members.allSatisfy(usernames.contains) })
            #expect(org.accessTokens.contains { $0.isActive && $0.secret == DemoCredentials.oatSecret(org: org.name) })
            #expect(
                org.repositories.allSatisfy { repository in
                    repository.teamPermissions.allSatisfy { permission in
                        org.teams.contains { $0.name == permission.team }
                    }
                })
        }
        let names = users.map(\.username) + orgs.map(\.name) + repositories.map(\.name)
        #expect(names.allSatisfy { $0 == $0.lowercased() && $0.allSatisfy(\.isASCII) })
        #expect(Set(users.map(\.username)).count == users.count)
    }

    @Test func severalThousandRowsGenerateQuickly() throws {
        let clock = ContinuousClock()
        var dataset = Dataset(users: [], orgs: [])
        let elapsed = clock.measure { dataset = Dataset.generate(seed: 1, sizes: .fewThousandRows) }
        let rows = dataset.orgs.reduce(0) { total, org in
            total + org.members.count + org.teams.reduce(0) { $0 + 1 + $1.members.count }
                + org.repositories.reduce(0) { $0 + 1 + $1.teamPermissions.count } + org.invites.count
        }
        #expect(rows >= 5_000)
        #expect(elapsed < .seconds(1))
    }

    @Test func datasetsRoundTripThroughSnakeCaseJSON() throws {
        let dataset = Dataset.demo
        let json = try dataset.jsonData()
        #expect(String(decoding: json, as: UTF8.self).contains("\"personal_access_tokens\""))
        #expect(try Dataset.decode(json) == dataset)
    }

    @Test func edgeCasesFixtureLoads() throws {
        let dataset = try Dataset.load(contentsOf: Fixture.edgeCasesURL)
        #expect(dataset.orgs.map(\.name) == ["northwind", "southpaw"])
        #expect(dataset.users.count == 11)
    }

    @Test func invalidDatasetNamesTheCodingPath() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("fakehub-bad-\(UUID().uuidString).json")
        try Data(#"{"users": [{"id": "x"}], "orgs": []}"#.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect {
            try Dataset.load(contentsOf: url)
        } throws: { error in
            (error as? FakeHubError)?.errorDescription?.contains("users[0]") == true
        }
    }

    private func description(_ repository: Dataset.Repository, has parts: [String]) -> Bool {
        parts.allSatisfy { (repository.description ?? "").contains($0) }
    }
}
