import LeadqDomain

/// The parts of the handoff context issue 14 added: consent by channel, the opportunity after
/// qualified, and the history a merge brought in.
extension Handoff {
    /// Do-not-contact, or the channels a lead opted out of, with where and when that was recorded.
    static func consentLines(_ p: Profile, utcOffset: Int64) -> [Line] {
        guard let summary = Consent.summary(p, utcOffset: utcOffset) else { return [] }
        if p.noContact { return [Line("DO NOT CONTACT: no consent for outreach · \(summary)", .breach)] }
        let open = Consent.allowed(p).map(\.rawValue).joined(separator: ", ")
        return [Line("Consent: \(summary); outreach only by \(open)", .warn)]
    }

    /// The opportunity of a qualified lead, a merge's pointer, the leads merged into this one.
    static func afterQualified(_ lead: Lead, _ when: (Instant) -> String) -> [Line] {
        let w = lead.work
        var out: [Line] = []
        switch lead.stage {
        case .qualified: out.append(Line("Opportunity open since \(w.qualifiedAt.map(when) ?? "?"): won or lost?"))
        case .won, .lost:
            let amount = w.amount.map { ", \(Money.text($0))" } ?? ""
            let why = lead.stage == .lost ? " (\(w.reason))" : ""
            out.append(
                Line(
                    "Opportunity \(lead.stage.rawValue)\(why)\(amount) \(w.outcomeAt.map(when) ?? "?")",
                    lead.stage == .won ? .ok : .none))
        case .merged: out.append(Line("Merged into \(w.mergedInto ?? "?") (a duplicate): its work lives on there"))
        default: break
        }
        if !w.absorbed.isEmpty {
            out.append(
                Line("Took in the duplicate\(w.absorbed.count == 1 ? "" : "s") \(w.absorbed.joined(separator: ", "))"))
        }
        return out
    }

    /// The entries a merge brought in, under the merge's own line.
    static func absorbedLines(_ e: Entry, _ when: (Instant) -> String, undone: Bool) -> [Line] {
        guard case .absorb(let from, let entries) = e.op else { return [] }
        return entries.reversed().map { x in
            Line("    \(from) \(when(x.at))  #\(x.seq) \(x.by): \(Describe.op(x.op, time: when))", undone: undone)
        }
    }
}
