/// Word lists for generated datasets. Display strings carry the awkward content a sync must survive: accents,
/// CJK, emoji, commas, double quotes, apostrophes, tabs, backslashes and newlines.
enum Vocabulary {
    /// (display first name, ASCII handle for usernames).
    static let firstNames: [(display: String, handle: String)] = [
        ("Ana", "ana"), ("Bruno", "bruno"), ("Chloé", "chloe"), ("Dmitri", "dmitri"), ("Émilie", "emilie"),
        ("Farah", "farah"), ("Gustavo", "gustavo"), ("Hiroshi", "hiroshi"), ("Ingrid", "ingrid"), ("Jonas", "jonas"),
        ("Kateřina", "katerina"), ("Lars", "lars"), ("Maëlle", "maelle"), ("Nikhil", "nikhil"), ("Olga", "olga"),
        ("Pedro", "pedro"), ("Quentin", "quentin"), ("Renée", "renee"), ("Søren", "soren"), ("Tomás", "tomas"),
        ("Uma", "uma"), ("Václav", "vaclav"), ("Wei", "wei"), ("Xavier", "xavier"), ("Yasmin", "yasmin"),
        ("Zoë", "zoe"),
    ]

    static let lastNames = [
        "Álvarez", "Bianchi", "Černý", "Dubois", "Eriksen", "Fernández", "García", "Hansen", "Ishikawa", "Jovanović",
        "Kowalski", "López", "Müller", "Nakamura", "O'Brien", "Petrović", "Quispe", "Rossi", "Schäfer", "Tanaka",
        "Ünal", "Virtanen", "Wójcik", "Xu", "Yılmaz", "Zhang",
    ]

    /// Full names that replace a generated one now and then, so that every dataset has them.
    static let unusualFullNames = [
        "李雷", "Zoë \"Zee\" Ünal 🚀", "Renée O'Brien, PhD", "Ólafur Arnalds 🎹", "Анна Петрова", "محمد علي",
    ]

    static let companies = ["Acme", "Initech", "Globex, Inc.", "Umbrella 🌂", "Société Générale de Café", ""]
    static let locations = ["Lisbon", "São Paulo", "Zürich", "東京", "Reykjavík", "Berlin", ""]

    /// (org name, full name). Org names follow Docker ID rules: lower-case letters and digits.
    static let orgs: [(name: String, fullName: String)] = [
        ("acme", "Acme Corporation"), ("globex", "Globex Ünited 🌐"), ("initech", "Initech, \"the\" software co."),
        ("umbrella", "Umbrella Corp"), ("hooli", "Hooli"), ("cyberdyne", "Cyberdyne Systems"),
        ("tyrell", "Tyrell Corporation"), ("soylent", "Soylent 🍃"), ("wonka", "Wonka Industries"),
        ("stark", "Stark Industries"),
    ]

    /// Team names; the generator adds `owners` and an empty team itself.
    static let teams = [
        "platform", "backend", "frontend", "data_science", "release-eng", "sre", "qa", "security", "mobile",
        "ml_ops", "docs", "design", "infra", "payments", "search", "growth",
    ]

    static let teamDescriptions = [
        "Platform engineering", "Builds & ships the API, workers, and cron jobs", "Données et analyses 📊",
        "Team \"Blue\"\nOn call: weekdays", "セキュリティ担当 🔒", "", "Release engineering, CI/CD, \"golden\" images",
        "Owns the mobile apps 📱, both iOS and Android",
    ]

    /// Repository names: lower-case letters, digits, `-` and `_`.
    static let repositories = [
        "api", "web", "worker", "gateway", "auth-service", "billing", "search-indexer", "base-image", "ci-runner",
        "docs-site", "ml-model", "nginx-proxy", "postgres_backup", "redis-cache", "frontend", "cli",
    ]

    static let repositoryDescriptions = [
        "Public API image", "Internal worker, runs \"nightly\" jobs,\nsee README", "Image de base pour les services 🐳",
        "Gateway; rate limits, auth, and routing", "模型推理服务 🤖", "Line one\nLine two, with a comma",
        "Tab\tseparated and back\\slash", "",
    ]

    static let customRoles = ["auditor", "Billing Admin"]
}
