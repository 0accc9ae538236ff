/// Runs `body` for every input with at most `width` calls in flight, and returns the results in input order.
func concurrently<Input: Sendable, Output: Sendable>(
    _ inputs: [Input], width: Int = 8, _ body: @escaping @Sendable (Input) async -> Output
) async -> [Output] {
    await withTaskGroup(of: (Int, Output).self) { group in
        var results: [Output?] = Array(repeating: nil, count: inputs.count)
        var next = 0
        while next < min(width, inputs.count) {
            let (index, input) = (next, inputs[next])
            group.addTask { (index, await body(input)) }
            next += 1
        }
        while let (index, output) = await group.next() {
            results[index] = output
            if next < inputs.count {
                let (index, input) = (next, inputs[next])
                group.addTask { (index, await body(input)) }
                next += 1
            }
        }
        return results.compactMap { $0 }
    }
}
