import LeadqText
import LeadqUI

/// The footer (the keys that apply now) and the status line (what just happened).
enum FooterView {
    static func keys(_ s: ConsoleState) -> [(String, String)] {
        let k = s.keymap
        switch s.mode {
        case .normal where s.page == .stats:
            return [("w", "week/month")] + (s.config.manager ? [("m", "me/team")] : []) + [
                ("r", "refresh"), ("esc/S", "back to the queue"), ("q", "quit"),
            ]
        case .normal:
            var actions: [Action] = [.accept, .reject, .contact, .followUp, .followUpDone, .clawback, .qualify, .undo]
            if s.config.manager { actions += [.assign, .nextScope] }
            actions += [.toggleDetail, .filter, .cycleOrder, .stats, .help, .quit]
            return actions.map { (k.label(for: $0), $0.short) }
        case .filter: return [("type", "to filter"), ("enter", "keep"), ("esc", "clear"), ("↑↓", "move")]
        case .reasons:
            return [
                ("key", "pick"), ("Shift+key", "pick + note"), ("↑↓ enter", "choose"), ("tab", "choose + note"),
                ("esc", "cancel"),
            ]
        case .reasonNote: return [("enter", "save"), ("esc", "cancel"), ("ctrl-a/e/k/u/w", "edit")]
        case .contact(_, let f):
            switch f.step {
            case .channel: return [("c e s o m", "channel"), ("i", "inbound"), ("esc", "cancel")]
            case .outcome: return [("c v n r b m", "outcome"), ("backspace", "back"), ("esc", "cancel")]
            case .note: return [("enter", "save"), ("type", "a note (optional)"), ("esc", "cancel")]
            }
        case .followUp(_, let f):
            return f.typing
                ? [("enter", "save"), ("tab", "when/what"), ("esc", "cancel")]
                : [("1", "tomorrow"), ("3", "+3 days"), ("w", "+1 week"), ("t", "type a date"), ("esc", "cancel")]
        case .confirmQualify: return [("y", "qualify"), ("n/esc", "cancel")]
        case .confirmReplace: return [("y", "replace it"), ("n/esc", "keep it")]
        case .help: return [("type", "to filter"), ("↑↓", "scroll"), ("esc", "close")]
        case .themes: return [("↑↓", "choose"), ("enter", "apply"), ("esc", "cancel")]
        case .assign: return [("↑↓", "choose"), ("letter", "jump to a rep"), ("enter", "assign"), ("esc", "cancel")]
        }
    }

    static func draw(_ s: ConsoleState, into b: inout CellBuffer, footer f: Rect, status st: Rect) {
        b.fill(f, role: .footer)
        if case .filter(let editor) = s.mode {
            let x = b.put("/", x: f.x, y: f.y, role: .footerKey)
            InputView.draw(editor, into: &b, x: x, y: f.y, width: f.width - 1, role: .input)
        } else {
            var parts: [(String, Role)] = []
            for (key, what) in keys(s) {
                parts.append((" \(key)", .footerKey))
                parts.append((" \(what) ", .footer))
            }
            b.spans(parts, x: f.x, y: f.y, width: f.width)
        }
        b.fill(st, role: .status)
        if let status = s.status {
            let role: Role
            switch status.kind {
            case .info: role = .status
            case .ok: role = .statusOk
            case .warn: role = .statusWarn
            case .error: role = .statusError
            case .hot: role = .highlightNew
            }
            b.text(" " + status.text, x: st.x, y: st.y, width: st.width, role: role)
        } else if let why = s.readOnly {
            b.text(
                " Read-only: \(why). Nothing can be saved from this session.", x: st.x, y: st.y, width: st.width,
                role: .statusError)
        }
    }
}

/// A one-line input field: the text, scrolled so the cursor shows, with the cursor drawn as a cell.
enum InputView {
    static func draw(_ e: LineEditor, into b: inout CellBuffer, x: Int, y: Int, width: Int, role: Role) {
        guard width > 1 else { return }
        let chars = e.chars.map { Inert.line(String($0)) }
        var start = 0
        func widthOf(_ from: Int, _ to: Int) -> Int { chars[from..<to].reduce(0) { $0 + Width.of($1) } }
        while start < e.cursor && widthOf(start, e.cursor) > width - 1 { start += 1 }
        b.fill(Rect(x: x, y: y, width: width, height: 1), role: role)
        var col = x
        for i in start..<chars.count {
            let w = Width.of(chars[i])
            if col + w > x + width { break }
            b.put(chars[i], x: col, y: y, role: i == e.cursor ? .inputCursor : role)
            col += w
        }
        if e.cursor == chars.count && col < x + width { b.put(" ", x: col, y: y, role: .inputCursor) }
    }
}
