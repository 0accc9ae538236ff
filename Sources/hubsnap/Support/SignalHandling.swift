import Dispatch
import Foundation
import Synchronization

/// Turns SIGINT and SIGTERM into task cancellation, so a sync stops promptly, deletes its temporary file
/// and leaves the previous snapshot as it was.
final class SignalHandling: Sendable {
    private let received = Mutex<Int32?>(nil)

    /// The signal that stopped the run, if one did.
    var signal: Int32? { received.withLock { $0 } }

    /// Watches SIGINT and SIGTERM; the first one calls `onSignal`, a second one ends the process at once.
    ///
    /// - Returns: the signal sources, which watch only while the caller keeps them.
    func install(_ onSignal: @escaping @Sendable () -> Void) -> [any DispatchSourceSignal] {
        [SIGINT, SIGTERM].map { number in
            Foundation.signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in
                let first = received.withLock { value -> Bool in
                    guard value == nil else { return false }
                    value = number
                    return true
                }
                if first {
                    onSignal()
                } else {
                    Foundation.exit(128 + number)
                }
            }
            source.resume()
            return source
        }
    }
}
