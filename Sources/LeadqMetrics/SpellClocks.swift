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
        let noContact = profile.noContact
        self.init(
            spell, noContact: noContact, calendar: settings.calendar(forRep: spell.rep),
            decisionSLA: settings.decisionSLA, now: now,
            firstTouch: SpellClocks.hasFirstTouchClock(spell, noContact: noContact)
                ? (
                    settings.firstTouchFrom == .inquiry && FirstTouch.isInbound(profile, settings),
                    FirstTouch.limit(profile, settings)
                ) : nil)
    }

    /// Whether the assignment has a first-touch clock: nobody may reach out to a do-not-contact
    /// lead (as in the queue), and a lead that left the queue untouched had none.
    static func hasFirstTouchClock(_ spell: LeadTimeline.Spell, noContact: Bool) -> Bool {
        !noContact && (spell.firstContactAt != nil || spell.closedAt == nil)
    }

    /// The same with the rep's calendar given, and the lead's first-touch terms (whether the clock
    /// counts from the inquiry, and the time allowed), needed only when `hasFirstTouchClock`: a
    /// report reads a million leads' spells, and finds the terms once a lead.
    init(
        _ spell: LeadTimeline.Spell, noContact: Bool, calendar: WorkCalendar, decisionSLA: Int64, now: Instant,
        firstTouch: (fromInquiry: Bool, limit: Int64)?
    ) {
        decisionDeadline = calendar.adding(decisionSLA, to: spell.start)
        decisionBreached = (spell.decidedAt ?? spell.handedOverAt ?? now) > decisionDeadline
        responseTime = spell.firstContactAt.map { $0 - spell.start }
        if let inquiry = spell.inquiryAt {
            responseFromInquiry = spell.firstContactAt.map { $0 - inquiry }
        }
        guard SpellClocks.hasFirstTouchClock(spell, noContact: noContact) else { return }
        guard let terms = firstTouch else { preconditionFailure("a first-touch clock without its terms") }
        let start = terms.fromInquiry ? spell.inquiryAt.map { min($0, spell.start) } ?? spell.start : spell.start
        let due = calendar.adding(terms.limit, to: start)
        firstTouchDeadline = due
        firstTouchBreached = (spell.firstContactAt ?? spell.handedOverAt ?? now) > due
    }
}
