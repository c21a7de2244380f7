import LeadqUI

/// "Won or lost?", then the amount and, for a lost one, why.
enum OutcomeView {
    static func draw(_ b: inout CellBuffer, _ area: Rect, _ t: Target, _ f: OutcomeForm) {
        let title = f.won.map { $0 ? "Won" : "Lost" } ?? "Won or lost?"
        let r = DialogView.frame(&b, in: area, width: 64, height: f.won == false ? 10 : 8, title: title)
        var y = 0
        DialogView.header(&b, r, t, &y)
        guard let won = f.won else {
            b.spans(
                [
                    ("w", .key), (" won   ", .popup), ("l", .key), (" lost   ", .popup), ("esc", .key),
                    (" cancel", .popup),
                ],
                x: r.x, y: r.y + y, width: r.width)
            return
        }
        if !won {
            b.text(
                "Why it was lost (price, competitor, timing…):", x: r.x, y: r.y + y, width: r.width,
                role: f.field == .reason ? .popupTitle : .popup)
            InputView.draw(f.reason, into: &b, x: r.x, y: r.y + y + 1, width: r.width, role: .input)
            y += 3
        }
        b.text(
            "Amount (optional, e.g. 12000.50):", x: r.x, y: r.y + y, width: r.width,
            role: f.field == .amount ? .popupTitle : .popup)
        InputView.draw(f.amount, into: &b, x: r.x, y: r.y + y + 1, width: r.width / 2, role: .input)
        if let problem = f.problem {
            b.text(problem, x: r.x, y: r.maxY - 1, width: r.width, role: .statusWarn)
        }
    }
}
