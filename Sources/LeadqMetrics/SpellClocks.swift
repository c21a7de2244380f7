import LeadqDomain

/// The two SLA clocks of one assignment, judged as of `now`. For the current assignment of a lead
/// they agree with the queue's `SLA.decision` / `SLA.firstTouch`; they also judge past assignments.
public struct SpellClocks: Equatable, Sendable {
    public var decisionDeadline: Instant
    /// Decided (accepted, or closed without accepting) after the deadline; still undecided past it;
    /// or handed to someone else after it.
    public var decisionBreached: Bool
    /// nil when the assignment has no first-touch clock: a do-not-contact lead, or one that left the
    /// queue (rejected, qualified, clawed back) without any contact.
    public var firstTouchDeadline: Instant?
    /// First contact after the deadline; none yet and the deadline passed; or handed over untouched after it.
    public var firstTouchBreached: Bool?
    /// First contact − assignment, when a contact was logged in this assignment: the rep's part.
    public var responseTime: Int64?
    /// First contact − inquiry, for an assignment that took the lead from the pool: what the lead
    /// saw, routing included.
    public var responseFromInquiry: Int64?

    public init(_ spell: LeadTimeline.Spell, profile: Profile, settings: Settings, now: Instant) {
        let calendar = settings.calendar(forRep: spell.rep)
        decisionDeadline = calendar.adding(settings.decisionSLA, to: spell.start)
        decisionBreached = (spell.decidedAt ?? spell.handedOverAt ?? now) > decisionDeadline
        responseTime = spell.firstContactAt.map { $0 - spell.start }
        if let inquiry = spell.inquiryAt {
            responseFromInquiry = spell.firstContactAt.map { $0 - inquiry }
        }
        // Nobody may reach out to a do-not-contact lead: no clock, as in the queue.
        guard !profile.noContact, spell.firstContactAt != nil || spell.closedAt == nil else { return }
        let fromInquiry = settings.firstTouchFrom == .inquiry && FirstTouch.isInbound(profile, settings)
        let start = fromInquiry ? spell.inquiryAt.map { min($0, spell.start) } ?? spell.start : spell.start
        let due = calendar.adding(FirstTouch.limit(profile, settings), to: start)
        firstTouchDeadline = due
        firstTouchBreached = (spell.firstContactAt ?? spell.handedOverAt ?? now) > due
    }
}
