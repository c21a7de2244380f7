import LeadqDomain

/// The header's counts: SLA breaches, follow-ups and clawbacks due, per rep and for the pool.
extension Console {
    /// Counts every lead from its clocks, kept with its entry: a manager's 60,000 leads are
    /// counted again every second, in a millisecond or two.
    static func recount(_ s: inout ConsoleState) {
        let t = s.queue.tally(AlarmTimes(now: s.now, settings: s.settings, utcOffset: s.config.utcOffset))
        var counts = HeaderCounts()
        var team: [String: HeaderCounts] = [:]
        (counts.pool, counts.hotWaiting) = (t.tally.pool, t.tally.hotWaiting)
        for (code, c) in t.tally.byOwner.enumerated() where c.leads > 0 {
            counts.add(c)
            team[code == 0 ? "" : t.owners[code - 1], default: HeaderCounts()].add(c)
        }
        s.counts = counts
        s.teamCounts = team
    }

    /// Adds (sign 1) or takes away (sign -1) one lead's share of the header's counts.
    static func count(_ s: inout ConsoleState, _ lead: Lead, clocks: LeadClocks? = nil, _ sign: Int) {
        count(&s, owner: lead.owner, clocks ?? LeadClocks(lead, settings: s.settings), sign)
    }

    /// The same from what an entry keeps (a manager's entry may not have read its lead).
    static func count(_ s: inout ConsoleState, owner: String?, _ clocks: LeadClocks, _ sign: Int) {
        let (now, settings, offset) = (s.now, s.settings, s.config.utcOffset)
        add(&s.counts, &s.teamCounts, owner: owner, clocks, now: now, settings: settings, utcOffset: offset, sign: sign)
    }

    private static func add(
        _ counts: inout HeaderCounts, _ team: inout [String: HeaderCounts], owner: String?, _ clocks: LeadClocks,
        now: Instant, settings: Settings, utcOffset: Int64, sign: Int
    ) {
        guard clocks.stage.isActive else {
            if clocks.stage == .new {
                counts.pool += sign
                if clocks.hotWaiting(now: now) { counts.hotWaiting += sign }
            }
            return
        }
        let st = clocks.alarms(now: now, settings: settings, utcOffset: utcOffset)
        counts.add(st, sign)
        team[owner ?? "", default: HeaderCounts()].add(st, sign)
    }
}
