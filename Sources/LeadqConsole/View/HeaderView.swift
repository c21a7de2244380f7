import LeadqUI

/// The top line: who is working, the counts that need attention, the order and filter, the store.
enum HeaderView {
    static func draw(_ s: ConsoleState, into b: inout CellBuffer, _ r: Rect) {
        b.fill(r, role: .header)
        let c = s.counts
        var parts: [(String, Role)] = [
            (" leadq ", .headerAccent), (" \(s.config.repName) (\(s.config.rep)) ", .header), ("│ ", .header),
        ]
        if s.config.manager { parts.append(("team view: \(s.queue.scope.label) │ ", .headerAccent)) }
        // An active filter comes first: it changes what every number below means for the rows shown.
        if !s.queue.filter.isEmpty {
            parts.append(("filter: \(s.queue.filter) (\(s.queue.visible.count) of \(c.inQueue)) │ ", .headerAccent))
        }
        parts.append(("\(c.inQueue) in queue", .headerAccent))
        parts.append((" · ", .header))
        parts.append(("\(c.breaches) SLA breached", c.breaches > 0 ? .slaBreach : .header))
        parts.append((" · ", .header))
        parts.append(
            (
                "follow-ups \(c.followUpsDue) due, \(c.followUpsOverdue) overdue",
                c.followUpsOverdue > 0 ? .slaWarn : .header
            ))
        parts.append((" · ", .header))
        parts.append(
            ("\(c.clawbacksDue) clawback\(c.clawbacksDue == 1 ? "" : "s") due", c.clawbacksDue > 0 ? .slaWarn : .header)
        )
        if s.config.manager {
            parts.append((" · \(c.pool) unassigned", .header))
            if c.hotWaiting > 0 { parts.append((" (\(c.hotWaiting) hot waiting)", .slaBreach)) }
        }
        parts.append((" │ order: \(s.queue.order.label)", .header))
        parts.append((" │ \(s.config.storeLabel)", .header))
        b.spans(parts, x: r.x, y: r.y, width: r.width)
    }
}
