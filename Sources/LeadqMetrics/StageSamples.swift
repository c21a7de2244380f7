import LeadqDomain

/// Stay durations by stage, in a slot a stage rather than hashed: a report adds a million leads'
/// stays. A stage has samples once one was added.
struct StageSamples: Sendable {
    private var slots = [DurationSamples](repeating: DurationSamples(), count: Stage.allCases.count)

    mutating func add(_ d: Int64, in stage: Stage) { slots[stage.slot].add(d) }

    mutating func add(_ o: StageSamples) {
        for i in slots.indices where !o.slots[i].values.isEmpty { slots[i].add(o.slots[i]) }
    }

    /// Each stage with samples, and its durations.
    var durations: [(stage: Stage, durations: Durations)] {
        Stage.allCases.filter { !slots[$0.slot].values.isEmpty }.map { ($0, slots[$0.slot].durations) }
    }
}

extension Stage {
    /// Its place in `allCases`, without making that array.
    fileprivate var slot: Int {
        switch self {
        case .new: 0
        case .assigned: 1
        case .accepted: 2
        case .qualified: 3
        case .rejected: 4
        case .nurture: 5
        case .won: 6
        case .lost: 7
        case .merged: 8
        }
    }
}
