import LeadqText
import LeadqUI

/// Dialogs around a typed note: a reason's note, a note on the lead, qualifying with a note. The
/// note field takes several lines; Esc on a typed note asks before it is thrown away.
enum NoteDialogView {
    static func draw(
        _ b: inout CellBuffer, _ area: Rect, title: String, _ t: Target, label: String, note: LineEditor
    ) {
        let r = DialogView.frame(&b, in: area, width: 76, height: 12, title: title)
        var y = 0
        DialogView.header(&b, r, t, &y)
        b.text(label, x: r.x, y: r.y + y, width: r.width, role: .popup)
        NoteView.draw(
            note, into: &b, Rect(x: r.x, y: r.y + y + 1, width: r.width, height: r.height - y - 3), role: .input)
        footer(&b, r, note)
    }

    /// The bottom line: how to save, or the question before throwing a typed note away.
    static func footer(_ b: inout CellBuffer, _ r: Rect, _ note: LineEditor) {
        if note.askingDiscard {
            b.text(
                "Discard this note? y discards · any other key keeps it", x: r.x, y: r.maxY - 1, width: r.width,
                role: .statusWarn)
        } else {
            b.text("Enter saves · Alt+Enter new line · Esc cancels", x: r.x, y: r.maxY - 1, width: r.width, role: .dim)
        }
    }

    static func qualify(_ b: inout CellBuffer, _ area: Rect, _ t: Target, _ note: LineEditor?) {
        let question = "Qualify \(t.id) (\(t.name)) as an SQL?"
        let why = "An opportunity opens in the CRM; the lead leaves your queue."
        let height = note == nil ? 6 : 11
        let r = DialogView.frame(&b, in: area, fitting: [question, why], atLeast: 64, height: height, title: "Qualify")
        b.text(question, x: r.x, y: r.y, width: r.width, role: .popup)
        b.text(why, x: r.x, y: r.y + 1, width: r.width, role: .dim)
        guard let note else {
            b.spans(
                [
                    ("y", .key), (" qualify   ", .popup), ("tab", .key), (" add a note   ", .popup), ("n", .key),
                    (" / ", .popup), ("esc", .key), (" cancel", .popup),
                ], x: r.x, y: r.y + 3, width: r.width)
            return
        }
        b.text("Why it qualifies (for the CRM):", x: r.x, y: r.y + 3, width: r.width, role: .popup)
        NoteView.draw(note, into: &b, Rect(x: r.x, y: r.y + 4, width: r.width, height: r.height - 6), role: .input)
        footer(&b, r, note)
    }
}
