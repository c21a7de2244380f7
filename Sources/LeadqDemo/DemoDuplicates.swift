import LeadqDomain

extension DemoStore {
    /// A second copy of `original` arriving through another system an hour ago, flagged as a likely
    /// duplicate; with `merge`, the manager has folded it into the original since.
    func duplicate(of original: inout Lead, id: String, merge: Bool, seq: inout Int64, _ settings: Settings) -> Lead {
        var p = original.profile
        p.origin = "web"
        p.originId = "dup-\(id)"
        p.flags = ["duplicate-email:\(original.id)"]
        let arrived = max(now - 2 * Span.hour, original.history.last?.at ?? now)
        p.createdAt = arrived
        seq += 1
        var dup = Lead(id: id, profile: p, history: [])
        dup.apply(Event(lead: id, entry: Entry(seq: seq, at: arrived, by: "web", op: .created), profile: p))
        guard merge else { return dup }
        let at = min(now, arrived + Span.hour)
        let ctx = Context(now: at, actor: DemoStore.manager, settings: settings)
        if case .success(let absorb) = Rules.decide(.absorb(dup), on: original, in: ctx),
            case .success(let merged) = Rules.decide(.merge(into: original.id), on: dup, in: ctx)
        {
            seq += 1
            original.apply(Event(lead: original.id, entry: Entry(seq: seq, at: at, by: DemoStore.manager, op: absorb)))
            seq += 1
            dup.apply(Event(lead: id, entry: Entry(seq: seq, at: at, by: DemoStore.manager, op: merged)))
        }
        return dup
    }
}
