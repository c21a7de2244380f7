import LeadqDomain

/// The header's counts: SLA breaches, follow-ups and clawbacks due, per rep and for the pool.
extension Console {
    static func recount(_ s: inout ConsoleState) {
        s.counts = HeaderCounts()
        s.teamCounts = [:]
        for e in s.queue.entries.values { count(&s, e.lead, 1) }
    }

    /// Adds (sign 1) or takes away (sign -1) one lead's share of the header's counts.
    static func count(_ s: inout ConsoleState, _ lead: Lead, _ sign: Int) {
        guard lead.stage.isActive else {
            if lead.stage == .new {
                s.counts.pool += sign
                if settingsHot(s, lead) { s.counts.hotWaiting += sign }
            }
            return
        }
        let st = SLA.alarms(lead, now: s.now, settings: s.settings, utcOffset: s.config.utcOffset)
        s.counts.add(st, sign)
        s.teamCounts[lead.owner ?? "", default: HeaderCounts()].add(st, sign)
    }

    /// A hot lead waiting in the pool past `sla.poolHotMinutes`.
    static func settingsHot(_ s: ConsoleState, _ lead: Lead) -> Bool {
        s.settings.isHot(lead.score) && PoolWatch.lateAt(lead, settings: s.settings) <= s.now
    }
}
