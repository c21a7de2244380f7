import LeadqText
import LeadqUI

/// The footer (the keys that apply now) and the status line (what just happened). Keys that don't
/// fit are left out whole, least used first; help and quit always show.
enum FooterView {
    /// The keys of the queue page, in the order shown, with how long each stays as the width shrinks.
    static func queueKeys(_ s: ConsoleState) -> [(Action, Int)] {
        var actions: [(Action, Int)] = [
            (.accept, 90), (.reject, 89), (.contact, 88), (.followUp, 87), (.followUpDone, 70), (.clawback, 60),
            (.qualify, 65), (.undo, 80), (.note, 55),
        ]
        if s.config.manager { actions += [(.assign, 85), (.nextScope, 84)] }
        actions += [(.toggleDetail, 75), (.filter, 78), (.agenda, 50), (.cycleOrder, 30), (.stats, 40)]
        actions += [(.help, WholeItem.always), (.quit, WholeItem.always)]
        return actions
    }

    /// The keys that apply now: (key, what, importance).
    static func keys(_ s: ConsoleState) -> [(String, String, Int)] {
        let k = s.keymap
        let a = WholeItem.always
        switch s.mode {
        case .normal where s.page == .stats:
            return [("w", "week/month", 50)] + (s.config.manager ? [("m", "me/team", 40)] : []) + [
                ("r", "refresh", 30), ("esc/S", "back to the queue", a), (k.label(for: .quit), "quit", a),
            ]
        case .normal where s.page == .agenda:
            return [
                ("↑↓", "choose", 50), ("enter", "go to the lead", a), ("esc", "back to the queue", a),
                (k.label(for: .quit), "quit", a),
            ]
        case .normal:
            return queueKeys(s).map { (k.label(for: $0.0), $0.0.short, $0.1) }
        case .filter:
            return [
                ("type", "to filter your queue", 40), ("tab", "every lead", a), ("enter", "keep", 60),
                ("esc", "clear", a), ("↑↓", "move", 30),
            ]
        case .search:
            return [
                ("type", "to search every lead", 40), ("tab", "only your queue", 50), ("enter", "keep", 60),
                ("esc", "back to the queue", a), ("↑↓", "move", 30),
            ]
        default:
            return dialogKeys(s.mode).map { ($0.0, $0.1, a) }
        }
    }

    /// A dialog's keys (all short enough to show whole).
    static func dialogKeys(_ mode: Mode) -> [(String, String)] {
        switch mode {
        case .reasons:
            return [("key", "pick"), ("Shift+key", "pick + note"), ("↑↓ enter", "choose"), ("esc", "cancel")]
        case .reasonNote(_, _, _, let note), .note(_, let note): return noteKeys(note)
        case .contact(_, let f):
            switch f.step {
            case .channel: return [("c e s o m", "channel"), ("i", "inbound"), ("esc", "cancel")]
            case .outcome: return [("c v n r b m", "outcome"), ("backspace", "back"), ("esc", "cancel")]
            case .note: return noteKeys(f.note)
            }
        case .followUp(_, let f):
            return f.typing
                ? [("enter", "save"), ("tab", "when/what"), ("esc", "cancel")]
                : [("1", "tomorrow"), ("3", "+3 days"), ("w", "+1 week"), ("t", "type a time"), ("esc", "cancel")]
        case .confirmQualify(_, let note):
            guard let note else { return [("y", "qualify"), ("tab", "add a note"), ("n/esc", "cancel")] }
            return note.askingDiscard
                ? [("y", "discard the note"), ("any key", "keep it")]
                : [("enter", "qualify"), ("alt-enter", "new line"), ("esc", "cancel")]
        case .confirmReplace: return [("y", "replace it"), ("n/esc", "keep it")]
        case .outcome(_, let f):
            guard let won = f.won else { return [("w", "won"), ("l", "lost"), ("esc", "cancel")] }
            return won
                ? [("enter", "save"), ("esc", "cancel")]
                : [("enter", "save"), ("tab", "why/amount"), ("esc", "cancel")]
        case .help: return [("type", "to filter"), ("↑↓", "scroll"), ("esc", "close")]
        case .themes: return [("↑↓", "choose"), ("enter", "apply"), ("esc", "cancel")]
        case .assign: return [("↑↓", "choose"), ("letter", "jump to a rep"), ("enter", "assign"), ("esc", "cancel")]
        default: return []
        }
    }

    static func noteKeys(_ note: LineEditor) -> [(String, String)] {
        if note.askingDiscard { return [("y", "discard the note"), ("any key", "keep it")] }
        return [("enter", "save"), ("alt-enter", "new line"), ("esc", "cancel"), ("ctrl-a/e/k/u/w", "edit")]
    }

    static func draw(_ s: ConsoleState, into b: inout CellBuffer, footer f: Rect, status st: Rect) {
        b.fill(f, role: .footer)
        if case .filter(let editor) = s.mode {
            let x = b.put("/", x: f.x, y: f.y, role: .footerKey)
            InputView.draw(editor, into: &b, x: x, y: f.y, width: f.width - 1, role: .input)
        } else if case .search(let editor) = s.mode {
            let x = b.put("/ all leads: ", x: f.x, y: f.y, role: .footerKey)
            InputView.draw(editor, into: &b, x: x, y: f.y, width: f.width - x + f.x, role: .input)
        } else {
            let items = keys(s).map { key, what, importance in
                WholeItem([(" \(key)", .footerKey), (" \(what) ", .footer)], importance: importance)
            }
            b.spans(WholeItem.fit(items, width: f.width), x: f.x, y: f.y, width: f.width)
        }
        drawStatus(s, into: &b, st)
    }

    static func drawStatus(_ s: ConsoleState, into b: inout CellBuffer, _ st: Rect) {
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
        } else if let why = s.offline {
            b.text(" " + Connection.offlineText(why), x: st.x, y: st.y, width: st.width, role: .statusError)
        } else if let why = s.readOnly {
            b.text(
                " Read-only: \(why). Nothing can be saved from this session.", x: st.x, y: st.y, width: st.width,
                role: .statusError)
        }
    }
}
