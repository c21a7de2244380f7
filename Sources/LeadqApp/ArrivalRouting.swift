import LeadqDomain
import LeadqStore

/// Routing on arrival (`routing.onArrival`, on by default): an import routes the leads it creates
/// in its own write, so a hot lead reaches a rep the moment it is in the store, not at the next
/// `leadq route` or the dispatcher's next look.
enum ArrivalRouting {
    /// Plans the leads this transaction created and left in the pool, and stages the plan's
    /// assignments and nurtures; what the rules refuse stays in the pool.
    static func stage(in tx: any LeadTransaction, store: any LeadStore) throws -> RouteResult {
        var pool: [Lead] = []
        var assigned: [Routing.Held] = []
        var names: [String: String] = [:]
        // By index: each event looked at in place, not copied with its profile.
        let events = tx.events
        for i in events.indices {
            guard case .created = events[i].entry.op, let l = try tx.lead(events[i].lead) else { continue }
            if l.stage == .new {
                pool.append(l)
                names[l.id] = l.profile.name
            } else if let h = Routing.Held(l) {
                assigned.append(h)
            }
        }
        guard !pool.isEmpty else { return RouteResult(decisions: [], refused: [:], names: [:], saved: true) }
        let held = try store.activeLeads().compactMap(Routing.Held.init) + assigned
        let decisions = Routing.plan(pool: pool, held: held, settings: tx.context.settings)
        var refused: [String: String] = [:]
        for d in decisions {
            guard let command = command(for: d) else { continue }
            if let r = try tx.stage(command, on: d.lead) { refused[d.lead] = r.message }
        }
        return RouteResult(decisions: decisions, refused: refused, names: names, saved: true)
    }

    /// `stage` for a streamed import, whose new leads aren't held: from what was gathered of them.
    static func stage(_ arrivals: Arrivals, in tx: any LeadTransaction, store: any LeadStore) throws -> RouteResult {
        guard !arrivals.pool.isEmpty else { return RouteResult(decisions: [], refused: [:], names: [:], saved: true) }
        var tally = arrivals.held
        for l in try store.activeLeads() {
            if let h = Routing.Held(l) { tally.add(h, settings: tx.context.settings) }
        }
        let decisions = Routing.plan(candidates: arrivals.pool, tally: tally, settings: tx.context.settings)
        var refused: [String: String] = [:]
        for d in decisions {
            guard let command = command(for: d) else { continue }
            if let r = try tx.stageOnStreamed(command, id: d.lead) { refused[d.lead] = r.message }
        }
        return RouteResult(decisions: decisions, refused: refused, names: arrivals.names, saved: true)
    }

    /// What a routing decision stages: an assignment, a move to nurture, or nothing (held).
    static func command(for d: RoutingDecision) -> Command? {
        switch d.outcome {
        case .assign(let rep): return .assign(to: rep, rule: d.rule)
        case .nurture: return .nurture(rule: d.rule ?? Routing.lowScoreRule)
        case .hold: return nil
        }
    }
}
