import LeadqUI

/// The mouse: the wheel scrolls the queue (or the detail pane under it), a click selects a row, a
/// double click opens its detail; on the agenda a click selects and a double click jumps.
enum MouseKeys {
    static func mouse(_ s: inout ConsoleState, _ m: Mouse) -> [Effect] {
        switch s.mode {
        case .normal, .filter, .search: break
        default: return []
        }
        switch s.page {
        case .queue: queue(&s, m)
        case .agenda: agenda(&s, m)
        case .stats: break
        }
        return []
    }

    static func queue(_ s: inout ConsoleState, _ m: Mouse) {
        let layout = ScreenLayout(size: s.size, detailOpen: s.detailOpen)
        let cursor = s.cursor ?? 0
        switch m.kind {
        case .wheelUp, .wheelDown:
            let step = m.kind == .wheelUp ? -3 : 3
            if let d = layout.detail, d.contains(x: m.x, y: m.y) {
                s.detailScroll = max(0, min(s.detailScroll + step, DetailView.maxScroll(s)))
            } else {
                Console.move(&s, to: cursor + step)
            }
        case .click, .doubleClick:
            let row = m.y - layout.rows.y
            let left = s.config.manager ? layout.rows.x + TeamView.width : layout.rows.x
            guard row >= 0, row < layout.rows.height, m.x >= left, s.top + row < s.queue.visible.count else { return }
            Console.move(&s, to: s.top + row)
            if m.kind == .doubleClick {
                s.detailOpen = true
                Console.keepCursorVisible(&s)
            }
        }
    }

    static func agenda(_ s: inout ConsoleState, _ m: Mouse) {
        let a = AgendaPage.agenda(s)
        switch m.kind {
        case .wheelUp: s.agendaSelected = max(0, s.agendaSelected - 3)
        case .wheelDown: s.agendaSelected = max(0, min(a.count - 1, s.agendaSelected + 3))
        case .click, .doubleClick:
            guard let i = AgendaView.item(at: m.y, s), (0..<a.count).contains(i) else { return }
            s.agendaSelected = i
            if m.kind == .doubleClick { AgendaPage.jump(&s, to: a[item: i].lead) }
        }
    }
}
