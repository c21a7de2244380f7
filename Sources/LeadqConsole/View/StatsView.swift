import LeadqDomain
import LeadqFormat
import LeadqMetrics
import LeadqText
import LeadqUI

/// The stats page: the rep's (or the team's) figures for the last four weeks or months, with bar
/// charts drawn in characters so they read the same in every theme, mono included.
enum StatsView {
    static func draw(_ s: ConsoleState, into b: inout CellBuffer, _ area: Rect, boxStyle: BoxStyle) {
        b.fill(area, role: .normal)
        let who = s.config.manager && s.stats.team ? "the team" : "\(s.config.repName) (\(s.config.rep))"
        var title = "Stats for \(who)"
        if let r = s.stats.report {
            title +=
                " · \(r.window.from.date(utcOffset: s.config.utcOffset)) to \((r.window.to - 1).date(utcOffset: s.config.utcOffset)) · by \(s.stats.unit.rawValue)"
        }
        b.text(title, x: area.x + 1, y: area.y, width: area.width - 2, role: .title)
        let today = s.stats.today.map { "Today: \($0.line)" } ?? "Today: …"
        b.text(today, x: area.x + 1, y: area.y + 1, width: area.width - 2, role: .headerAccent)
        let body = Rect(x: area.x, y: area.y + 2, width: area.width, height: area.height - 2)
        guard let r = s.stats.report else {
            let reading =
                s.stats.total > 0
                ? "Reading the store for the figures: \(s.stats.read) of \(s.stats.total) leads…"
                : s.stats.read > 0
                    ? "Reading the store for the figures: \(s.stats.read) leads read…"
                    : "Reading the store for the figures…"
            let msg = s.stats.error.map { "Could not compute the figures: \($0)" } ?? reading
            b.text(
                msg, x: body.x + 2, y: body.y + 1, width: body.width - 4,
                role: s.stats.error == nil ? .dim : .statusError)
            return
        }
        let f =
            (s.config.manager && s.stats.team ? r.team : r.figures(for: s.config.rep))
            ?? RepFigures(rep: s.config.rep, settings: s.settings)
        let leftWidth = min(44, body.width / 2)
        let (left, right) = body.splitLeft(leftWidth)
        figures(f, &b, left)
        charts(r, f, &b, right, glyphs: boxStyle == .ascii ? .ascii : .blocks)
    }

    static func figures(_ f: RepFigures, _ b: inout CellBuffer, _ r: Rect) {
        b.box(r, role: .border, title: "Work", titleRole: .title)
        let inner = r.inset(dx: 2, dy: 1)
        let rt = f.responseTimes
        let firstTouch = f.firstTouchClocks > 0 ? "\(f.firstTouchBreaches) of \(f.firstTouchClocks)" : "0"
        var rows: [(String, String, Role)] = [
            ("Leads handled", "\(f.handled)", .normal),
            ("Handoffs received", "\(f.handoffs)", .normal),
            ("Accepted", "\(f.accepted)", .normal),
            ("Rejected", "\(f.rejected)", .normal),
            ("Clawed back to nurture", "\(f.nurtured)", .normal),
            ("Qualified (SQL)", "\(f.qualified)", .slaOk),
            ("Response time, median", ReportText.duration(rt.median), .normal),
            ("Response time, 90th pct", ReportText.duration(rt.p90), .normal),
            ("Decision SLA breaches", "\(f.decisionBreaches)", f.decisionBreaches > 0 ? .slaBreach : .normal),
            ("First-touch SLA breaches", firstTouch, f.firstTouchBreaches > 0 ? .slaBreach : .normal),
            ("Follow-ups done", "\(f.followUpsDone)", .normal),
            ("Follow-ups overdue", "\(f.followUpsOverdue)", f.followUpsOverdue > 0 ? .slaWarn : .normal),
        ]
        for stage in Stage.allCases {
            if let d = f.stageTimes[stage], !d.isEmpty {
                rows.append(("Median time \(stage.rawValue)", ReportText.duration(d.median), .dim))
            }
        }
        for (i, row) in rows.enumerated() where i < inner.height {
            b.text(row.0, x: inner.x, y: inner.y + i, width: inner.width - 12, role: .normal)
            b.text(row.1, x: inner.maxX - 11, y: inner.y + i, width: 11, role: row.2, align: .right)
        }
    }

    static func charts(_ r: Report, _ f: RepFigures, _ b: inout CellBuffer, _ area: Rect, glyphs: BarChart.Glyphs) {
        let sections: [(String, [BarRow])] = [
            ("Rejection reasons", ReportCharts.rejectionReasons(r)),
            ("Qualified by channel (cohorts)", ReportCharts.conversionByChannel(r)),
            ("Response times", ReportCharts.responseTimes(f)),
        ]
        var y = area.y
        for (title, rows) in sections {
            let height = min(max(1, rows.count), 8) + 2
            guard y + 3 <= area.maxY else { break }
            let box = Rect(x: area.x, y: y, width: area.width, height: min(height, area.maxY - y))
            b.box(box, role: .border, title: title, titleRole: .title)
            let inner = box.inset(dx: 2, dy: 1)
            if rows.isEmpty {
                b.text("nothing in this period", x: inner.x, y: inner.y, width: inner.width, role: .dim)
            } else {
                for (i, line) in BarChart.render(Array(rows.prefix(inner.height)), width: inner.width, glyphs: glyphs)
                    .enumerated()
                {
                    b.text(
                        line, x: inner.x, y: inner.y + i, width: inner.width,
                        role: i % 2 == 0 ? .chartBar : .chartBarAlt)
                }
            }
            y += box.height
        }
    }
}

/// The manager's left column: every rep with their queue size and breaches, and the pool.
enum TeamView {
    static let width = 26

    static func draw(_ s: ConsoleState, into b: inout CellBuffer, _ r: Rect) {
        b.fill(r, role: .normal)
        b.box(r, role: .border, title: "Team", titleRole: .title)
        let inner = r.inset(dx: 1, dy: 1)
        var items: [(QueueScope, String, Int, Int)] = [(.queues, "All queues", s.counts.inQueue, s.counts.breaches)]
        for rep in Console.reps(s) {
            let c = s.teamCounts[rep.id] ?? HeaderCounts()
            items.append((.rep(rep.id), rep.id + (rep.away ? " (away)" : ""), c.inQueue, c.breaches))
        }
        items.append((.pool, "Unassigned pool", s.counts.pool, 0))
        let current = items.firstIndex { $0.0 == s.queue.scope } ?? 0
        let top = max(0, current - inner.height + 1)
        for (i, item) in items.enumerated().dropFirst(top) where i - top < inner.height {
            let y = inner.y + i - top
            let role: Role = i == current ? .selected : .normal
            b.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: role)
            // Four columns a figure; a breach count of hundreds of thousands takes one from the name.
            let breaches = item.3 > 0 ? "!" + shortCount(item.3) : ""
            let breachWidth = max(4, breaches.count)
            let countX = inner.maxX - breachWidth - 5
            let count = shortCount(item.2)
            // A name may run into the count's unused columns, never up to its figure.
            let nameWidth = min(countX, countX + 3 - count.count) - inner.x
            b.text(item.1, x: inner.x, y: y, width: nameWidth, role: role)
            b.text(count, x: countX, y: y, width: 4, role: role, align: .right)
            if item.3 > 0 {
                b.text(
                    breaches, x: inner.maxX - breachWidth, y: y, width: breachWidth,
                    role: i == current ? role : .slaBreach, align: .right)
            }
        }
    }
}
