import LeadqDomain
import LeadqFormat
import LeadqText
import LeadqUI

/// The detail pane: the selected lead's handoff context, scrollable.
enum DetailView {
    static func lines(_ s: ConsoleState, width: Int) -> [(String, Role)] {
        guard let lead = s.selectedLead else { return [("No lead selected.", .dim)] }
        let status = SLA.status(lead, now: s.now, settings: s.settings, utcOffset: s.config.utcOffset)
        var out: [(String, Role)] = []
        for section in Handoff.sections(lead, status, settings: s.settings, now: s.now, utcOffset: s.config.utcOffset) {
            if !out.isEmpty { out.append(("", .normal)) }
            out.append((section.title, .title))
            for line in section.lines {
                let role: Role = line.undone ? .muted : line.text.hasPrefix("DO NOT CONTACT") ? .dnc : line.urgency.role
                // Wrapping drops leading spaces; a line's own indent (right-aligned score points) is kept.
                let text = Inert.line(line.text)
                let indent = String(text.prefix { $0 == " " })
                let body = String(text.dropFirst(indent.count))
                for (k, piece) in Layout.wrap(body, width: max(1, width - 2 - indent.count)).enumerated() {
                    out.append(((k == 0 ? "  " : "    ") + indent + piece, role))
                }
            }
        }
        return out
    }

    /// How far the pane scrolls before its last line is at the bottom (the reducer stops there).
    static func maxScroll(_ s: ConsoleState) -> Int {
        guard let d = ScreenLayout(size: s.size, detailOpen: s.detailOpen).detail else { return 0 }
        let inner = d.inset(dx: 1, dy: 1)
        guard !inner.isEmpty else { return 0 }
        return max(0, lines(s, width: inner.width).count - inner.height)
    }

    static func draw(_ s: ConsoleState, into b: inout CellBuffer, _ r: Rect) {
        b.fill(r, role: .normal)
        let title = s.selectedEntry.map { "\($0.lead.id) · \($0.lead.profile.name)" } ?? "Detail"
        b.box(r, role: .border, title: Inert.line(title), titleRole: .title)
        let inner = r.inset(dx: 1, dy: 1)
        guard !inner.isEmpty else { return }
        let all = lines(s, width: inner.width)
        let maxScroll = max(0, all.count - inner.height)
        let scroll = min(s.detailScroll, maxScroll)
        for (i, line) in all.dropFirst(scroll).prefix(inner.height).enumerated() {
            b.text(line.0, x: inner.x, y: inner.y + i, width: inner.width, role: line.1)
        }
        if maxScroll > 0 {
            let more = scroll < maxScroll ? "J/K scroll ↓" : "K scroll ↑"
            b.put(" \(more) ", x: r.maxX - Width.of(more) - 4, y: r.maxY - 1, role: .dim)
        }
    }
}
