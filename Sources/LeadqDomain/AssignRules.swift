extension Rules {
    /// `assign` takes a lead from the pool and `reassign` moves one a rep has: saying which is meant
    /// keeps a manager from moving a rep's lead by accident. Nil when the lead is the kind asked for.
    public static func assignKind(_ lead: Lead, reassigning: Bool) -> Refusal? {
        if reassigning {
            return lead.stage == .new ? Refusal("\(lead.id) is not assigned yet; use `leadq assign`") : nil
        }
        return lead.stage.isActive
            ? Refusal("\(lead.id) is already assigned to \(lead.owner ?? "?"); use `leadq reassign`") : nil
    }
}
