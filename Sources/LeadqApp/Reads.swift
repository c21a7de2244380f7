import LeadqDomain
import LeadqStore

extension Workspace {
    /// A rep's queue as the console shows it, in `order`.
    public func queue(of rep: String, order: QueueOrder, at now: Instant) throws -> [QueueRow] {
        Queue.rows(
            for: rep, from: try store.leads(ownedBy: rep), order: order, now: now, settings: settings,
            utcOffset: offset(at: now))
    }

    /// The unassigned pool, hottest and oldest first.
    public func pool(at now: Instant) throws -> [QueueRow] {
        var rows = try store.unassigned().map { QueueRow(lead: $0, status: status($0, at: now)) }
        Queue.sort(&rows, by: .scoreAge)
        return rows
    }
}
