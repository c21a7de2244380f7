import LeadqDomain
import LeadqStore

/// Which assignment a manager means: from the pool, or away from a rep who has the lead.
public enum AssignKind: Sendable {
    case fromPool
    case reassign
    /// Either (the console's assign dialog decides by what the lead is).
    case any
}

extension Workspace {
    /// Decides one command on one lead and saves it: the single entry for every action of the CLI and
    /// the console. Throws the domain's `Refusal` when the rules say no.
    @discardableResult
    public func perform(_ command: Command, on id: String, expecting: Int64? = nil, at time: Instant? = nil) throws
        -> Change
    {
        let now = time ?? now()
        return try store.transact(as: actor, at: now, utcOffset: offset(at: now)) { tx in
            try tx.perform(command, on: id, expecting: expecting)
        }.result
    }

    /// Assigns a lead to a rep (managers), as `kind` says it must be.
    @discardableResult
    public func assign(_ id: String, to rep: String, kind: AssignKind, expecting: Int64? = nil) throws -> Change {
        let now = now()
        return try store.transact(as: actor, at: now, utcOffset: offset(at: now)) { tx in
            if kind != .any, let lead = try tx.lead(id),
                let refusal = Rules.assignKind(lead, reassigning: kind == .reassign)
            {
                throw refusal
            }
            return try tx.perform(.assign(to: rep, rule: nil), on: id, expecting: expecting)
        }.result
    }

    /// Undoes the actor's last action still in effect, whole.
    @discardableResult
    public func undo(at time: Instant? = nil) throws -> Undone {
        let now = time ?? now()
        return try store.undoLast(as: actor, at: now, utcOffset: offset(at: now))
    }
}
