import LeadqDomain

/// Aggregates a report one lead at a time, so a store can be streamed (`store.forEachLead`)
/// without holding its leads: only counters and the duration samples for medians are kept.
public struct ReportBuilder: Sendable {
    public let settings: Settings
    public let window: ReportWindow
    public let periods: [CohortPeriod]
    public let now: Instant
    public let filter: ReportFilter

    private var reps: [String: RepFigures] = [:]
    private var responseSamples: [String: DurationSamples] = [:]
    private var inquirySamples: [String: DurationSamples] = [:]
    private var staySamples: [String: StageSamples] = [:]
    private var poolStays = StageSamples()
    private var teamHandled = 0
    private var sourceLabels: [String: String] = [:]
    private var bySource: [String: [String: Int]] = [:]
    private var byBand: [ScoreBand: [String: Int]] = [:]
    private var clawbacksBySource: [String: [String: Int]] = [:]
    private var clawbacksByBand: [ScoreBand: [String: Int]] = [:]
    private var acceptance: [ScoreBand: BandAcceptance] = [:]
    private var cohorts: [[String: CohortRow]]
    /// Each rep's working calendar, looked up once rather than for every assignment.
    private var calendars: [String: WorkCalendar] = [:]
    private var lastCalendar: (rep: String, calendar: WorkCalendar)?
    /// Where the last rep's figures are in `reps`.
    private var lastRep: (rep: String, at: Dictionary<String, RepFigures>.Index)?
    /// One walk for every lead's timeline, so its arrays keep their room from lead to lead.
    private var walk = TimelineWalk(sourceCreated: Instant(seconds: 0))
    /// Each source as spelled and its key: most leads share a handful of sources, and making a
    /// key was a string apiece.
    private var sourceKeys: [String: String] = [:]

    public init(
        settings: Settings, window: ReportWindow, periods: [CohortPeriod], now: Instant,
        filter: ReportFilter = ReportFilter()
    ) {
        (self.settings, self.window, self.periods, self.now, self.filter) = (settings, window, periods, now, filter)
        cohorts = Array(repeating: [:], count: periods.count)
    }

    private func selected(_ rep: String) -> Bool { filter.includes(rep: rep, settings) }

    /// The members of a profile the report and the day's figures read: the source, the score,
    /// consent, the creation time, and what the playbooks' conditions name (a playbook may set the
    /// first-touch limit). A store may leave the rest unread (`forEachLead(inParts:keeping:)`).
    public static func profileMembers(_ settings: Settings) -> ProfileMembers {
        var m: ProfileMembers = [.source, .score, .consent, .createdAt]
        for book in settings.playbooks {
            for c in book.when { if let f = c.field { m.insert(ProfileMembers(f)) } }
        }
        return m
    }

    /// Adds what another builder of the same report saw (leads read in parts, on several threads).
    /// Every figure is a count, a set of samples or a smallest label, so the order of parts doesn't
    /// change the report.
    public mutating func merge(_ o: ReportBuilder) {
        lastRep = nil
        for (r, f) in o.reps { reps[r, default: RepFigures(rep: r, settings: settings)].add(f) }
        for (r, s) in o.responseSamples { responseSamples[r, default: DurationSamples()].add(s) }
        for (r, s) in o.inquirySamples { inquirySamples[r, default: DurationSamples()].add(s) }
        for (r, byStage) in o.staySamples { staySamples[r, default: StageSamples()].add(byStage) }
        poolStays.add(o.poolStays)
        teamHandled += o.teamHandled
        for (key, raw) in o.sourceLabels { noteSource(key, raw) }
        ReportBuilder.addCounts(&bySource, o.bySource)
        ReportBuilder.addCounts(&byBand, o.byBand)
        ReportBuilder.addCounts(&clawbacksBySource, o.clawbacksBySource)
        ReportBuilder.addCounts(&clawbacksByBand, o.clawbacksByBand)
        for (band, a) in o.acceptance { acceptance[band] = (acceptance[band] ?? BandAcceptance(band: band)) + a }
        for (p, rows) in o.cohorts.enumerated() {
            for (source, row) in rows { cohorts[p][source] = cohorts[p][source].map { $0 + row } ?? row }
        }
    }

    private static func addCounts<K>(_ into: inout [K: [String: Int]], _ more: [K: [String: Int]]) {
        for (group, counts) in more {
            for (reason, n) in counts { into[group, default: [:]][reason, default: 0] += n }
        }
    }

    private mutating func touch(_ rep: String) { figures(rep) { _ in } }

    /// `rep`'s figures changed in place: a copy taken out and put back would copy its arrays too.
    /// (Not `reps[rep, default: …]`: its default would copy the settings, every array in them.)
    /// The last rep's place is kept: a lead's entries are mostly one rep's, and each lookup hashed.
    private mutating func figures(_ rep: String, _ change: (inout RepFigures) -> Void) {
        if let last = lastRep, last.rep == rep {
            change(&reps.values[last.at])
            return
        }
        guard let i = reps.index(forKey: rep) else {
            var f = RepFigures(rep: rep, settings: settings)
            change(&f)
            // A new key moves the others: no place kept is good any more.
            reps[rep] = f
            lastRep = nil
            return
        }
        lastRep = (rep, i)
        change(&reps.values[i])
    }

    private mutating func calendar(_ rep: String) -> WorkCalendar {
        if let last = lastCalendar, last.rep == rep { return last.calendar }
        let c: WorkCalendar
        if let known = calendars[rep] {
            c = known
        } else {
            c = settings.calendar(forRep: rep)
            calendars[rep] = c
        }
        lastCalendar = (rep, c)
        return c
    }

    private mutating func key(ofSource raw: String) -> String {
        if let k = sourceKeys[raw] { return k }
        let key = TextNormal.key(raw)
        noteSource(key, raw)
        // Bounded: a form's free text could make every source different.
        if sourceKeys.count < 1024 { sourceKeys[raw] = key }
        return key
    }

    /// Consuming: a lead as of `now` is the one handed in unless it has later entries, and a copy
    /// of it was a retain of every field.
    public mutating func add(_ lead: consuming Lead) {
        // As of `now`, a lead created later doesn't exist yet, and its source is the one it had then.
        guard LeadTimeline.exists(lead, asOf: now) else { return }
        if let cut = LeadTimeline.cut(lead, asOf: now) {
            add(seen: cut)
        } else {
            add(seen: lead)
        }
    }

    /// Its timeline is read from the walk where it lies: a `LeadTimeline` made of it copied the
    /// lead and the walk's arrays, then freed them again, for every lead.
    private mutating func add(seen lead: borrowing Lead) {
        walk.walk(lead)
        guard filter.includes(source: lead.profile.source) else { return }
        let band = ScoreBand.of(lead.profile.score, settings)
        // The same source again is noted already (`key(ofSource:)` notes each new one).
        let sourceKey = key(ofSource: lead.profile.source)
        let spells = walk.spells

        var terms: (fromInquiry: Bool, limit: Int64)?
        for spell in spells where window.contains(spell.start) && selected(spell.rep) {
            addHandoff(spell, lead.profile, sourceKey, band, terms: &terms)
        }
        for d in walk.decisions where window.contains(d.at) && selected(d.rep) {
            switch d.outcome {
            case .accepted: figures(d.rep) { $0.accepted += 1 }
            case .qualified: figures(d.rep) { $0.qualified += 1 }
            case .nurture:
                figures(d.rep) { $0.nurtured += 1 }
                clawbacksBySource[sourceKey, default: [:]][d.reason, default: 0] += 1
                clawbacksByBand[band, default: [:]][d.reason, default: 0] += 1
            case .won, .lost: touch(d.rep)
            case .rejected:
                figures(d.rep) { $0.rejected += 1 }
                bySource[sourceKey, default: [:]][d.reason, default: 0] += 1
                byBand[band, default: [:]][d.reason, default: 0] += 1
            }
        }
        // Most leads are worked by one rep: a short array, not a set (an allocation and hashing).
        var handledBy: [String] = []
        for a in walk.actions where window.contains(a.at) && selected(a.rep) && !handledBy.contains(a.rep) {
            handledBy.append(a.rep)
        }
        for r in handledBy { figures(r) { $0.handled += 1 } }
        if !handledBy.isEmpty { teamHandled += 1 }
        for f in walk.done where window.contains(f.at) && selected(f.rep) {
            figures(f.rep) { $0.followUpsDone += 1 }
        }
        addOverdue(lead.work.followUps, spells)
        for s in walk.stays where window.contains(s.end) {
            if let r = s.rep {
                guard selected(r) else { continue }
                touch(r)
                staySamples[r, default: StageSamples()].add(s.duration, in: s.stage)
            } else if !filter.restrictsReps {
                poolStays.add(s.duration, in: s.stage)
            }
        }
        addToCohort(createdAt: walk.created ?? lead.profile.createdAt, spells, sourceKey)
    }

    /// The clocks of one assignment made in the window.
    /// `terms`: the lead's first-touch terms, found at its first clock and kept for the rest.
    private mutating func addHandoff(
        _ spell: LeadTimeline.Spell, _ profile: Profile, _ sourceKey: String, _ band: ScoreBand,
        terms: inout (fromInquiry: Bool, limit: Int64)?
    ) {
        let r = spell.rep
        let noContact = profile.noContact
        let calendar = calendar(r)
        // Not in a closure: one reading `self.settings` copied them, retaining every array they hold.
        if terms == nil && SpellClocks.hasFirstTouchClock(spell, noContact: noContact) {
            terms = (
                settings.firstTouchFrom == .inquiry && FirstTouch.isInbound(sourceKey: sourceKey, settings),
                FirstTouch.limit(profile, settings)
            )
        }
        let clocks = SpellClocks(
            spell, noContact: noContact, calendar: calendar, decisionSLA: settings.decisionSLA, now: now,
            firstTouch: terms)
        figures(r) { f in
            f.handoffs += 1
            if clocks.decisionBreached { f.decisionBreaches += 1 }
            if let late = clocks.firstTouchBreached {
                f.firstTouchClocks += 1
                if late { f.firstTouchBreaches += 1 }
            }
            if let t = clocks.responseTime, !noContact {
                f.responseDistribution.add(t)
            } else if !noContact {
                if spell.end == nil {
                    f.responseDistribution.waiting += 1
                } else {
                    f.responseDistribution.leftWithoutContact += 1
                }
            }
        }
        if let t = clocks.responseFromInquiry, !noContact {
            inquirySamples[r, default: DurationSamples()].add(t)
        }
        if let t = clocks.responseTime, !noContact {
            responseSamples[r, default: DurationSamples()].add(t)
        }

        acceptance[band, default: BandAcceptance(band: band)].count(spell)
    }

    /// Follow-ups open and past due at the window's end (or now, if sooner), for the queue holding the lead then.
    private mutating func addOverdue(_ followUps: [FollowUp], _ spells: [LeadTimeline.Spell]) {
        let asOf = min(window.to, now)
        for f in followUps where f.createdAt <= asOf && f.due < asOf && (f.closedAt.map { $0 > asOf } ?? true) {
            guard let r = LeadTimeline.owner(in: spells, at: asOf), selected(r) else { continue }
            figures(r) { $0.followUpsOverdue += 1 }
        }
    }

    /// The lead just walked (`walk`), created at `createdAt`.
    private mutating func addToCohort(createdAt: Instant, _ spells: [LeadTimeline.Spell], _ sourceKey: String) {
        // A lead merged into another was a duplicate, not a lead of its own.
        guard window.contains(createdAt), !walk.merged,
            let p = periods.firstIndex(where: { $0.window.contains(createdAt) })
        else { return }
        // Restricted to some reps, a cohort keeps the leads that passed through their queues.
        if filter.restrictsReps && !spells.contains(where: { selected($0.rep) }) { return }
        let period = periods[p]
        let (reached, opportunity) = (walk.reached, walk.opportunity)
        cohorts[p][sourceKey, default: CohortRow(period: period, source: sourceKey)].add(
            reached: reached.contains, opportunity)
    }

    /// Sources are grouped case- and punctuation-insensitively; the group shows its smallest spelling.
    private mutating func noteSource(_ key: String, _ raw: String) {
        if let l = sourceLabels[key], l <= raw { return }
        sourceLabels[key] = raw
    }

    private func label(_ sourceKey: String) -> String {
        let l = sourceLabels[sourceKey] ?? sourceKey
        return l.isEmpty ? "(none)" : l
    }

    public func report() -> Report {
        var rows: [RepFigures] = []
        var seen = Set<String>()
        var order = settings.reps.filter { $0.role == .rep && selected($0.id) }.map(\.id)
        if let r = filter.rep, !order.contains(r), selected(r) { order.append(r) }
        order += reps.keys.filter { !order.contains($0) }.sorted()
        for id in order where seen.insert(id).inserted {
            var f = reps[id] ?? RepFigures(rep: id, settings: settings)
            f.responseTimes = responseSamples[id]?.durations ?? Durations()
            f.responseFromInquiry = inquirySamples[id]?.durations ?? Durations()
            for (stage, d) in staySamples[id]?.durations ?? [] { f.stageTimes[stage] = d }
            rows.append(f)
        }

        let team = teamFigures(rows)

        let rejections = reasonTables(bySource, byBand)
        let clawbacks = reasonTables(clawbacksBySource, clawbacksByBand)

        let (cohortRows, cohortTotals) = cohortTables()

        return Report(
            window: window, periods: periods, now: now, filter: filter, settings: settings,
            reps: rows, team: team,
            rejectionsBySource: rejections.bySource,
            rejectionsByBand: rejections.byBand,
            rejectionsByReason: rejections.overall,
            clawbacksBySource: clawbacks.bySource,
            clawbacksByBand: clawbacks.byBand,
            clawbacksByReason: clawbacks.overall,
            acceptance: ScoreBand.allCases.map { acceptance[$0] ?? BandAcceptance(band: $0) },
            cohorts: cohortRows,
            cohortTotals: cohortTotals)
    }

    /// The team's row: every rep's figures added up, with what only the team has (leads handled,
    /// the pool's stays).
    private func teamFigures(_ rows: [RepFigures]) -> RepFigures {
        var team = RepFigures(rep: "", settings: settings)
        // The counts added rep by rep; the durations merged all at once (`Durations.union`).
        var byStage: [Stage: [Durations]] = [:]
        for var f in rows {
            for (stage, d) in f.stageTimes { byStage[stage, default: []].append(d) }
            (f.responseTimes, f.responseFromInquiry, f.stageTimes) = (Durations(), Durations(), [:])
            team.add(f)
        }
        team.responseTimes = .union(rows.map(\.responseTimes))
        team.responseFromInquiry = .union(rows.map(\.responseFromInquiry))
        team.stageTimes = byStage.mapValues(Durations.union)
        // A lead several reps handled counts once for the team.
        team.handled = teamHandled
        for (stage, d) in poolStays.durations { team.stageTimes[stage] = d }
        return team
    }

    /// Each period's rows by source and its total, then each source's total over the window and
    /// the grand total.
    private func cohortTables() -> (rows: [CohortRow], totals: [CohortRow]) {
        var cohortRows: [CohortRow] = []
        var totalsBySource: [String: CohortRow] = [:]
        let whole = CohortPeriod(label: "all", window: window)
        var grand = CohortRow(period: whole, source: nil)
        for (i, period) in periods.enumerated() {
            var all = CohortRow(period: period, source: nil)
            let shown = cohorts[i].values.map { r -> CohortRow in
                var c = r
                c.source = label(r.source ?? "")
                return c
            }
            for row in sortedCohorts(shown) {
                cohortRows.append(row)
                all = all + row
                let name = row.source ?? ""
                totalsBySource[name] = (totalsBySource[name] ?? CohortRow(period: whole, source: name)) + row
            }
            cohortRows.append(all)
            grand = grand + all
        }
        return (cohortRows, sortedCohorts(Array(totalsBySource.values)) + [grand])
    }

    /// Reason counts by source (most first), by score band, and overall, each with its share of
    /// its group: for rejections, and the same for clawbacks.
    private func reasonTables(_ bySource: [String: [String: Int]], _ byBand: [ScoreBand: [String: Int]]) -> (
        bySource: [ReasonCount], byBand: [ReasonCount], overall: [ReasonCount]
    ) {
        func reasonRows(_ table: [(group: String, counts: [String: Int])]) -> [ReasonCount] {
            table.flatMap { g in
                let total = g.counts.values.reduce(0, +)
                return g.counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
                    .map { ReasonCount(group: g.group, reason: $0.key, count: $0.value, groupTotal: total) }
            }
        }
        let sources = bySource.map { (group: label($0.key), counts: $0.value) }
            .sorted { a, b in
                let (ta, tb) = (a.counts.values.reduce(0, +), b.counts.values.reduce(0, +))
                return ta != tb ? ta > tb : a.group < b.group
            }
        let bands = ScoreBand.allCases.compactMap { b in byBand[b].map { (group: b.rawValue, counts: $0) } }
        var overall: [String: Int] = [:]
        for (_, c) in bySource { for (reason, n) in c { overall[reason, default: 0] += n } }
        return (reasonRows(sources), reasonRows(bands), reasonRows([(group: "all", counts: overall)]))
    }

    /// Biggest cohort first, then by source.
    private func sortedCohorts(_ rows: [CohortRow]) -> [CohortRow] {
        rows.sorted { a, b in a.size != b.size ? a.size > b.size : (a.source ?? "") < (b.source ?? "") }
    }
}

extension BandAcceptance {
    /// One handoff of this band, as it went.
    fileprivate mutating func count(_ spell: LeadTimeline.Spell) {
        handoffs += 1
        if spell.acceptedAt != nil {
            accepted += 1
            if spell.closedTo == .rejected { rejectedAfterAccepting += 1 }
            if spell.closedTo == .qualified { qualified += 1 }
        } else if spell.closedAt != nil {
            notAccepted += 1
        }
    }
}
