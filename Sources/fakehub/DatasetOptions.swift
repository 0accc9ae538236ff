import ArgumentParser
import FakeHub
import Foundation

/// Which dataset `fakehub` serves: a JSON file, a generated one, or the built-in demo.
struct DatasetOptions: ParsableArguments {
    @Option(help: "Serve this dataset JSON file (for example Fixtures/edge-cases/dataset.json).")
    var dataset: String?

    @Option(help: "Generate a dataset from this seed instead of serving the demo dataset.")
    var seed: UInt64?

    @Option(help: "Generated orgs.")
    var orgs = GeneratorSizes.demo.orgs

    @Option(help: "Generated members per org, the admin included.")
    var membersPerOrg = GeneratorSizes.demo.membersPerOrg

    @Option(help: "Generated teams per org, 'owners' and one empty team included.")
    var teamsPerOrg = GeneratorSizes.demo.teamsPerOrg

    @Option(help: "Generated repositories per org.")
    var reposPerOrg = GeneratorSizes.demo.reposPerOrg

    @Option(help: "Generated invites per org.")
    var invitesPerOrg = GeneratorSizes.demo.invitesPerOrg

    @Option(help: "Share (0...1) of members who also belong to other orgs.")
    var sharedMemberShare = GeneratorSizes.demo.sharedMemberShare

    func validate() throws {
        if dataset != nil && seed != nil {
            throw ValidationError("use either --dataset or --seed, not both")
        }
        guard orgs >= 0, membersPerOrg >= 1, teamsPerOrg >= 0, reposPerOrg >= 0, invitesPerOrg >= 0 else {
            throw ValidationError("sizes must not be negative and --members-per-org must be at least 1")
        }
        guard (0...1).contains(sharedMemberShare) else {
            throw ValidationError("--shared-member-share \(sharedMemberShare) is out of range; use 0...1")
        }
    }

    /// The dataset to serve.
    func load() throws -> Dataset {
        if let dataset {
            return try Dataset.load(contentsOf: URL(fileURLWithPath: dataset))
        }
        guard let seed else {
            return .demo
        }
        let sizes = GeneratorSizes(
            orgs: orgs, membersPerOrg: membersPerOrg, teamsPerOrg: teamsPerOrg, reposPerOrg: reposPerOrg,
            invitesPerOrg: invitesPerOrg, sharedMemberShare: sharedMemberShare)
        return .generate(seed: seed, sizes: sizes)
    }

    /// Lines describing the dataset and how to log in, for stderr.
    func banner(for data: Dataset) -> String {
        let orgNames = data.orgs.map(\.name).joined(separator: ", ")
        var lines = ["dataset: \(dataset ?? seed.map { "generated from seed \($0)" } ?? "built-in demo")"]
        lines.append("orgs: \(orgNames.isEmpty ? "(none)" : orgNames)")
        if let dataset {
            lines.append("credentials: as defined in \(dataset) (see Fixtures/README.md)")
        } else {
            lines.append("user: \(DemoCredentials.username)  password: \(DemoCredentials.password)")
            lines.append("personal access token: \(DemoCredentials.patSecret)")
            for org in data.orgs {
                lines.append("organization access token of \(org.name): \(DemoCredentials.oatSecret(org: org.name))")
            }
        }
        return lines.map { $0 + "\n" }.joined()
    }
}
