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
        var assigned: [Lead] = []
        var names: [String: String] = [:]
        for e in tx.events where e.entry.op == .created {
            guard let l = try tx.lead(e.lead) else { continue }
            if l.stage == .new {
                pool.append(l)
                names[l.id] = l.profile.name
            } else if l.stage.isActive {
                assigned.append(l)
            }
        }
        guard !pool.isEmpty else { return RouteResult(decisions: [], refused: [:], names: [:], saved: true) }
        let decisions = Routing.plan(
            pool: pool, active: try store.activeLeads() + assigned, settings: tx.context.settings)
        var refused: [String: String] = [:]
        for d in decisions {
            let command: Command
            switch d.outcome {
            case .assign(let rep): command = .assign(to: rep, rule: d.rule)
            case .nurture: command = .nurture(rule: d.rule ?? Routing.lowScoreRule)
            case .hold: continue
            }
            if case .failure(let r) = try tx.attempt(command, on: d.lead) { refused[d.lead] = r.message }
        }
        return RouteResult(decisions: decisions, refused: refused, names: names, saved: true)
    }
}
