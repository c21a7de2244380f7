import LeadqText
import LeadqUI

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
            ("follow-up: 1 3 w t", "tomorrow, +3 days, +1 week, type a time"),
            ("follow-up times", "tmrw 14:00, fri, next tue 10:00, in 2 days, +3d, 3/12 10:00, 2026-12-01 09:00"),
            ("/ then tab", "search every lead of the store: name, company, email, phone, L-id, CRM id"),
            ("notes: alt-enter", "a new line; enter saves; esc on a typed note asks first"),
            ("notes: ctrl-a ctrl-e", "start / end of line"),
            ("notes: ctrl-k ctrl-u ctrl-w", "delete to end / to start / a word"),
            ("mouse", "wheel scrolls, click selects, double click opens the detail (console.mouse)"),
            ("ctrl-z", "suspend (fg resumes)"),
        ]
        return out
    }

    static func draw(_ s: ConsoleState, _ b: inout CellBuffer, _ area: Rect, _ filter: LineEditor, _ scroll: Int) {
        let needle = filter.text.lowercased()
        let rows = entries(s).filter {
            needle.isEmpty || $0.0.lowercased().contains(needle) || $0.1.lowercased().contains(needle)
        }
        // As wide as the longest line needs (within the screen), so no description is cut with room to spare.
        let keyWidth = min(30, (rows.map { Width.of($0.0) }.max() ?? 10) + 1)
        let widest = rows.map { keyWidth + 1 + Width.of($0.1) }.max() ?? 60
        let r = DialogView.frame(&b, in: area, width: max(84, widest + 4), height: area.height - 2, title: "Keys")
        b.put("Filter: ", x: r.x, y: r.y, role: .popup)
        InputView.draw(filter, into: &b, x: r.x + 8, y: r.y, width: r.width - 8, role: .input)
        let list = Rect(x: r.x, y: r.y + 2, width: r.width, height: r.height - 2)
        let start = min(scroll, max(0, rows.count - list.height))
        for (i, row) in rows.dropFirst(start).prefix(list.height).enumerated() {
            b.text(row.0, x: list.x, y: list.y + i, width: keyWidth, role: .key)
            b.text(row.1, x: list.x + keyWidth + 1, y: list.y + i, width: list.width - keyWidth - 1, role: .popup)
        }
        if rows.isEmpty {
            b.text("No key matches '\(filter.text)'", x: list.x, y: list.y, width: list.width, role: .dim)
        }
    }
}
