import ArgumentParser
import LeadqApp
import LeadqDomain
import LeadqFormat

struct RouteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route",
        abstract: "Route the unassigned pool by the store's rules (managers).",
        discussion: """
            Scores below scores.nurtureBelow go to nurture; then the `routing` rules of settings.json apply in order \
            (territory, source, product interest → a rep, round-robin in a team, or nurture); what no rule places goes \
            round-robin over the whole team. Hot leads go first and at once, even past a rep's cap; reps marked away get \
            nothing. Every assignment records the rule that made it.
            """)
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var repOptions: RepOptions
    @OptionGroup var output: JSONOption
    @Flag(name: .long, help: "Show who would get what, and why; save nothing.") var dryRun = false

    func run() throws {
        try guarded {
            let ws = try CLIContext().workspace(storeOptions.store, rep: repOptions.rep)
            let result = try ws.route(dryRun: dryRun)
            let (decisions, refused, names) = (result.decisions, result.refused, result.names)
            let summary = RouteCommand.summary(decisions, refused: refused, dryRun: dryRun)
            if !dryRun { Output.saved = summary }
            if output.json {
                Output.out(RouteCommand.json(decisions, refused: refused, dryRun: dryRun))
                return
            }
            var t = Table([
                .init(title: "LEAD", minWidth: 7, maxWidth: 9), .init(title: "SCORE", align: .right, minWidth: 5),
                .init(title: "NAME", minWidth: 6, maxWidth: 24),
                .init(title: dryRun ? "WOULD GO TO" : "WENT TO", minWidth: 7, maxWidth: 12),
                .init(title: "RULE", minWidth: 4, maxWidth: 20), .init(title: "WHY", minWidth: 10, maxWidth: 100),
            ])
            for d in decisions {
                let to: String
                switch d.outcome {
                case .assign(let r): to = r
                case .nurture: to = "nurture"
                case .hold: to = "(pool)"
                }
                let why = refused[d.lead].map { "not saved: \($0)" } ?? d.why
                t.add([d.lead, "\(d.score)\(d.hot ? " hot" : "")", names[d.lead] ?? "", to, d.rule ?? "-", why])
            }
            if !decisions.isEmpty { t.render(width: Output.terminalWidth).forEach(Output.out) }
            Output.out(summary)
        }
    }

    static func json(_ decisions: [RoutingDecision], refused: [String: String], dryRun: Bool) -> String {
        LeadJSON.string { w in
            w.beginArray()
            for d in decisions {
                w.beginObject()
                w.field("lead", d.lead)
                w.field("score", d.score)
                w.field("hot", d.hot)
                switch d.outcome {
                case .assign(let r):
                    w.field("outcome", "assign")
                    w.field("to", r)
                case .nurture: w.field("outcome", "nurture")
                case .hold: w.field("outcome", "hold")
                }
                w.key("rule")
                if let r = d.rule { w.string(r) } else { w.null() }
                w.field("why", d.why)
                if let r = refused[d.lead] { w.field("refused", r) }
                w.field("saved", !dryRun && refused[d.lead] == nil && d.outcome != .hold)
                w.endObject()
            }
            w.endArray()
        }
    }

    /// How many were assigned, sent to nurture, left in the pool and refused under the lock.
    static func tally(_ decisions: [RoutingDecision], refused: [String: String]) -> [(String, Int)] {
        let saved = decisions.filter { refused[$0.lead] == nil }
        let assigned = saved.filter { if case .assign = $0.outcome { true } else { false } }.count
        let nurtured = saved.filter { $0.outcome == .nurture }.count
        let held = decisions.filter { $0.outcome == .hold }.count
        return [("assigned", assigned), ("nurture", nurtured), ("pool", held), ("refused", refused.count)]
    }

    /// "12 assigned, 3 to nurture, 1 stays in the pool" (and how many were refused).
    static func counts(_ decisions: [RoutingDecision], refused: [String: String]) -> String {
        let t = Dictionary(uniqueKeysWithValues: tally(decisions, refused: refused))
        return
            "\(t["assigned"]!) assigned, \(t["nurture"]!) to nurture, \(t["pool"]!) \(t["pool"] == 1 ? "stays" : "stay") in the pool"
            + (refused.isEmpty ? "" : "; \(refused.count) refused")
    }

    static func summary(_ decisions: [RoutingDecision], refused: [String: String], dryRun: Bool) -> String {
        let assigned = decisions.filter { if case .assign = $0.outcome { refused[$0.lead] == nil } else { false } }
            .count
        let nurtured = decisions.filter { $0.outcome == .nurture && refused[$0.lead] == nil }.count
        let held = decisions.filter { $0.outcome == .hold }.count
        let summary =
            "\(count(decisions.count, "lead")) in the pool: \(assigned) \(dryRun ? "would be " : "")assigned, \(nurtured) \(dryRun ? "would go " : "")to nurture, \(held) stay in the pool"
        return summary + (dryRun ? " · nothing saved (dry run)" : " · saved")
            + (refused.isEmpty ? "" : "; \(refused.count) refused")
    }
}

struct NurtureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nurture", abstract: "Nurture: release leads for re-engagement.",
        subcommands: [Release.self])

    struct Release: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Return nurture leads to the pool (managers): by the re-engagement steps, by age, or hot ones.",
            discussion: """
                Without options the policy runs: a lead's first release comes after nurture.releaseDays[0] (30) days \
                of rest, its second after [1] (60), its third after [2] (90); the step is recorded, and with \
                nurture.toPreviousOwner the lead goes straight back to its last rep. --older-than releases every lead \
                resting that long; --hot releases and routes at once the leads whose score turned hot. Each release is \
                an event on the lead: its history, and why it went to nurture, are kept.
                """)
        @OptionGroup var storeOptions: StoreOptions
        @OptionGroup var repOptions: RepOptions
        @OptionGroup var output: JSONOption
        @Option(name: .long, help: "Every lead this long in nurture: 30d, 60d, 90d (or any Nd, Nw).") var olderThan:
            String?
        @Flag(name: .long, help: "Only the nurture leads whose score turned hot; they are routed at once.") var hot =
            false
        @Option(name: .long, help: "A note on each release (with --older-than).") var note: String?
        @Flag(name: .long, help: "List what would be released; save nothing.") var dryRun = false

        func validate() throws {
            if let olderThan, NurtureRelease.parseAge(olderThan) == nil {
                throw ValidationError("--older-than '\(olderThan)' should be like 30d, 60d or 90d")
            }
            if hot && olderThan != nil { throw ValidationError("give --hot or --older-than, not both") }
            if hot && dryRun { throw ValidationError("--dry-run goes with the steps or --older-than") }
        }

        func run() throws {
            guard let olderThan else {
                try guarded { try releaseByPolicy() }
                return
            }
            try guarded {
                let ws = try CLIContext().workspace(storeOptions.store, rep: repOptions.rep)
                let now = ws.now()
                let offset = ws.offset(at: now)
                let why = note ?? "re-engagement after \(olderThan) in nurture"
                let leads = try ws.releaseNurture(
                    olderThan: NurtureRelease.parseAge(olderThan)!, note: why, dryRun: dryRun)
                let summary =
                    "\(count(leads.count, "nurture lead")) older than \(olderThan) \(dryRun ? "would return to the pool · nothing saved (dry run)" : "returned to the pool · saved")"
                if !dryRun { Output.saved = summary }
                if output.json {
                    Output.out(
                        LeadJSON.string { w in
                            w.beginArray()
                            for l in leads {
                                w.beginObject()
                                w.field("lead", l.id)
                                w.field("inNurtureSince", l.work.closedAt!.iso8601)
                                w.field("reason", l.work.reason.isEmpty ? (l.work.rule ?? "") : l.work.reason)
                                w.field("saved", !dryRun)
                                w.endObject()
                            }
                            w.endArray()
                        })
                    return
                }
                for l in leads {
                    let since = l.work.closedAt!
                    let reason = l.work.reason.isEmpty ? (l.work.rule.map { "rule \($0)" } ?? "") : l.work.reason
                    Output.out(
                        Inert.line(
                            "\(dryRun ? "would release" : "Released") \(l.id) (\(l.profile.name)) · in nurture \(Span.human(now - since)) since \(since.human(now: now, utcOffset: offset))\(reason.isEmpty ? "" : " · \(reason)")"
                        ))
                }
                Output.out(Inert.line(summary))
            }
        }
    }
}
