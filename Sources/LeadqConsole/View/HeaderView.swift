import LeadqUI

/// The top line: who is working, the counts that need attention, the order and filter, the store.
/// What doesn't fit is left out whole, the store's name first, then the order, then the counts
/// that matter least.
enum HeaderView {
    static func items(_ s: ConsoleState) -> [WholeItem] {
        let c = s.counts
        let always = WholeItem.always
        var items = [
            WholeItem([(" leadq ", .headerAccent)], importance: always),
            WholeItem([(" \(s.config.repName) (\(s.config.rep)) ", .header)], importance: 45),
        ]
        if s.config.manager {
            items.append(WholeItem([("│ team view: \(s.queue.scope.label) ", .headerAccent)], importance: 90))
        }
        // An active filter or search comes first: it changes what every number means for the rows shown.
        if let search = s.search {
            let what = search.indexing ? "indexing the store…" : "\(search.total) found"
            items.append(WholeItem([("│ all leads: '\(search.query)' (\(what)) ", .headerAccent)], importance: 95))
        } else if !s.queue.filter.isEmpty {
            // A long list's filter is still looking through it: what it has found is no count yet.
            let shown = s.queue.filtering ? "counting…" : "\(s.queue.visible.count) of \(s.queue.inScope)"
            items.append(WholeItem([("│ filter: \(s.queue.filter) (\(shown)) ", .headerAccent)], importance: 95))
        }
        if let sorting = s.queue.sorting {
            let what = "│ sorting \(grouped(sorting.leads)) leads by \(sorting.order.label)… "
            items.append(WholeItem([(what, .headerAccent)], importance: 95))
        }
        items += [
            WholeItem([("│ ", .header), ("\(c.inQueue) in queue", .headerAccent)], importance: always),
            WholeItem(
                [(" · ", .header), ("\(c.breaches) SLA breached", c.breaches > 0 ? .slaBreach : .header)],
                importance: always),
            WholeItem(
                [
                    (" · ", .header),
                    (
                        "follow-ups \(c.followUpsDue) due, \(c.followUpsOverdue) overdue",
                        c.followUpsOverdue > 0 ? .slaWarn : .header
                    ),
                ], importance: 60),
            WholeItem(
                [
                    (" · ", .header),
                    (
                        "\(c.clawbacksDue) clawback\(c.clawbacksDue == 1 ? "" : "s") due",
                        c.clawbacksDue > 0 ? .slaWarn : .header
                    ),
                ], importance: 30),
        ]
        if s.config.manager {
            items.append(WholeItem([(" · \(c.pool) unassigned", .header)], importance: 50))
            if c.hotWaiting > 0 {
                items.append(WholeItem([(" (\(c.hotWaiting) hot waiting)", .slaBreach)], importance: 85))
            }
        }
        items.append(WholeItem([(" │ order: \(s.queue.order.label)", .header)], importance: 20))
        items.append(WholeItem([(" │ \(s.config.storeLabel)", .header)], importance: 10))
        return items
    }

    /// 592185 as "592,185".
    static func grouped(_ n: Int) -> String {
        var digits = Array(String(n))
        var i = digits.count - 3
        while i > (n < 0 ? 1 : 0) {
            digits.insert(",", at: i)
            i -= 3
        }
        return String(digits)
    }

    static func draw(_ s: ConsoleState, into b: inout CellBuffer, _ r: Rect) {
        b.fill(r, role: .header)
        b.spans(WholeItem.fit(items(s), width: r.width), x: r.x, y: r.y, width: r.width)
    }
}
