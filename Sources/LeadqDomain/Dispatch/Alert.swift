/// What the dispatcher tells people who aren't looking at the console.
public enum AlertKind: String, CaseIterable, Sendable {
    /// A hot lead was assigned to a rep (to that rep).
    case hotAssigned = "hot-assigned"
    /// A hot lead has waited in the pool past `sla.poolHotMinutes` (to the managers).
    case poolHot = "pool-hot"
    /// An SLA clock breaches within `sla.warnMinutes` (to the lead's owner).
    case slaWarning = "sla-warning"
    /// A follow-up is due (to the lead's owner).
    case followUpDue = "followup-due"
}

/// One alert. Its key names the fact it is about (this assignment, this follow-up, this clock of
/// this assignment), so the ledger sends it once however often the dispatcher looks.
public struct Alert: Equatable, Sendable {
    public var kind: AlertKind
    public var key: String
    public var lead: String
    /// The rep ids it is for.
    public var to: [String]
    /// When it became due.
    public var at: Instant
    /// The deadline it warns of, or the follow-up's due time.
    public var deadline: Instant?
    /// `first-touch` or `decision` for an SLA warning.
    public var clock: String?
    /// The alert in a line, as a person reads it.
    public var text: String

    public init(
        kind: AlertKind, key: String, lead: String, to: [String], at: Instant, deadline: Instant? = nil,
        clock: String? = nil, text: String
    ) {
        (self.kind, self.key, self.lead, self.to, self.at) = (kind, key, lead, to, at)
        (self.deadline, self.clock, self.text) = (deadline, clock, text)
    }
}
