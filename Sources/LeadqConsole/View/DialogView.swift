import LeadqDomain
import LeadqFormat
import LeadqText
import LeadqUI

/// The modal dialogs, drawn over the queue. Each is as wide as its text needs, up to the screen.
enum DialogView {
    static func frame(_ b: inout CellBuffer, in area: Rect, width: Int, height: Int, title: String) -> Rect {
        let r = area.centered(width: min(width, area.width), height: min(height, area.height))
        b.fill(r, role: .popup)
        b.box(r, role: .popupBorder, title: Inert.line(title), titleRole: .popupTitle)
        return r.inset(dx: 2, dy: 1)
    }

    /// A frame wide enough for the widest of `lines` (plus the border and margins).
    static func frame(
        _ b: inout CellBuffer, in area: Rect, fitting lines: [String], atLeast: Int, height: Int, title: String
    ) -> Rect {
        let widest = lines.map { Width.of(Inert.line($0)) }.max() ?? 0
        return frame(&b, in: area, width: max(atLeast, widest + 4), height: height, title: title)
    }

    static func draw(_ s: ConsoleState, into b: inout CellBuffer, _ area: Rect) {
        switch s.mode {
        case .reasons(let purpose, let t, let selected): reasons(s, &b, area, purpose, t, selected)
        case .reasonNote(let purpose, let t, let code, let note):
            let required = s.settings.reason(code)?.noteRequired == true
            NoteDialogView.draw(
                &b, area, title: "\(purpose.title): \(code)", t,
                label: required ? "Note (required):" : "Note (optional):",
                note: note)
        case .note(let t, let note):
            NoteDialogView.draw(
                &b, area, title: "Note", t, label: "Note (what you learned, for whoever comes next):", note: note)
        case .contact(let t, let form): ContactView.draw(s, &b, area, t, form)
        case .followUp(let t, let form): FollowUpView.draw(s, &b, area, t, form)
        case .confirmQualify(let t, let note): NoteDialogView.qualify(&b, area, t, note)
        case .outcome(let t, let form): OutcomeView.draw(&b, area, t, form)
        case .confirmReplace(let t, let due, let what): confirmReplace(s, &b, area, t, due: due, what: what)
        case .themes(let selected): themes(s, &b, area, selected)
        case .help(let filter, let scroll): HelpView.draw(s, &b, area, filter, scroll)
        case .assign(let t, let selected): assign(s, &b, area, t, selected)
        default: break
        }
    }

    static func header(_ b: inout CellBuffer, _ r: Rect, _ t: Target, _ line: inout Int) {
        b.text("\(t.id) · \(t.name)", x: r.x, y: r.y + line, width: r.width, role: .popupTitle)
        line += 2
    }

    /// "Replace the follow-up?": whose it is and what it was for, against the new one.
    static func confirmReplace(
        _ s: ConsoleState, _ b: inout CellBuffer, _ area: Rect, _ t: Target, due: Instant, what: String
    ) {
        let r = frame(&b, in: area, width: 70, height: 6, title: "Replace the follow-up?")
        let open = s.queue[t.id]?.lead.work.nextFollowUp
        b.text(
            "\(t.id) has \(open?.createdBy ?? "a rep")'s follow-up '\(open?.what ?? "")'", x: r.x, y: r.y,
            width: r.width, role: .popup)
        b.text(
            // An empty "what" keeps the old text: say so rather than show ''.
            "Replace it with '\(what.isEmpty ? open?.what ?? "" : what)' due \(When.text(due, now: s.now, zone: s.config.zone))?",
            x: r.x, y: r.y + 1, width: r.width, role: .popup)
        b.spans(
            [("y", .key), (" replace    ", .popup), ("n", .key), (" / ", .popup), ("esc", .key), (" keep it", .popup)],
            x: r.x, y: r.y + 3, width: r.width)
    }

    static func themes(_ s: ConsoleState, _ b: inout CellBuffer, _ area: Rect, _ selected: Int) {
        let names = s.config.themeNames
        let note =
            s.colorOff ? ["Colours are off (NO_COLOR or --no-color):", "a theme's bold and underline show."] : []
        let r = frame(&b, in: area, fitting: note, atLeast: 40, height: names.count + 4 + note.count, title: "Theme")
        for (i, n) in names.enumerated() where i < r.height - 1 {
            // With colours off no theme is shown as it is meant: none is "current".
            let current = n == s.theme && !s.colorOff ? " (current)" : ""
            b.text(
                (i == selected ? "▶ " : "  ") + n + current, x: r.x, y: r.y + i, width: r.width,
                role: i == selected ? .popupSelected : .popup)
        }
        for (i, line) in note.enumerated() {
            b.text(line, x: r.x, y: r.y + names.count + 1 + i, width: r.width, role: .dim)
        }
    }

    static func assign(_ s: ConsoleState, _ b: inout CellBuffer, _ area: Rect, _ t: Target, _ selected: Int) {
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
}
