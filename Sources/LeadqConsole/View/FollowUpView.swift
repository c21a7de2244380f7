import LeadqDomain
import LeadqFormat
import LeadqUI

/// The follow-up dialog: quick choices, or a typed time shown resolved as it is typed, and what to do.
enum FollowUpView {
    static func draw(_ s: ConsoleState, _ b: inout CellBuffer, _ area: Rect, _ t: Target, _ f: FollowUpForm) {
        let r = DialogView.frame(&b, in: area, width: 76, height: 10, title: "Schedule a follow-up")
        var y = 0
        DialogView.header(&b, r, t, &y)
        let current = s.queue[t.id]?.lead.work.nextFollowUp
        if let current {
            b.text(
                "Moves the open one (\(When.text(current.due, now: s.now, zone: s.config.zone))): \(current.what)",
                x: r.x, y: r.y + 1, width: r.width, role: .dim)
        }
        if !f.typing {
            var parts: [(String, Role)] = []
            for q in FollowUpForm.quick {
                parts.append((" [\(q.key)]", .key))
                parts.append((" \(q.label) ", .popup))
            }
            parts.append((" [t]", .key))
            parts.append((" type a time", .popup))
            b.spans(parts, x: r.x, y: r.y + y, width: r.width)
            return
        }
        let order = s.config.dayMonthOrder == .dayMonth ? "3/12 = 3 Dec" : "3/12 = Mar 12"
        b.text(
            "When (tmrw 14:00, fri, next tue, in 2 days, \(order)):", x: r.x, y: r.y + y, width: r.width,
            role: f.field == .when ? .popupTitle : .popup)
        InputView.draw(f.when, into: &b, x: r.x, y: r.y + y + 1, width: r.width / 2 - 2, role: .input)
        preview(s, &b, f, x: r.x + r.width / 2 - 1, y: r.y + y + 1, width: r.width - r.width / 2 + 1)
        b.text("What:", x: r.x, y: r.y + y + 3, width: r.width, role: f.field == .what ? .popupTitle : .popup)
        InputView.draw(f.what, into: &b, x: r.x, y: r.y + y + 4, width: r.width, role: .input)
        if f.what.isEmpty {
            // What an empty "what" saves as: the open follow-up's purpose, else "Follow up".
            b.text(current?.what ?? "Follow up", x: r.x + 1, y: r.y + y + 4, width: r.width - 1, role: .dim)
        }
    }

    /// The typed time as it will be saved, in the rep's zone, or why it can't be.
    static func preview(_ s: ConsoleState, _ b: inout CellBuffer, _ f: FollowUpForm, x: Int, y: Int, width: Int) {
        let read = DueDate.read(
            f.when.text, now: s.now, zone: s.config.zone, settings: s.settings, order: s.config.dayMonthOrder,
            calendar: s.settings.calendar(in: s.config.zone))
        switch read {
        case .success(let due):
            b.text("→ \(When.preview(due, now: s.now, zone: s.config.zone))", x: x, y: y, width: width, role: .slaOk)
        case .failure(.unreadable) where !f.when.isEmpty:
            b.text("→ not a time yet", x: x, y: y, width: width, role: .slaWarn)
        case .failure(.past):
            b.text("→ in the past", x: x, y: y, width: width, role: .slaWarn)
        case .failure(.tooFar):
            b.text("→ too far ahead", x: x, y: y, width: width, role: .slaWarn)
        case .failure:
            break
        }
    }
}
