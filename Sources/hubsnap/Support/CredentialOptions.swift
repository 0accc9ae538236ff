import ArgumentParser
import Foundation
import HubAPI

/// Where the username and secret come from. A secret is never a flag value: it would show in `ps` and in
/// shell history.
struct CredentialOptions: ParsableArguments {
    @Option(help: "Docker ID (or, with an organization access token, the org name). Env: DOCKERHUB_USERNAME.")
    var username: String?

    @Option(help: ArgumentHelp("Read the password or access token from this file.", valueName: "path"))
    var secretFile: String?

    @Flag(help: "Read the password or access token from standard input.")
    var passwordStdin = false

    @Option(help: "A current TOTP code, for a password login with two-factor authentication. Env: DOCKERHUB_OTP.")
    var otp: String?

    /// Resolves the credentials from the flags and the environment.
    ///
    /// Order: `--secret-file` or `--password-stdin`, then `DOCKERHUB_TOKEN`, `DOCKERHUB_PASSWORD`, then
    /// `BATON_ACCESS_TOKEN`, `BATON_PASSWORD`. An OAT's identifier defaults to the single `--org`.
    func resolve(environment: [String: String], organizations: [String]) throws -> Credentials {
        func env(_ name: String) -> String? {
            guard let value = environment[name], !value.isEmpty else { return nil }
            return value
        }
        if secretFile != nil && passwordStdin {
            throw Failure("--secret-file and --password-stdin both given; use one", exitCode: ExitCodes.usage)
        }
        let secretText: String
        if let secretFile {
            guard let data = FileManager.default.contents(atPath: secretFile) else {
                throw Failure(
                    "cannot read the secret file '\(secretFile)'; check the path and its permissions",
                    exitCode: ExitCodes.usage)
            }
            secretText = String(decoding: data, as: UTF8.self)
        } else if passwordStdin {
            secretText = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        } else if let value = env("DOCKERHUB_TOKEN") ?? env("DOCKERHUB_PASSWORD") ?? env("BATON_ACCESS_TOKEN")
            ?? env("BATON_PASSWORD")
        {
            secretText = value
        } else {
            throw Failure(
                "no secret given; set DOCKERHUB_TOKEN (or DOCKERHUB_PASSWORD), or pass --secret-file PATH or --password-stdin",
                exitCode: ExitCodes.usage)
        }
        let secret = Secret(secretText.trimmingCharacters(in: .whitespacesAndNewlines))
        guard !secret.isEmpty else {
            throw Failure(
                "the secret is empty; check DOCKERHUB_TOKEN, --secret-file or standard input",
                exitCode: ExitCodes.usage)
        }
        let kind = CredentialKind(secret: secret)
        var identifier = username ?? env("DOCKERHUB_USERNAME") ?? env("BATON_USERNAME")
        if kind == .oat {
            guard !organizations.isEmpty else {
                throw Failure(
                    "an organization access token cannot list organizations; name its org with --org (or BATON_ORGS)",
                    exitCode: ExitCodes.usage)
            }
            if identifier == nil && organizations.count == 1 {
                identifier = organizations[0]
            }
        }
        guard let identifier, !identifier.isEmpty else {
            throw Failure(
                kind == .oat
                    ? "an organization access token needs its org name as --username when several --org are given"
                    : "no username given; pass --username or set DOCKERHUB_USERNAME",
                exitCode: ExitCodes.usage)
        }
        let otp = otp ?? env("DOCKERHUB_OTP")
        return Credentials(identifier: identifier, secret: secret, otp: otp)
    }
}
