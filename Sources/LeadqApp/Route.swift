import LeadqDomain
import LeadqStore

/// What routing decided for the pool, and what of it was saved.
public struct RouteResult {
    public var decisions: [RoutingDecision]
    /// Lead → why the rules refused its decision under the lock.
    public var refused: [String: String]
    /// Lead → name, taken with the plan: after the save nothing may fail and hide that it was saved.
    public var names: [String: String]
    public var saved: Bool
}

extension Workspace {
    /// Routes the unassigned pool by the store's rules; with `dryRun`, only says who would get what.
    public func route(dryRun: Bool) throws -> RouteResult {
        var names: [String: String] = [:]
        func plan() throws -> [RoutingDecision] {
            let pool = try store.unassigned()
            for l in pool { names[l.id] = l.profile.name }
            return Routing.plan(pool: pool, active: try store.activeLeads(), settings: store.settings)
        }
        if dryRun { return RouteResult(decisions: try plan(), refused: [:], names: names, saved: false) }
        if let refusal = Managers.refusal(actor, to: "route leads", settings) { throw refusal }
        var refused: [String: String] = [:]
        let now = now()
        // Decided under the writer's lock against the caught-up state, saved in one write.
        let decisions = try store.transact(as: actor, at: now, utcOffset: offset(at: now)) { tx -> [RoutingDecision] in
            let ds = try plan()
            for d in ds {
                guard let cmd = ArrivalRouting.command(for: d) else { continue }
                if case .failure(let r) = try tx.attempt(cmd, on: d.lead) { refused[d.lead] = r.message }
            }
            return ds
        }.result
        return RouteResult(decisions: decisions, refused: refused, names: names, saved: true)
    }
}
