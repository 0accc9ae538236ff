import ArgumentParser
import Foundation
import HubAPI
import HubSnapKit
import SnapshotStore

/// An error already worded for the user, with the exit code it ends the run with.
struct Failure: Error {
    var message: String
    var exitCode: Int32

    init(_ message: String, exitCode: Int32) {
        self.message = message
        self.exitCode = exitCode
    }

    /// Maps what the libraries throw to one line and a documented exit code.
    init(_ error: any Error) {
        switch error {
        case let failure as Failure:
            self = failure
        case let error as APIError:
            self.init(error.localizedDescription, exitCode: Self.exitCode(for: error))
        case let error as SyncError:
            switch error {
            case .organizationNotVisible, .membersNotReadable:
                self.init(error.localizedDescription, exitCode: ExitCodes.noPermission)
            case .organizationsRequired: self.init(error.localizedDescription, exitCode: ExitCodes.usage)
            }
        case let error as StoreError:
            switch error {
            case .cannotWrite, .integrityCheckFailed, .refusedPath:
                self.init(error.localizedDescription, exitCode: ExitCodes.cannotCreate)
            case .locked:
                self.init(error.localizedDescription, exitCode: ExitCodes.temporaryFailure)
            case .unreadable:
                self.init(error.localizedDescription, exitCode: ExitCodes.dataError)
            case .temporaryStorage:
                self.init(error.localizedDescription, exitCode: ExitCodes.cannotCreate)
            case .unknownTable:
                self.init(error.localizedDescription, exitCode: ExitCodes.software)
            }
        case let error as OutputError:
            self.init(error.localizedDescription, exitCode: ExitCodes.cannotCreate)
        case let error as DumpError:
            switch error {
            case .unknownTable, .csvNeedsOneTable:
                self.init(error.localizedDescription, exitCode: ExitCodes.usage)
            case .cannotWrite:
                self.init(error.localizedDescription, exitCode: ExitCodes.cannotCreate)
            }
        case is CancellationError:
            self.init(
                "interrupted\(HubSnap.writesSnapshots ? "; the previous snapshot was kept" : "")",
                exitCode: ExitCodes.interrupted)
        default:
            self.init(
                "internal error (\(String(describing: type(of: error)))); please report it with the command you ran",
                exitCode: ExitCodes.software)
        }
    }

    private static func exitCode(for error: APIError) -> Int32 {
        switch error {
        case .authenticationFailed, .secondFactorRequired, .secondFactorExpired, .tokenKindNotAllowed, .forbidden,
            .unauthorized:
            ExitCodes.noPermission
        case .rateLimited, .timedOut, .listChanged:
            ExitCodes.temporaryFailure
        case .invalidBaseURL, .insecureBaseURL, .credentialsInBaseURL:
            ExitCodes.usage
        case .notFound, .rejected, .unavailable, .undecodable, .foreignNextLink, .pagingLoop,
            .tooManyPages:
            ExitCodes.unavailable
        }
    }
}
