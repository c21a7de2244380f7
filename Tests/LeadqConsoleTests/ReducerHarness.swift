import LeadqConsole
import Testing

/// TCA's TestStore in little: send a message, say how the state must change, and the test fails
/// if it changed in any other way, naming the fields that differ.
struct ReducerHarness {
    private(set) var state: ConsoleState

    init(_ state: ConsoleState) {
        self.state = state
    }

    @discardableResult
    mutating func send(
        _ msg: Msg, sourceLocation: SourceLocation = #_sourceLocation,
        _ change: (inout ConsoleState) -> Void = { _ in }
    ) -> [Effect] {
        var expected = state
        change(&expected)
        let effects = Console.update(&state, msg)
        if state != expected {
            let fields = ReducerHarness.differences(state, expected)
            let sent = String(describing: msg).prefix(100)
            Issue.record(
                "\(sent) changed the state otherwise than expected: \(fields.joined(separator: "; "))",
                sourceLocation: sourceLocation)
        }
        return effects
    }

    /// The fields of two states that differ, each as it is and as expected (cut short).
    static func differences(_ actual: ConsoleState, _ expected: ConsoleState) -> [String] {
        zip(Mirror(reflecting: actual).children, Mirror(reflecting: expected).children).compactMap { a, e in
            guard !same(a.value, e.value) else { return nil }
            let now = String(describing: a.value).prefix(160)
            let wanted = String(describing: e.value).prefix(160)
            return "\(a.label ?? "?") is \(now), expected \(wanted)"
        }
    }

    private static func same(_ a: Any, _ b: Any) -> Bool {
        guard let a = a as? any Equatable else { return false }
        return a.isEqual(to: b)
    }
}

extension Equatable {
    fileprivate func isEqual(to other: Any) -> Bool {
        (other as? Self) == self
    }
}
