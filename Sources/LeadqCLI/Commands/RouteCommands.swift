import ArgumentParser
import LeadqDomain
import LeadqStore
import LeadqText

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
            let ctx = CLIContext()
            let store = try ctx.openStore(storeOptions.store)
            let actor = ctx.actor(repOptions.rep)
            let now = try ctx.now()
            let offset = ctx.utcOffset(at: now)
            let decisions: [RoutingDecision]
            var refused: [String: String] = [:]
            // Names are taken with the plan: after the save, nothing may fail and hide that it was saved.
            var names: [String: String] = [:]
            func plan() throws -> [RoutingDecision] {
                let pool = try store.unassigned()
                for l in pool { names[l.id] = l.profile.name }
                return Routing.plan(pool: pool, active: try store.activeLeads(), settings: store.settings)
            }
            if dryRun {
                decisions = try plan()
            } else {
                try requireManager(store, actor, to: "route leads")
                // Decided under the writer lock against the caught-up state, applied in one write.
                decisions = try store.transact(as: actor, at: now, utcOffset: offset) { tx -> [RoutingDecision] in
                    let ds = try plan()
                    for d in ds {
                        let cmd: Command
                        switch d.outcome {
                        case .assign(let rep): cmd = .assign(to: rep, rule: d.rule)
                        case .nurture: cmd = .nurture(rule: d.rule ?? Routing.lowScoreRule)
                        case .hold: continue
                        }
                        if case .failure(let r) = try tx.attempt(cmd, on: d.lead) { refused[d.lead] = r.message }
                    }
                    return ds
                }.result
            }
            let summary = RouteCommand.summary(decisions, refused: refused, dryRun: dryRun)
            if !dryRun { Output.saved = summary }
            if output.json {
                Output.out(RouteCommand.json(decisions, refused: refused, dryRun: dryRun))
                return
            }
            var t = Table([.init(title: "LEAD", minWidth: 7, maxWidth: 9), .init(title: "SCORE", align: .right, minWidth: 5),
                           .init(title: "NAME", minWidth: 6, maxWidth: 24), .init(title: dryRun ? "WOULD GO TO" : "WENT TO", minWidth: 7, maxWidth: 12),
                           .init(title: "RULE", minWidth: 4, maxWidth: 20), .init(title: "WHY", minWidth: 10, maxWidth: 100)])
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

    static func summary(_ decisions: [RoutingDecision], refused: [String: String], dryRun: Bool) -> String {
        let assigned = decisions.filter { if case .assign = $0.outcome { refused[$0.lead] == nil } else { false } }.count
        let nurtured = decisions.filter { $0.outcome == .nurture && refused[$0.lead] == nil }.count
        let held = decisions.filter { $0.outcome == .hold }.count
        let summary = "\(count(decisions.count, "lead")) in the pool: \(assigned) \(dryRun ? "would be " : "")assigned, \(nurtured) \(dryRun ? "would go " : "")to nurture, \(held) stay in the pool"
        return summary + (dryRun ? " · nothing saved (dry run)" : " · saved") + (refused.isEmpty ? "" : "; \(refused.count) refused")
    }
}

struct NurtureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "nurture", abstract: "Nurture: release leads for re-engagement.",
                                                    subcommands: [Release.self])

    struct Release: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Return nurture leads that have rested long enough (30d, 60d, 90d) to the pool (managers).",
            discussion: "Each release is an event on the lead: its history, and why it went to nurture, are kept.")
        @OptionGroup var storeOptions: StoreOptions
        @OptionGroup var repOptions: RepOptions
        @OptionGroup var output: JSONOption
        @Option(name: .long, help: "How long in nurture: 30d, 60d, 90d (or any Nd, Nw).") var olderThan: String
        @Option(name: .long, help: "A note on each release.") var note: String?
        @Flag(name: .long, help: "List what would be released; save nothing.") var dryRun = false

        func validate() throws {
            if NurtureRelease.parseAge(olderThan) == nil { throw ValidationError("--older-than '\(olderThan)' should be like 30d, 60d or 90d") }
        }

        func run() throws {
            try guarded {
                let ctx = CLIContext()
                let store = try ctx.openStore(storeOptions.store)
                let actor = ctx.actor(repOptions.rep)
                let now = try ctx.now()
                let offset = ctx.utcOffset(at: now)
                let age = NurtureRelease.parseAge(olderThan)!
                let why = note ?? "re-engagement after \(olderThan) in nurture"
                func due() throws -> [Lead] {
                    var nurtured: [Lead] = []
                    try store.forEachLead { if $0.stage == .nurture { nurtured.append($0) } }
                    return NurtureRelease.due(nurtured, olderThan: age, now: now)
                }
                var leads = try due()
                if !dryRun {
                    try requireManager(store, actor, to: "release leads from nurture")
                    leads = try store.transact(as: actor, at: now, utcOffset: offset) { tx -> [Lead] in
                        // Decided again under the lock: another process may have released some meanwhile.
                        try leads.compactMap { l in
                            guard let current = try tx.lead(l.id), current.stage == .nurture else { return nil }
                            if case .success = try tx.attempt(.release(note: why), on: l.id) { return l }
                            return nil
                        }
                    }.result
                }
                let summary = "\(count(leads.count, "nurture lead")) older than \(olderThan) \(dryRun ? "would return to the pool · nothing saved (dry run)" : "returned to the pool · saved")"
                if !dryRun { Output.saved = summary }
                if output.json {
                    Output.out(LeadJSON.string { w in
                        w.beginArray()
                        for l in leads {
                            w.beginObject(); w.field("lead", l.id); w.field("inNurtureSince", l.work.closedAt!.iso8601)
                            w.field("reason", l.work.reason.isEmpty ? (l.work.rule ?? "") : l.work.reason); w.field("saved", !dryRun); w.endObject()
                        }
                        w.endArray()
                    })
                    return
                }
                for l in leads {
                    let since = l.work.closedAt!
                    let reason = l.work.reason.isEmpty ? (l.work.rule.map { "rule \($0)" } ?? "") : l.work.reason
                    Output.out(Inert.line("\(dryRun ? "would release" : "Released") \(l.id) (\(l.profile.name)) · in nurture \(Span.human(now - since)) since \(since.human(now: now, utcOffset: offset))\(reason.isEmpty ? "" : " · \(reason)")"))
                }
                Output.out(Inert.line(summary))
            }
        }
    }
}
