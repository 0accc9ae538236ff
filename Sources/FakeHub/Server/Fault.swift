/// What ``FaultPlan`` decided for one request.
struct FaultDecision: Sendable, Equatable {
    /// How long to wait before answering.
    var delay: Duration?
    /// How to spoil the answer, if at all.
    var fault: Fault?
}

/// One way FakeHub spoils a response, with every random detail already drawn.
enum Fault: Sendable, Equatable {
    /// The kinds, in the order ``FaultPlan`` takes their shares.
    enum Kind: Sendable {
        case serverError
        case truncatedBody
        case html
        case plainText
        case dropConnection
    }

    /// 500, 502 or 503 with a `{"detail": …}` body, or an empty one.
    case serverError(status: Int, emptyBody: Bool)
    /// 200 with the real body cut after `1 + draw % (length - 1)` bytes.
    case truncatedBody(draw: UInt64)
    /// A challenge page with status 200 or 503; `rayID` makes it look real.
    case html(status: Int, rayID: String)
    /// A proxy's plain-text message with status 200 or 502.
    case plainText(status: Int, text: String)
    /// The connection is closed without a response.
    case dropConnection

    static let plainTexts = [
        "Too Many Requests (HAP429).",
        "upstream connect error or disconnect/reset before headers. reset reason: connection termination",
        "no healthy upstream",
    ]

    /// The label recorded in ``RecordedRequest/fault``.
    var label: String {
        switch self {
        case .serverError(let status, _): String(status)
        case .truncatedBody: "truncated"
        case .html(let status, _): "html-\(status)"
        case .plainText(let status, _): "plain-\(status)"
        case .dropConnection: "dropped"
        }
    }

    /// A fault of `kind`, its details drawn from `random`.
    static func draw(_ kind: Kind, using random: inout SplitMix64) -> Fault {
        switch kind {
        case .serverError:
            .serverError(status: random.pick([500, 502, 503]), emptyBody: random.int(below: 4) == 0)
        case .truncatedBody:
            .truncatedBody(draw: random.next())
        case .html:
            .html(status: random.int(below: 2) == 0 ? 200 : 503, rayID: random.hex(16))
        case .plainText:
            .plainText(status: random.int(below: 2) == 0 ? 200 : 502, text: random.pick(plainTexts))
        case .dropConnection:
            .dropConnection
        }
    }
}
