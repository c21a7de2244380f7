import LeadqDomain
import LeadqFormat
import LeadqText
import LeadqUI

/// The agenda page: the queue's follow-ups, overdue first, then today's, then the next seven
/// days': when, the lead, what to do.
enum AgendaView {
    /// The sections as drawn: a title row, then one row per item (a blank row between sections).
    /// Worked out from the sections' sizes, never listed: a million leads' agenda has hundreds of
    /// thousands of rows, and only a screenful is drawn.
    struct Rows {
        let sections: [(title: String, count: Int)]

        init(_ a: Agenda) {
            self.init(sections: [("Overdue", a.overdue.count), ("Today", a.today.count), ("Next 7 days", a.week.count)])
        }

        init(sections: [(title: String, count: Int)]) { self.sections = sections }

        var count: Int { sections.reduce(-1) { $0 + 2 + $1.count } }

        /// The row at `r`: a section's title, an item (its index among every item), or blank.
        subscript(r: Int) -> (title: String?, item: Int?) {
            var start = 0
            var first = 0
            for (k, section) in sections.enumerated() {
                if k > 0 {
                    if r == start { return (nil, nil) }
                    start += 1
                }
                if r == start { return ("\(section.title) (\(section.count))", nil) }
                start += 1
                if r < start + section.count { return (nil, first + r - start) }
                start += section.count
                first += section.count
            }
            return (nil, nil)
        }

        /// The row of item `i`.
        func row(of i: Int) -> Int {
            var start = 0
            var first = 0
            for (k, section) in sections.enumerated() {
                start += k > 0 ? 2 : 1
                if i < first + section.count { return start + i - first }
                start += section.count
                first += section.count
            }
            return 0
        }
    }

    static func rows(_ s: ConsoleState) -> Rows { Rows(AgendaPage.agenda(s)) }

    /// The first row of the list on screen, so the selected item shows.
    static func top(_ s: ConsoleState, height: Int) -> Int {
        let all = rows(s)
        let at = (0..<AgendaPage.agenda(s).count).contains(s.agendaSelected) ? all.row(of: s.agendaSelected) : 0
        return max(0, min(at - height + 2, all.count - height))
    }

    /// The item drawn on screen row `y`, if any (for the mouse).
    static func item(at y: Int, _ s: ConsoleState) -> Int? {
        let area = body(s)
        let list = area.inset(dx: 1, dy: 1)
        let i = y - list.y + top(s, height: list.height)
        let all = rows(s)
        return y >= list.y && (0..<all.count).contains(i) ? all[i].item : nil
    }

    static func body(_ s: ConsoleState) -> Rect { Rect(x: 0, y: 1, width: s.size.width, height: s.size.height - 3) }

    static func draw(_ s: ConsoleState, into b: inout CellBuffer, _ area: Rect) {
        b.fill(area, role: .normal)
        b.box(area, role: .border, title: "Agenda · follow-ups of your queue", titleRole: .title)
        let list = area.inset(dx: 1, dy: 1)
        let agenda = AgendaPage.agenda(s)
        let all = rows(s)
        let top = top(s, height: list.height)
        let widest = s.queue.readsFromStore ? s.agenda.idWidth : AgendaModel.idWidth(agenda)
        let idWidth = min(QueueView.idMaxWidth, widest)
        for k in 0..<max(0, min(list.height, all.count - top)) {
            let y = list.y + k
            let row = all[top + k]
            if let title = row.title {
                b.text(title, x: list.x + 1, y: y, width: list.width - 2, role: .title)
            } else if let i = row.item {
                draw(
                    agenda[item: i], selected: i == s.agendaSelected, idWidth: idWidth, s, &b,
                    Rect(x: list.x, y: y, width: list.width, height: 1))
            }
        }
        if let total = s.agenda.reading {
            let line =
                "Reading the follow-ups of \(total) lead\(total == 1 ? "" : "s"): \(s.agenda.read) read · Esc goes back"
            b.text(line, x: list.x + 2, y: list.y + 1, width: list.width - 4, role: .dim)
        } else if let why = s.agenda.error {
            b.text(
                "The agenda could not be read: \(why)", x: list.x + 2, y: list.y + 1, width: list.width - 4,
                role: .slaWarn)
        } else if agenda.count == 0 {
            b.text(
                "No follow-up in the next seven days.", x: list.x + 2, y: list.y + 6, width: list.width - 4, role: .dim)
        }
    }

    static func draw(
        _ item: Agenda.Item, selected: Bool, idWidth: Int, _ s: ConsoleState, _ b: inout CellBuffer, _ r: Rect
    ) {
        let overdue = item.due < s.now
        let role: Role = selected ? .selected : .normal
        b.fill(r, role: role)
        let when = When.text(item.due, now: s.now, zone: s.config.zone)
        var x = r.x
        b.put(selected ? "▶" : " ", x: x, y: r.y, role: role)
        x += 2
        b.text(when, x: x, y: r.y, width: 18, role: selected ? role : overdue ? .slaBreach : .normal)
        x += 19
        b.text(item.lead, x: x, y: r.y, width: idWidth, role: selected ? role : .dim)
        x += idWidth + 1
        let who = item.company.isEmpty ? item.name : "\(item.name) · \(item.company)"
        let whoWidth = min(40, max(10, (r.maxX - x) / 2))
        b.text(who, x: x, y: r.y, width: whoWidth, role: role)
        x += whoWidth + 1
        b.text(item.what + (item.automatic ? " (cadence)" : ""), x: x, y: r.y, width: r.maxX - x, role: role)
    }
}
