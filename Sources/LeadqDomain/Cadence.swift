/// The follow-up cadence of domain.md, driving itself: an attempt completes the follow-up that was
/// due and schedules the next step, until the recommended number of attempts; reaching the person
/// (a connected call, a reply, a booked meeting) ends it. A rep's own follow-up is never replaced
/// by the cadence: while one is open, the cadence waits for it.
public enum Cadence {
    /// The contact as it will be logged: the follow-ups it completes and the next one it schedules.
    static func contact(
        _ lead: Lead, channel: Channel, outcome: Outcome, direction: Direction, note: String, _ ctx: Context
    ) -> Contact {
        var c = Contact(channel: channel, outcome: outcome, direction: direction, note: note)
        c.completes = completes(lead, outcome: outcome, direction: direction, ctx)
        if let next = next(lead, outcome: outcome, direction: direction, closing: c.completes, ctx) {
            c.followUpDue = next.due
            c.followUpWhat = next.step?.what
            c.followUpChannel = next.step?.channel
        }
        return c
    }

    /// An outbound attempt completes the next open follow-up if it is the cadence's or due by the end
    /// of the owner's day; reaching the person also ends every open follow-up of the cadence.
    static func completes(_ lead: Lead, outcome: Outcome, direction: Direction, _ ctx: Context) -> [Int64] {
        var out: [Int64] = []
        let open = lead.work.openFollowUps
        if direction == .outbound, let f = open.first {
            let zone = ctx.settings.zone(forRep: lead.owner)
            let dayEnd = zone.startOfDay(ctx.now).adding(Span.day + Span.hour).map { zone.startOfDay($0) } ?? ctx.now
            if f.automatic || f.due < dayEnd { out.append(f.id) }
        }
        if outcome.reached {
            for f in open where f.automatic && !out.contains(f.id) { out.append(f.id) }
        }
        return out
    }

    /// The next step after an unanswered attempt: its due time (in the owner's working hours, at
    /// least an hour from now) and, from a playbook, its channel and what to do.
    static func next(_ lead: Lead, outcome: Outcome, direction: Direction, closing: [Int64], _ ctx: Context)
        -> (due: Instant, step: PlayStep?)?
    {
        guard direction == .outbound, outcome.triggersCadence else { return nil }
        // A rep's own follow-up still open stands; the cadence doesn't pile another on it.
        if lead.work.openFollowUps.contains(where: { !closing.contains($0.id) }) { return nil }
        let outbound = lead.work.contactsSinceAssignment.filter { $0.contact.direction == .outbound }
        guard outbound.count + 1 < ctx.settings.recommendedAttempts else { return nil }
        let unanswered = outbound.filter { !$0.contact.outcome.reached }
        let k = unanswered.count
        guard let day = day(ofStep: k, ctx.settings.cadenceDays(for: lead.profile)) else { return nil }
        let first = lead.work.clampedToAssignment(unanswered.first?.at ?? ctx.now)
        let calendar = ctx.settings.calendar(forRep: lead.owner)
        let due = calendar.nextWorking(max(first.adding(day, times: Span.day), ctx.now + Span.hour))
        let steps = ctx.settings.playbook(for: lead.profile)?.steps ?? []
        return (due, k + 1 < steps.count ? steps[k + 1] : nil)
    }

    /// The day (after the first attempt) of the k-th follow-up: the listed days, then on at the last
    /// interval, so the cadence reaches the recommended attempts however short the list.
    public static func day(ofStep k: Int, _ days: [Int64]) -> Int64? {
        guard let last = days.last, k >= 0 else { return nil }
        if k < days.count { return days[k] }
        let gap = days.count >= 2 ? last - days[days.count - 2] : last
        return last + gap * Int64(k - days.count + 1)
    }

    /// The step the lead's next contact is: the first touch of its playbook, or the cadence's open
    /// follow-up; nil once the person was reached or the attempts are used up.
    public static func step(_ lead: Lead, settings: Settings) -> CadenceStep? {
        guard lead.stage.isActive else { return nil }
        return step(lead, settings: settings, book: settings.playbook(for: lead.profile))
    }

    /// The same with the lead's playbook already found (`settings.playbook(for:)`).
    static func step(_ lead: Lead, settings: Settings, book: Playbook?) -> CadenceStep? {
        guard lead.stage.isActive else { return nil }
        let contacts = lead.work.contactsSinceAssignment
        if contacts.last?.contact.outcome.reached == true { return nil }
        let number = contacts.filter { $0.contact.direction == .outbound }.count + 1
        guard number <= settings.recommendedAttempts else { return nil }
        if number == 1 {
            guard let first = book?.steps.first else { return nil }
            return CadenceStep(
                number: 1, of: settings.recommendedAttempts, channel: first.channel, what: first.what,
                playbook: book?.name)
        }
        guard let f = lead.work.nextFollowUp, f.automatic else { return nil }
        return CadenceStep(
            number: number, of: settings.recommendedAttempts, channel: f.channel, what: f.what, playbook: book?.name)
    }
}
