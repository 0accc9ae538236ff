/// A FakeHub that is listening, as handed to the body of ``FakeHub/withRunning(host:port:_:)``.
package struct RunningFakeHub: Sendable {
    /// `http://host:port`, without a trailing slash.
    package let baseURL: String
    /// The port the server is bound to (the ephemeral one when asked for port 0).
    package let port: Int
    let state: HubState

    /// Every request served so far, in the order the responses were produced (unknown routes included).
    package func requests() async -> [RecordedRequest] {
        await state.requests()
    }

    /// How many requests met each fault so far, by ``RecordedRequest/fault`` label (`["503": 2, "dropped": 1]`).
    package func faultCounts() async -> [String: Int] {
        await state.requests().reduce(into: [:]) { counts, request in
            if let fault = request.fault {
                counts[fault, default: 0] += 1
            }
        }
    }
}
