import Dispatch
import Foundation

/// Turns SIGINT and SIGTERM into task cancellation, so that a long-running operation can stop gracefully.
enum SignalCancellation {
    /// Runs `operation` until it returns or the process receives one of `signals`, which cancels it; then waits for
    /// it to wind down. A second signal terminates the process the default way.
    ///
    /// - Throws: what `operation` throws.
    static func run(
        cancellingOn signals: [Int32] = [SIGINT, SIGTERM], _ operation: @escaping @Sendable () async throws -> Void
    ) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await operation() }
            group.addTask { await firstSignal(of: signals) }
            try await group.next()
            group.cancelAll()
            try await group.waitForAll()
        }
    }

    /// Returns when one of `signals` arrives (restoring its default action) or when the task is cancelled.
    private static func firstSignal(of signals: [Int32]) async {
        let (stream, continuation) = AsyncStream.makeStream(of: Int32.self)
        let sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            return source
        }
        await withTaskCancellationHandler {
            var iterator = stream.makeAsyncIterator()
            _ = await iterator.next()
        } onCancel: {
            continuation.finish()
        }
        for (number, source) in zip(signals, sources) {
            source.cancel()
            signal(number, SIG_DFL)
        }
    }
}
