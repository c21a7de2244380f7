import LeadqDemo
import LeadqDomain
import LeadqFormat
import LeadqTestSupport
import Testing

/// The queue's SLA cell finds the first touch's window (a playbook match) only when its colour
/// needs it: the cells of a demo queue say what the plain rule says.
@Suite struct QueueCellsTests {
    /// The cell as the rule reads: the nearest running clock (the first touch on a tie), its
    /// window known up front.
    static func plainSLA(_ lead: Lead, _ status: LeadStatus, _ settings: Settings) -> CellText {
        var clocks: [(String, SLAState, Int64)] = []
        if let ft = status.firstTouch, ft.running {
            clocks.append(("touch", ft, FirstTouch.limit(lead.profile, settings)))
        }
        if let d = status.decision, d.running { clocks.append(("decide", d, settings.decisionSLA)) }
        guard let (kind, clock, window) = clocks.min(by: { $0.1.deadline < $1.1.deadline }) else {
            let late = status.firstTouch?.breached == true || status.decision?.breached == true
            return late ? CellText("met late", .warn) : CellText("—", .none)
        }
        if clock.breached { return CellText("\(kind) late \(Span.compact(-clock.remaining))", .breach) }
        if clock.remaining <= 0 { return CellText("\(kind) now", .warn) }
        return CellText("\(kind) \(Span.compact(clock.remaining))", clock.remaining * 4 < window ? .warn : .ok)
    }

    @Test func theSLACellOfEveryQueueRowIsThePlainRules() {
        let now = Instant(iso8601: "2026-11-23T10:00:00Z")!
        let (settings, leads) = DemoStore(leads: 3000, seed: 42, now: now).generate()
        var seen = Set<String>()
        for later in [0, 3, 26, 75] as [Int64] {
            let at = now + later * Span.hour
            for row in Queue.rows(for: nil, from: leads, now: at, settings: settings) {
                let cell = Cells.sla(row.lead, row.status, settings)
                #expect(cell == Self.plainSLA(row.lead, row.status, settings), "\(row.lead.id) at +\(later)h")
                seen.insert("\(cell.text.split(separator: " ").first ?? "") \(cell.urgency)")
            }
        }
        // Every kind of cell was compared: both clocks, on time, near and late, met late, none.
        for kind in ["touch ok", "touch warn", "touch breach", "decide ok", "decide breach", "— none"] {
            #expect(seen.contains(kind), "\(kind) in \(seen.sorted())")
        }
    }
}
