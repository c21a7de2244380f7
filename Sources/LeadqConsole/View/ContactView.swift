import LeadqDomain
import LeadqUI

/// The contact dialog: who to call or write to (phone and email, or do-not-contact), then the
/// channel, the outcome and a note.
enum ContactView {
    static func draw(_ s: ConsoleState, _ b: inout CellBuffer, _ area: Rect, _ t: Target, _ f: ContactForm) {
        let outcomes = ContactForm.outcomeKeys.map { " [\($0.0)]\($0.1.rawValue)" }.joined()
        let r = DialogView.frame(
            &b, in: area, fitting: ["Outcome:" + outcomes], atLeast: 84, height: f.step == .note ? 15 : 11,
            title: "Log a contact")
        var y = 0
        DialogView.header(&b, r, t, &y)
        if let p = s.queue[t.id]?.lead.profile {
            let reach = [p.phone.isEmpty ? "no phone" : "phone \(p.phone)", p.email.isEmpty ? "no email" : p.email]
            b.text(reach.joined(separator: " · "), x: r.x, y: r.y + 1, width: r.width, role: .popupTitle)
            if p.noContact {
                b.text(
                    "DO NOT CONTACT (no consent): only a contact they started (inbound) can be logged", x: r.x,
                    y: r.y + y, width: r.width, role: .dnc)
                y += 1
            } else if p.emailOptOut || p.doNotCall {
                let blocked = [p.emailOptOut ? "email" : nil, p.doNotCall ? "call, sms" : nil].compactMap { $0 }
                b.text(
                    "No consent for \(blocked.joined(separator: ", ")): only inbound on those", x: r.x, y: r.y + y,
                    width: r.width, role: .dnc)
                y += 1
            }
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
        b.text("Note (optional):", x: r.x, y: r.y + y, width: r.width, role: f.step == .note ? .popupTitle : .dim)
        y += 1
        guard f.step == .note else { return }
        NoteView.draw(
            f.note, into: &b, Rect(x: r.x, y: r.y + y, width: r.width, height: r.maxY - 1 - (r.y + y)), role: .input)
        NoteDialogView.footer(&b, r, f.note)
    }
}
