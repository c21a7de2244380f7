import LeadqText
import LeadqUI

/// Draws the whole console from its state: a pure function, tested on an in-memory screen.
public enum ConsoleView {
    public static func render(_ s: ConsoleState, boxStyle: BoxStyle = .unicode) -> CellBuffer {
        var b = CellBuffer(size: s.size, role: .normal, boxStyle: boxStyle)
        let layout = ScreenLayout(size: s.size, detailOpen: s.detailOpen)
        if layout.tooSmall {
            tooSmall(s, &b)
            return b
        }
        HeaderView.draw(s, into: &b, layout.header)
        if s.page == .stats {
            StatsView.draw(
                s, into: &b, Rect(x: 0, y: 1, width: s.size.width, height: s.size.height - 3), boxStyle: boxStyle)
        } else if s.page == .agenda {
            AgendaView.draw(s, into: &b, AgendaView.body(s))
        } else {
            var columns = layout.columns
            var rows = layout.rows
            if s.config.manager {
                let side = Rect(x: columns.x, y: columns.y, width: TeamView.width, height: columns.height + rows.height)
                TeamView.draw(s, into: &b, side)
                columns = columns.splitLeft(TeamView.width).1
                rows = rows.splitLeft(TeamView.width).1
            }
            QueueView.draw(s, into: &b, columns: columns, rows: rows)
            if let d = layout.detail { DetailView.draw(s, into: &b, d) }
        }
        FooterView.draw(s, into: &b, footer: layout.footer, status: layout.status)
        let body = Rect(x: 0, y: 1, width: s.size.width, height: s.size.height - 3)
        DialogView.draw(s, into: &b, body)
        return b
    }

    static func tooSmall(_ s: ConsoleState, _ b: inout CellBuffer) {
        let lines = [
            "Enlarge the terminal:", "leadq needs \(ScreenLayout.minWidth)×\(ScreenLayout.minHeight),",
            "this one is \(s.size.width)×\(s.size.height).", "q quits.",
        ]
        let top = max(0, (s.size.height - lines.count) / 2)
        for (i, l) in lines.enumerated() where top + i < s.size.height {
            let w = min(s.size.width, Width.of(l))
            b.text(l, x: max(0, (s.size.width - w) / 2), y: top + i, width: w, role: i == 0 ? .statusWarn : .normal)
        }
    }
}
