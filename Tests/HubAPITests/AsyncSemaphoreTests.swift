import Testing

@testable import HubAPI

struct AsyncSemaphoreTests {
    @Test func permitsBoundWhatRunsAtOnce() async throws {
        let semaphore = AsyncSemaphore(permits: 2)
        let gauge = Gauge()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    try await semaphore.withPermit {
                        await gauge.enter()
                        try await Task.sleep(for: .milliseconds(2))
                        await gauge.leave()
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(await gauge.peak == 2)
    }

    @Test func aCancelledWaiterStopsWaitingAndGivesUpItsPlace() async throws {
        let semaphore = AsyncSemaphore(permits: 1)
        try await semaphore.acquire()
        let waiter = Task { try await semaphore.acquire() }
        // Let the waiter queue up behind the held permit, then cancel it while it waits.
        while await semaphore.waiting == 0 { await Task.yield() }
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        #expect(await semaphore.waiting == 0)
        // The held permit still goes to the next waiter, not to the cancelled one.
        await semaphore.release()
        try await semaphore.acquire()
    }
}

private actor Gauge {
    private var current = 0
    private(set) var peak = 0

    func enter() {
        current += 1
        peak = max(peak, current)
    }

    func leave() { current -= 1 }
}
