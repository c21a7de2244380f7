import LeadqDomain
import LeadqFormat
import LeadqText
import LeadqUI

/// The queue table: one row per lead, columns chosen to fit the width.
enum QueueView {
    struct Column: Sendable {
        var title: String
        var width: Int
        var align: Alignment = .left
        /// Dropped first when the terminal is narrow: higher numbers go first, 0 never. STAGE outlasts
        /// FOLLOW-UP and ID (without it a rep can't tell which leads still need accepting).
        var drop: Int
        /// Share of spare columns this one takes.
        var grow: Int = 0
        var maxWidth: Int
        /// Shown only in the manager's view.
        var managerOnly = false
        var cell: @Sendable (Lead, LeadStatus, ConsoleState) -> (String, Role)
    }

    static let all: [Column] = [
        Column(title: "ID", width: 7, drop: 3, maxWidth: QueueView.idMaxWidth) { l, _, _ in (l.id, .dim) },
        Column(title: "SCORE", width: 5, align: .right, drop: 0, maxWidth: 5) { l, _, s in
            let c = Cells.score(l, s.settings)
            return (
                c.text,
                c.urgency == .breach ? .scoreHot : l.score < s.settings.nurtureBelowScore ? .scoreCold : .scoreWarm
            )
        },
        Column(title: "AGE", width: 4, align: .right, drop: 6, maxWidth: 5) { _, st, _ in (Cells.age(st), .normal) },
        // As wide as the longest clock ("decide late 15h", "touch late 120d"): the figure is what matters.
        Column(title: "SLA", width: Cells.slaWidth, drop: 0, maxWidth: Cells.slaWidth) { l, st, s in
            let c = Cells.sla(l, st, s.settings)
            return (c.text, c.urgency.role)
        },
        Column(title: "NAME", width: 14, drop: 0, grow: 3, maxWidth: 28) { l, _, _ in (l.profile.name, .normal) },
        Column(title: "COMPANY", width: 12, drop: 5, grow: 2, maxWidth: 24) { l, _, _ in (l.profile.company, .normal) },
        Column(title: "PHONE", width: 15, drop: 10, maxWidth: 18) { l, _, _ in
            // A do-not-contact lead's number is marked; no number is a dash, not a marked blank.
            if l.profile.phone.isEmpty { return ("—", .dim) }
            return (l.profile.phone, l.profile.doNotContact ? .dnc : .normal)
        },
        Column(title: "TITLE", width: 10, drop: 12, grow: 2, maxWidth: 22) { l, _, _ in (l.profile.title, .dim) },
        Column(title: "SOURCE", width: 9, drop: 11, grow: 1, maxWidth: 14) { l, _, _ in (l.profile.source, .dim) },
        Column(title: "OWNER", width: 6, drop: 7, grow: 1, maxWidth: 10, managerOnly: true) { l, _, _ in
            // "pool" only for the pool; a closed lead (found by a search) has no owner.
            (l.owner ?? (l.stage == .new ? "pool" : "—"), l.owner == nil ? .dim : .normal)
        },
        Column(title: "STAGE", width: 9, drop: 2, maxWidth: 9) { l, _, _ in (l.stage.rawValue, .normal) },
        Column(title: "TRIES", width: 5, drop: 9, maxWidth: 5) { _, st, s in (Cells.attempts(st, s.settings), .normal)
        },
        Column(title: "FOLLOW-UP", width: 11, drop: 4, maxWidth: 12) { _, st, s in
            let c = Cells.followUp(st, now: s.now, utcOffset: s.config.utcOffset)
            return (c.text, c.urgency.role)
        },
        Column(title: "FLAGS", width: 6, drop: 8, grow: 1, maxWidth: 12) { l, st, _ in
            let f = Cells.flags(l, st)
            return (f, l.profile.noContact ? .dnc : .flag)
        },
    ]

    /// The widest the ID column gets: a million leads' ids are nine columns ("L-1000000").
    static let idMaxWidth = 12

    /// The columns that fit `width`, with spare space given to the growing ones. The ID column is
    /// `idWidth` wide: an id is what a rep types to act on a lead, so it is shown whole.
    static func columns(width: Int, manager: Bool = false, idWidth: Int = 7) -> [Column] {
        var cols = all.filter { manager || !$0.managerOnly }
        if let i = cols.firstIndex(where: { $0.title == "ID" }) {
            cols[i].width = min(idMaxWidth, max(cols[i].width, idWidth))
        }
        func total(_ c: [Column]) -> Int { c.reduce(0) { $0 + $1.width } + max(0, c.count - 1) }
        while total(cols) > width,
            let worst = cols.indices.filter({ cols[$0].drop > 0 }).max(by: { cols[$0].drop < cols[$1].drop })
        {
            cols.remove(at: worst)
        }
        var spare = width - total(cols)
        while spare > 0 {
            let growable = cols.indices.filter { cols[$0].grow > 0 && cols[$0].width < cols[$0].maxWidth }
            if growable.isEmpty { break }
            for i in growable where spare > 0 {
                let add = min(spare, cols[i].grow, cols[i].maxWidth - cols[i].width)
                cols[i].width += add
                spare -= add
            }
        }
        return cols
    }

    /// What an empty list says instead of rows: why it is empty, or what it is waiting for.
    static func emptyMessage(_ s: ConsoleState) -> String {
        if let loading = s.loading { return loading }
        if let search = s.search {
            return search.indexing
                ? "Indexing every lead of the store; the results follow in a moment."
                : Rules.trimmed(search.query).isEmpty
                    ? "Type to search every lead of the store: name, company, email, phone, L-id, CRM id."
                    : "No lead in the store matches '\(search.query)'. Esc goes back to your queue."
        }
        if s.queue.filtering { return "Looking for '\(s.queue.filter)' among the leads…" }
        if !s.queue.filter.isEmpty {
            return "No lead matches '\(s.queue.filter)'. Tab searches every lead; Esc clears the filter."
        }
        return s.config.manager
            ? "No lead in \(s.queue.scope.label)."
            : "Your queue is empty. New leads appear here as soon as they are assigned to you."
    }

    /// A one-column gutter on the left marks the cursor (▶) and new hot leads (★) in every theme.
    static func draw(_ s: ConsoleState, into b: inout CellBuffer, columns head: Rect, rows r: Rect) {
        var showsOwners = s.config.manager
        if case .found = s.queue.scope { showsOwners = true }
        let visible = s.queue.visible
        var shown: [QueueEntry] = []
        for row in 0..<max(0, r.height) {
            guard s.top + row < visible.count, let e = s.queue[visible[s.top + row]] else { break }
            shown.append(e)
        }
        let idWidth = shown.reduce(0) { max($0, Width.of($1.lead.id)) }
        let cols = columns(width: head.width - 1, manager: showsOwners, idWidth: idWidth)
        var x = head.x + 1
        b.fill(head, role: .columnHeader)
        for c in cols {
            let sorted = sortColumn(s.queue.order) == c.title
            b.text(
                c.title, x: x, y: head.y, width: c.width, role: sorted ? .columnHeaderSorted : .columnHeader,
                align: c.align)
            x += c.width + 1
        }
        b.fill(r, role: .row)
        if visible.isEmpty {
            b.text(emptyMessage(s), x: r.x + 2, y: r.y + 1, width: r.width - 4, role: .dim)
            return
        }
        let cursor = s.cursor
        for (row, e) in shown.enumerated() {
            let i = s.top + row
            let lead = e.lead
            let st = SLA.status(lead, now: s.now, settings: s.settings, utcOffset: s.config.utcOffset)
            let y = r.y + row
            var x = r.x + 1
            let selected = i == cursor
            for c in cols {
                var (text, role) = c.cell(lead, st, s)
                if e.isNew && c.title == "NAME" { role = .highlightNew }
                b.text(text, x: x, y: y, width: c.width, role: role, align: c.align)
                x += c.width + 1
            }
            if selected {
                b.restyle(Rect(x: r.x, y: y, width: r.width, height: 1), role: .selected)
                b.put("▶", x: r.x, y: y, role: .selected)
            } else if e.isNew {
                b.put("★", x: r.x, y: y, role: .highlightNew)
            }
        }
    }

    static func sortColumn(_ o: QueueOrder) -> String {
        switch o {
        case .scoreAge: return "SCORE"
        case .deadline: return "SLA"
        case .followUp: return "FOLLOW-UP"
        case .age: return "AGE"
        }
    }
}
