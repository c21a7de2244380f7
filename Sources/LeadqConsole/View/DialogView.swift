import LeadqDomain
import LeadqText
import LeadqUI

/// The modal dialogs, one function each, drawn over the queue.
enum DialogView {
    static func frame(_ b: inout CellBuffer, in area: Rect, width: Int, height: Int, title: String) -> Rect {
        let r = area.centered(width: min(width, area.width), height: min(height, area.height))
        b.fill(r, role: .popup)
        b.box(r, role: .popupBorder, title: Inert.line(title), titleRole: .popupTitle)
        return r.inset(dx: 2, dy: 1)
    }

    static func draw(_ s: ConsoleState, into b: inout CellBuffer, _ area: Rect) {
        switch s.mode {
        case .reasons(let purpose, let t, let selected): reasons(s, &b, area, purpose, t, selected)
        case .reasonNote(let purpose, let t, let code, let note): reasonNote(s, &b, area, purpose, t, code, note)
        case .contact(let t, let form): contact(s, &b, area, t, form)
        case .followUp(let t, let form): followUp(s, &b, area, t, form)
        case .confirmQualify(let t):
            let r = frame(&b, in: area, width: 60, height: 6, title: "Qualify")
            b.text("Qualify \(t.id) (\(t.name)) as an SQL?", x: r.x, y: r.y, width: r.width, role: .popup)
            b.text(
                "An opportunity opens in the CRM; the lead leaves your queue.", x: r.x, y: r.y + 1, width: r.width,
                role: .dim)
            b.spans(
                [
                    ("y", .key), (" qualify    ", .popup), ("n", .key), (" / ", .popup), ("esc", .key),
                    (" cancel", .popup),
                ], x: r.x, y: r.y + 3, width: r.width)
        case .confirmReplace(let t, let due, let what):
            let r = frame(&b, in: area, width: 70, height: 6, title: "Replace the follow-up?")
            let open = s.queue[t.id]?.lead.work.nextFollowUp
            b.text(
                "\(t.id) has \(open?.createdBy ?? "a rep")'s follow-up '\(open?.what ?? "")'", x: r.x, y: r.y,
                width: r.width, role: .popup)
            b.text(
                "Replace it with '\(what)' \(due.human(now: s.now, utcOffset: s.config.zone.offset(at: due)))?",
                x: r.x, y: r.y + 1, width: r.width, role: .popup)
            b.spans(
                [
                    ("y", .key), (" replace    ", .popup), ("n", .key), (" / ", .popup), ("esc", .key),
                    (" keep it", .popup),
                ],
                x: r.x, y: r.y + 3, width: r.width)
        case .themes(let selected):
            let names = s.config.themeNames
            let r = frame(&b, in: area, width: 40, height: names.count + 4, title: "Theme")
            for (i, n) in names.enumerated() where i < r.height - 1 {
                let current = n == s.theme ? " (current)" : ""
                b.text(
                    (i == selected ? "▶ " : "  ") + n + current, x: r.x, y: r.y + i, width: r.width,
                    role: i == selected ? .popupSelected : .popup)
            }
        case .help(let filter, let scroll): HelpView.draw(s, &b, area, filter, scroll)
        case .assign(let t, let selected):
            let reps = Console.reps(s)
            let r = frame(&b, in: area, width: 56, height: min(area.height, reps.count + 6), title: "Assign to")
            var y = 0
            header(&b, r, t, &y)
            let top = max(0, selected - (r.height - y - 1))
            let owner = s.queue[t.id]?.lead.owner
            for (i, rep) in reps.enumerated().dropFirst(top) where y < r.height {
                let c = s.teamCounts[rep.id] ?? HeaderCounts()
                var line = "\(rep.id)  \(rep.name)"
                if rep.id == owner { line += "  (owner now)" }
                if rep.away { line += "  (away)" }
                let role: Role = i == selected ? .popupSelected : rep.away ? .dim : .popup
                b.fill(Rect(x: r.x, y: r.y + y, width: r.width, height: 1), role: role)
                b.text(line, x: r.x, y: r.y + y, width: r.width - 14, role: role)
                b.text(
                    "\(c.inQueue) open" + (rep.cap.map { "/\($0)" } ?? ""), x: r.maxX - 13, y: r.y + y, width: 13,
                    role: role, align: .right)
                y += 1
            }
        default: break
        }
    }

    static func header(_ b: inout CellBuffer, _ r: Rect, _ t: Target, _ line: inout Int) {
        b.text("\(t.id) · \(t.name)", x: r.x, y: r.y + line, width: r.width, role: .popupTitle)
        line += 2
    }

    static func reasons(
        _ s: ConsoleState, _ b: inout CellBuffer, _ area: Rect, _ p: ReasonPurpose, _ t: Target, _ selected: Int
    ) {
        let rs = s.settings.reasons
        let r = frame(&b, in: area, width: 80, height: rs.count + 6, title: p.title)
        var y = 0
        header(&b, r, t, &y)
        let top = max(0, selected - (r.height - y - 2))
        for (i, reason) in rs.enumerated().dropFirst(top) where y < r.height - 1 {
            let role: Role = i == selected ? .popupSelected : .popup
            b.fill(Rect(x: r.x, y: r.y + y, width: r.width, height: 1), role: role)
            let x = b.put(" \(reason.key) ", x: r.x, y: r.y + y, role: i == selected ? .popupSelected : .key)
            b.text(" \(reason.code)" + (reason.noteRequired ? " (note)" : ""), x: x, y: r.y + y, width: 24, role: role)
            b.text(reason.label, x: x + 25, y: r.y + y, width: r.maxX - x - 25, role: i == selected ? role : .dim)
            y += 1
        }
        b.text("Shift+key adds a note · Esc cancels, nothing saved", x: r.x, y: r.maxY - 1, width: r.width, role: .dim)
    }

    static func reasonNote(
        _ s: ConsoleState, _ b: inout CellBuffer, _ area: Rect, _ p: ReasonPurpose, _ t: Target, _ code: String,
        _ note: LineEditor
    ) {
        let r = frame(&b, in: area, width: 70, height: 8, title: "\(p.title): \(code)")
        var y = 0
        header(&b, r, t, &y)
        let required = s.settings.reason(code)?.noteRequired == true
        b.text(required ? "Note (required):" : "Note (optional):", x: r.x, y: r.y + y, width: r.width, role: .popup)
        InputView.draw(note, into: &b, x: r.x, y: r.y + y + 1, width: r.width, role: .input)
        b.text("Enter saves · Esc cancels", x: r.x, y: r.maxY - 1, width: r.width, role: .dim)
    }

    static func contact(_ s: ConsoleState, _ b: inout CellBuffer, _ area: Rect, _ t: Target, _ f: ContactForm) {
        let r = frame(&b, in: area, width: 84, height: 11, title: "Log a contact")
        var y = 0
        header(&b, r, t, &y)
        if let p = s.queue[t.id]?.lead.profile, p.noContact {
            b.text(
                "DO NOT CONTACT: only an inbound contact (i) can be logged", x: r.x, y: r.y + 1, width: r.width,
                role: .dnc)
        } else if let p = s.queue[t.id]?.lead.profile, p.emailOptOut || p.doNotCall {
            let blocked = [p.emailOptOut ? "email" : nil, p.doNotCall ? "call, sms" : nil].compactMap { $0 }
            b.text(
                "No consent for \(blocked.joined(separator: ", ")): only inbound on those", x: r.x, y: r.y + 1,
                width: r.width, role: .dnc)
        }
        func choices<T: Equatable>(
            _ label: String, _ items: [(Character, T)], _ name: (T) -> String, chosen: T?, active: Bool
        ) {
            var parts: [(String, Role)] = [(label, active ? .popupTitle : .popup)]
            for (k, v) in items {
                let picked = chosen == v
                parts.append((" [\(k)]", picked ? .popupSelected : active ? .key : .dim))
                parts.append((name(v), picked ? .popupSelected : active ? .popup : .dim))
            }
            b.spans(parts, x: r.x, y: r.y + y, width: r.width)
            y += 1
        }
        choices("Channel:", ContactForm.channelKeys, { $0.rawValue }, chosen: f.channel, active: f.step == .channel)
        b.text(
            "Direction: \(f.inbound ? "inbound (they contacted us)" : "outbound")  [i] toggles", x: r.x, y: r.y + y,
            width: r.width, role: f.step == .channel ? .popup : .dim)
        y += 1
        choices("Outcome:", ContactForm.outcomeKeys, { $0.rawValue }, chosen: f.outcome, active: f.step == .outcome)
        y += 1
        b.text(
            "Note (optional), Enter saves:", x: r.x, y: r.y + y, width: r.width,
            role: f.step == .note ? .popupTitle : .dim)
        y += 1
        if f.step == .note {
            InputView.draw(f.note, into: &b, x: r.x, y: r.y + y, width: r.width, role: .input)
        }
    }

    static func followUp(_ s: ConsoleState, _ b: inout CellBuffer, _ area: Rect, _ t: Target, _ f: FollowUpForm) {
        let r = frame(&b, in: area, width: 70, height: 10, title: "Schedule a follow-up")
        var y = 0
        header(&b, r, t, &y)
        if let current = s.queue[t.id]?.lead.work.nextFollowUp {
            b.text(
                "Replaces the open one due \(current.due.human(now: s.now, utcOffset: s.config.utcOffset)): \(current.what)",
                x: r.x, y: r.y + 1, width: r.width, role: .dim)
        }
        if !f.typing {
            var parts: [(String, Role)] = []
            for q in FollowUpForm.quick {
                parts.append((" [\(q.key)]", .key))
                parts.append((" \(q.label) ", .popup))
            }
            parts.append((" [t]", .key))
            parts.append((" type a date", .popup))
            b.spans(parts, x: r.x, y: r.y + y, width: r.width)
            return
        }
        b.text(
            "When (tomorrow 14:00, +3d, 2026-12-01 10:00):", x: r.x, y: r.y + y, width: r.width,
            role: f.field == .when ? .popupTitle : .popup)
        InputView.draw(f.when, into: &b, x: r.x, y: r.y + y + 1, width: r.width / 2, role: .input)
        let preview = (x: r.x + r.width / 2 + 1, y: r.y + y + 1, width: r.width / 2 - 1)
        switch DueDate.read(f.when.text, now: s.now, zone: s.config.zone, settings: s.settings) {
        case .success(let due):
            let o = s.config.zone.offset(at: due)
            b.text(
                "→ \(due.date(utcOffset: o)) \(due.clock(utcOffset: o))", x: preview.x, y: preview.y,
                width: preview.width, role: .slaOk)
        case .failure(.unreadable) where !f.when.isEmpty:
            b.text("→ not a time yet", x: preview.x, y: preview.y, width: preview.width, role: .slaWarn)
        case .failure(.past):
            b.text("→ in the past", x: preview.x, y: preview.y, width: preview.width, role: .slaWarn)
        case .failure(.tooFar):
            b.text("→ too far ahead", x: preview.x, y: preview.y, width: preview.width, role: .slaWarn)
        case .failure:
            break
        }
        b.text("What:", x: r.x, y: r.y + y + 3, width: r.width, role: f.field == .what ? .popupTitle : .popup)
        InputView.draw(f.what, into: &b, x: r.x, y: r.y + y + 4, width: r.width, role: .input)
    }
}

/// Every key, grouped, filterable as you type.
enum HelpView {
    static func entries(_ s: ConsoleState) -> [(String, String)] {
        var out: [(String, String)] = []
        for action in Action.allCases {
            let keys = s.keymap.keys(for: action).map { KeyName.label(of: $0) }.joined(separator: " ")
            out.append((keys.isEmpty ? "(unbound)" : keys, action.label))
        }
        out += [
            ("esc", "clear the filter / close a dialog, nothing saved"),
            ("reject: a reason's key", "reject with that reason (Shift+key: add a note)"),
            ("contact: c e s o m", "channel: call, email, sms, social, meeting; i: inbound"),
            ("contact: c v n r b m", "outcome: connected, voicemail, no-answer, replied, bounced, meeting-booked"),
            ("follow-up: 1 3 w t", "tomorrow, +3 days, +1 week, type a date"),
            ("notes: ctrl-a ctrl-e", "start / end of line"),
            ("notes: ctrl-k ctrl-u ctrl-w", "delete to end / to start / a word"),
            ("ctrl-z", "suspend (fg resumes)"),
        ]
        return out
    }

    static func draw(_ s: ConsoleState, _ b: inout CellBuffer, _ area: Rect, _ filter: LineEditor, _ scroll: Int) {
        let needle = filter.text.lowercased()
        let rows = entries(s).filter {
            needle.isEmpty || $0.0.lowercased().contains(needle) || $0.1.lowercased().contains(needle)
        }
        let r = DialogView.frame(&b, in: area, width: 84, height: area.height - 2, title: "Keys")
        b.put("Filter: ", x: r.x, y: r.y, role: .popup)
        InputView.draw(filter, into: &b, x: r.x + 8, y: r.y, width: r.width - 8, role: .input)
        let list = Rect(x: r.x, y: r.y + 2, width: r.width, height: r.height - 2)
        let start = min(scroll, max(0, rows.count - list.height))
        for (i, row) in rows.dropFirst(start).prefix(list.height).enumerated() {
            b.text(row.0, x: list.x, y: list.y + i, width: 26, role: .key)
            b.text(row.1, x: list.x + 27, y: list.y + i, width: list.width - 27, role: .popup)
        }
        if rows.isEmpty {
            b.text("No key matches '\(filter.text)'", x: list.x, y: list.y, width: list.width, role: .dim)
        }
    }
}
