import LeadqDomain

/// The handoff context of domain.md, as titled sections of lines: who the lead is, why it is a lead,
/// why it has its score, what to do next, flags, owner and clocks, contacts, follow-ups, history.
public struct Section: Equatable, Sendable {
    public var title: String
    public var lines: [Line]
    public init(_ title: String, _ lines: [Line]) { (self.title, self.lines) = (title, lines) }
}

public struct Line: Equatable, Sendable {
    public var text: String
    public var urgency: Urgency
    /// Struck through: an entry taken back by undo.
    public var undone: Bool
    public init(_ text: String, _ urgency: Urgency = .none, undone: Bool = false) {
        (self.text, self.urgency, self.undone) = (text, urgency, undone)
    }
}

public enum Handoff {
    public static func sections(_ lead: Lead, _ status: LeadStatus, settings: Settings, now: Instant, utcOffset: Int64)
        -> [Section]
    {
        let sheet = Sheet(lead: lead, status: status, settings: settings, now: now, utcOffset: utcOffset)
        let notes = notesSection(lead, sheet.when)
        return [
            sheet.who(), sheet.why(), sheet.score(), sheet.next(), sheet.flags(), sheet.owner(), sheet.contacts(),
            notes.isEmpty ? nil : Section("Notes", notes), sheet.followUps(), sheet.history(), sheet.otherFields(),
        ].compactMap { $0 }
    }

    /// One lead's handoff, a section a method, in the order `sections` shows them.
    struct Sheet {
        let lead: Lead
        let status: LeadStatus
        let settings: Settings
        let now: Instant
        let utcOffset: Int64
        var p: Profile { lead.profile }

        func when(_ t: Instant) -> String { t.human(now: now, utcOffset: utcOffset) }

        func who() -> Section {
            var who: [Line] = []
            let role = [p.title, p.company].filter { !$0.isEmpty }.joined(separator: " · ")
            who.append(Line("\(p.name.isEmpty ? "(no name)" : p.name)\(role.isEmpty ? "" : " — " + role)"))
            let reach = [p.email, p.phone].filter { !$0.isEmpty }.joined(separator: " · ")
            who.append(Line(reach.isEmpty ? "no email, no phone" : reach, reach.isEmpty ? .breach : .none))
            var place = [p.country, p.region].filter { !$0.isEmpty }
            if !p.industry.isEmpty { place.append(p.industry) }
            if let n = p.companySize { place.append("\(n) employees") }
            if !place.isEmpty { who.append(Line(place.joined(separator: " · "))) }
            who.append(
                Line(
                    "\(lead.id)" + (p.originKey.isEmpty ? "" : " · from \(p.origin) \(p.originId)")
                        + " · created \(when(p.createdAt))"))
            return Section("Lead", who)
        }

        func why() -> Section {
            var why: [Line] = []
            why.append(
                Line(
                    "Source: \(p.source.isEmpty ? "unknown" : p.source)" + (p.trigger.isEmpty ? "" : " — \(p.trigger)"))
            )
            if !p.content.isEmpty { why.append(Line("Content: " + p.content.joined(separator: ", "))) }
            if !p.signals.isEmpty {
                why.append(Line("Signals: " + p.signals.map { "\($0.name) ×\($0.count)" }.joined(separator: ", ")))
            }
            return Section("Why it is a lead", why)
        }

        func score() -> Section {
            let band = settings.isHot(p.score) ? "hot" : p.score < settings.nurtureBelowScore ? "cold" : "warm"
            // Points right-aligned in one column, so the labels line up.
            let points = p.scoreParts.map { ($0.points >= 0 ? "+" : "") + String($0.points) }
            let pointsWidth = points.map(\.count).max() ?? 0
            var score = zip(points, p.scoreParts).map { pts, part in
                Line(String(repeating: " ", count: pointsWidth - pts.count) + pts + "  " + part.label)
            }
            if score.isEmpty { score = [Line("no parts recorded")] }
            return Section("Score \(p.score) (\(band))", score)
        }

        func next() -> Section {
            let urgent = status.anyBreach || status.followUpOverdue || status.clawbackDue
            return Section("Next", [Line(status.nextAction, urgent ? .breach : .none)])
        }

        func flags() -> Section? {
            var flags = Handoff.consentLines(p, utcOffset: utcOffset)
            for f in DataQuality.flags(p) { flags.append(Line(Handoff.flagText(f), .warn)) }
            if status.clawbackDue { flags.append(Line("Clawback due: idle \(status.idle / Span.day) days", .breach)) }
            if status.clawbackSoon, let at = status.clawbackAt {
                flags.append(
                    Line(
                        "Clawback due soon: idle \(status.idle / Span.day) days; the policy takes it \(when(at)) unless it is worked",
                        .warn))
            }
            return flags.isEmpty ? nil : Section("Flags", flags)
        }

        func owner() -> Section {
            var owner: [Line] = []
            let w = lead.work
            owner.append(Line("Stage: \(lead.stage.rawValue)" + (lead.owner.map { " · owner \($0)" } ?? "")))
            if let a = w.assignedAt {
                owner.append(
                    Line("Assigned \(when(a)) by \(w.assignedBy ?? "?")" + (w.rule.map { " (rule \($0))" } ?? "")))
            }
            if let wait = status.poolWait, let since = w.pooledAt {
                owner.append(
                    Line("Waiting in the pool \(Span.human(wait)) (since \(when(since)))", status.hot ? .warn : .none))
            }
            if let d = status.decision {
                owner.append(Handoff.clockLine("Decision", d, now: now, utcOffset: utcOffset))
            }
            if let ft = status.firstTouch {
                owner.append(Handoff.clockLine("First touch", ft, now: now, utcOffset: utcOffset))
            }
            if let c = w.closedAt {
                // A lead routed to nurture has no reason code: the routing rule is the reason.
                let why =
                    !w.reason.isEmpty
                    ? ": \(w.reason)" : lead.stage == .nurture ? w.rule.map { " (rule \($0))" } ?? "" : ""
                owner.append(
                    Line("Closed \(when(c)) by \(w.closedBy ?? "?")" + why + (w.note.isEmpty ? "" : " — \(w.note)")))
            }
            owner += Handoff.afterQualified(lead, when)
            return Section("Owner and clocks", owner)
        }

        func contacts() -> Section {
            let contacts = lead.work.contacts.reversed().map { c in
                Line(
                    "\(when(c.at))  \(c.contact.direction == .inbound ? "in " : "")\(c.contact.channel.rawValue) \(c.contact.outcome.rawValue) · \(c.by)"
                        + (c.contact.note.isEmpty ? "" : " — \(c.contact.note)"),
                    c.contact.outcome.reached ? .ok : .none)
            }
            return Section(
                "Contacts (\(status.attempts)/\(settings.recommendedAttempts) attempts)",
                contacts.isEmpty ? [Line("none yet")] : Array(contacts))
        }

        func followUps() -> Section {
            let fus = lead.work.followUps.reversed().map { f -> Line in
                let state: String
                switch f.status {
                case .open: state = f.due < now ? "OVERDUE" : "open"
                default: state = f.status.rawValue
                }
                return Line(
                    "\(when(f.due))  \(state) · \(f.what)"
                        + (f.automatic ? " (cadence\(f.channel.map { ", \($0.rawValue)" } ?? ""))" : ""),
                    f.status == .open && f.due < now ? .breach : .none)
            }
            return Section("Follow-ups", fus.isEmpty ? [Line("none")] : Array(fus))
        }

        func history() -> Section {
            let undone = lead.undoneSeqs
            let history = lead.history.reversed().flatMap { e in
                [
                    Line(
                        "\(when(e.at))  #\(e.seq) \(e.by): \(Describe.op(e.op, time: when))"
                            + (undone.contains(e.seq) ? " (undone)" : ""),
                        undone: undone.contains(e.seq))
                ] + Handoff.absorbedLines(e, when, undone: undone.contains(e.seq))
            }
            return Section("History", history)
        }

        func otherFields() -> Section? {
            p.extra.isEmpty ? nil : Section("Other fields", p.extra.map { Line("\($0.key): \($0.value)") })
        }
    }

    /// Every note, newest first: who and when, then its lines.
    static func notesSection(_ lead: Lead, _ when: (Instant) -> String) -> [Line] {
        let undone = lead.undoneSeqs
        var lines: [Line] = []
        for e in lead.history.reversed() {
            guard case .note(let text) = e.op else { continue }
            let gone = undone.contains(e.seq)
            lines.append(Line("\(when(e.at)) · \(e.by)" + (gone ? " (undone)" : ""), .none, undone: gone))
            for part in text.split(separator: "\n", omittingEmptySubsequences: false) {
                lines.append(Line("  " + part, .none, undone: gone))
            }
        }
        return lines
    }

    static func clockLine(_ name: String, _ s: SLAState, now: Instant, utcOffset: Int64) -> Line {
        let due = s.deadline.human(now: now, utcOffset: utcOffset)
        if let met = s.metAt {
            return Line(
                "\(name): met \(met.human(now: now, utcOffset: utcOffset))\(s.breached ? ", late" : ", in time") (due \(due))",
                s.breached ? .warn : .ok)
        }
        if s.breached { return Line("\(name): BREACHED \(Span.human(-s.remaining)) ago (due \(due))", .breach) }
        return Line("\(name): \(Span.human(s.remaining)) left (due \(due))", .ok)
    }

    public static func flagText(_ f: String) -> String {
        switch f {
        case "no-email-or-phone": return "Missing critical field: no email and no phone"
        case "no-company": return "Missing critical field: no company"
        case "invalid-email": return "Email address looks invalid"
        default:
            if f.hasPrefix("duplicate-email:") {
                return "Likely duplicate: shares its email with \(f.dropFirst("duplicate-email:".count))"
            }
            if f.hasPrefix("duplicate-name:") {
                return "Likely duplicate: same name and company as \(f.dropFirst("duplicate-name:".count))"
            }
            return f
        }
    }
}
