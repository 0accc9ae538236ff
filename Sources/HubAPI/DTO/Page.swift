/// One page of a Django-REST style list: `{count, next, previous, results}`.
///
/// The organization access token list says `total` instead of `count`; both are accepted.
package struct Page<Item: Decodable & Sendable>: Decodable, Sendable {
    package var count: Int?
    package var next: String?
    package var results: [Item]

    enum CodingKeys: String, CodingKey {
        case count, total, next, results
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        // `count` is informational (nothing is sized from it): an absurd or mistyped one is ignored.
        count =
            (try? container.decodeIfPresent(Int.self, forKey: .count))
            ?? (try? container.decodeIfPresent(Int.self, forKey: .total))
        next = try container.decodeIfPresent(String.self, forKey: .next)
        // A page without `results` is not an empty page: it is a reply this client does not understand.
        results = try container.decode([Item].self, forKey: .results)
    }
}

/// The invites list: `{"data": [...]}`, not paged.
package struct DataEnvelope<Item: Decodable & Sendable>: Decodable, Sendable {
    package var data: [Item]

    enum CodingKeys: String, CodingKey { case data }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        data = try container.decode([Item].self, forKey: .data)
    }
}
