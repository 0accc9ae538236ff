extension Dataset {
    /// A dataset generated from a seed: the same seed and sizes give the identical dataset on every platform.
    ///
    /// Every generated dataset has the admin of ``DemoCredentials`` (Owner of every org, with an active
    /// `repo:admin` PAT and an inactive PAT) and one active all-read OAT per org. Given at least 4 members, 3 teams
    /// and 4 repositories per org it also contains: users without email or full name, unicode and emoji names
    /// and descriptions, descriptions with commas, double quotes and newlines, guests, a custom role, an empty
    /// team, repositories without team permissions, without description or without type, both timestamp forms and
    /// null timestamps. Generating ``GeneratorSizes/fewThousandRows`` takes a few milliseconds.
    ///
    /// - Parameters:
    ///   - seed: any value; datasets differ per seed.
    ///   - sizes: how many orgs, members, teams, repositories and invites.
    /// - Returns: the dataset.
    package static func generate(seed: UInt64, sizes: GeneratorSizes) -> Dataset {
        var generator = DatasetGenerator(seed: seed, sizes: sizes)
        return generator.generate()
    }

    /// The built-in demo dataset: ``GeneratorSizes/demo`` from a fixed seed (3 orgs: `acme`, `globex`, `initech`).
    ///
    /// Compiled in, so it works from an installed binary. Log in with ``DemoCredentials``.
    package static let demo = generate(seed: demoSeed, sizes: .demo)

    /// The seed of ``demo``.
    package static let demoSeed: UInt64 = 0x4855_4253_4E41_5021
}
