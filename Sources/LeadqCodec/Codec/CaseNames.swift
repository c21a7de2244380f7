import LeadqDomain

/// An enum's cases by the bytes of their names, matched where a JSON string lies: a lead's stage
/// and each contact's channel and outcome, a million times in a report, where `init(rawValue:)`
/// made a `String` of each and compared it with every name.
struct CaseNames<E: RawRepresentable & CaseIterable & Sendable>: Sendable where E.RawValue == String {
    private let cases: [(value: E, name: [UInt8])]

    init() { cases = E.allCases.map { ($0, Array($0.rawValue.utf8)) } }

    func callAsFunction(_ key: JSONKey) -> E? {
        for c in cases where key.equals(c.name) { return c.value }
        return nil
    }
}

/// The names read from every lead line.
enum Names {
    static let stage = CaseNames<Stage>()
    static let channel = CaseNames<Channel>()
    static let outcome = CaseNames<Outcome>()
    static let direction = CaseNames<Direction>()
}
