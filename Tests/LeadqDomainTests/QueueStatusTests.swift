import LeadqDomain
import LeadqTestSupport
import Testing

/// Issue 12's speed line: a queue's statuses come from playbook terms and outbound sources
/// normalised once, zones read once a day where nothing changes, and rows ranked before they are
/// made. These tests hold each shortcut to the rule computed the plain way, on a team with
/// business hours in three zones, playbooks and cadences.
@Suite struct QueueStatusTests {
    static let settings: Settings = {
        var s = Fixture.settings
        s.businessHours = true
        s.timeZone = "Australia/Sydney"
        s.reps[0].timeZone = "America/New_York"
        s.reps[1].timeZone = "Europe/Berlin"
        for (name, zone) in ZoneTables.all { s.zones[name] = zone }
        s.outboundSources = ["Cold-List", "purchased list"]
        let step = PlayStep(within: 2 * Span.hour, channel: .email, what: "Send the figures")
        s.playbooks =
            Playbook.defaults + [
                Playbook(
                    name: "finance",
                    when: [.init(field: .title, anyOf: ["V.P. Finance", "CFO"]), .init(scoreAtLeast: 60)],
                    steps: [step, PlayStep(day: 2, channel: .call, what: "Call about the figures")]),
                Playbook(name: "pricing", when: [.init(field: .content, anyOf: ["pricing page"])], steps: [step]),
                Playbook(
                    name: "regions", when: [.init(field: .region, anyOf: ["Bayern", "Île-de-France"])], steps: [step]),
            ]
        return s
    }()

    static let triggers = ["Requested a demo", "DEMO request!", "Attended webinar", "", "demonstration", "a-demo"]
    static let sources = ["webinar", "Cold-List", "cold list", "purchased-list", "partner", "Web.inar"]
    static let titles = ["VP Finance", "V.P. of Finance", "cfo", "Head of Ops", "CFO / COO"]
    static let contents: [[String]] = [[], ["Viewed the Pricing Page"], ["pricing"], ["blog", "pricing-page"]]
    static let regions = ["bayern", "Île-de-France", "ile de france", "", "BAYERN."]

    static func profile(_ i: Int) -> Profile {
        var p = Fixture.profile(name: "Lead \(i)", score: [20, 55, 65, 85, 95][i % 5])
        p.trigger = triggers[i % triggers.count]
        p.source = sources[(i / 2) % sources.count]
        p.title = titles[(i / 3) % titles.count]
        p.content = contents[(i / 5) % contents.count]
        p.region = regions[(i / 7) % regions.count]
        p.createdAt = Fixture.t0 + Int64(i) * 37 * Span.minute
        return p
    }

    /// Leads of ana, ben and dana at every point of a queue's life: just assigned (some over a
    /// weekend or the night), accepted, tried once or reached, with the rep's own follow-up; some
    /// rejected, some still in the pool.
    static let leads: [Lead] = (0..<90).map { i in
        let id = "L-" + String(10_000 + i)
        let at = Fixture.t0 + Int64(i) * 37 * Span.minute
        var s = LeadScript(id, profile: profile(i), at: at, settings: settings).after(Int64(i % 4) * 3 * Span.hour)
        // Every eleventh waits in the pool; the others go round the reps.
        guard i % 11 != 10 else { return s.lead }
        s = s.assign(["ana", "ben", "dana"][i % 3])
        let rep = s.lead.owner ?? "ana"
        switch i % 6 {
        case 1: s = s.after(Span.hour).accept(by: rep)
        case 2: s = s.after(20 * Span.minute).contact(.call, .noAnswer, by: rep)
        case 3: s = s.accept(by: rep).contact(.email, .replied, by: rep)
        case 4:
            s = s.accept(by: rep).followUp(due: at + Int64(i) * Span.hour, by: rep).contact(.call, .noAnswer, by: rep)
        case 5: s = s.reject("not-now", by: rep)
        default: break
        }
        return s.lead
    }

    /// While the first leads' clocks run, the next morning, and days later.
    static let nows = [2, 30, 77].map { Fixture.t0 + $0 * Span.hour }

    /// What matching a condition means, normalising every term at every call.
    static func plainMatch(_ c: RoutingRule.Condition, _ p: Profile) -> Bool {
        if let lo = c.scoreAtLeast, p.score < lo { return false }
        if let hi = c.scoreBelow, p.score >= hi { return false }
        func equals(_ v: String) -> Bool {
            !TextNormal.words(v).isEmpty && c.anyOf.contains { TextNormal.words($0) == TextNormal.words(v) }
        }
        func contains(_ v: String) -> Bool {
            c.anyOf.contains { TextNormal.containsPhrase(TextNormal.words(v), TextNormal.words($0)) }
        }
        switch c.field {
        case nil: return true
        case .country: return equals(p.country)
        case .region: return equals(p.region)
        case .source: return equals(p.source)
        case .industry: return equals(p.industry)
        case .origin: return equals(p.origin)
        case .title: return contains(p.title)
        case .trigger: return contains(p.trigger)
        case .content: return p.content.contains(where: contains)
        }
    }

    static func plainPlaybook(_ s: Settings, _ p: Profile) -> String? {
        s.playbooks.first { $0.when.allSatisfy { plainMatch($0, p) } }?.name
    }

    @Test func eachLeadGetsThePlaybookItsTermsMatch() {
        let s = Self.settings
        let names = Self.leads.map { s.playbook(for: $0.profile)?.name }
        #expect(names == Self.leads.map { Self.plainPlaybook(s, $0.profile) })
        // Every playbook is somebody's, and some leads have none.
        #expect(Set(names) == Set(s.playbooks.map { Optional($0.name) } + [nil]))
    }

    @Test func changedPlaybooksAndSourcesAreMatchedAsChanged() {
        var s = Self.settings
        var p = Self.profile(0)
        (p.trigger, p.source, p.region) = ("Asked for a recap", "partner", "")
        #expect(s.playbook(for: p)?.name == nil)
        s.playbooks[0].when[0].anyOf.append("recap")
        #expect(s.playbook(for: p)?.name == "demo-request")
        p.source = "Trade show"
        #expect(FirstTouch.isInbound(p, s))
        s.outboundSources.append("trade-show")
        #expect(!FirstTouch.isInbound(p, s))
        s.outboundSources = []
        #expect(FirstTouch.isInbound(p, s))
    }

    @Test func aQueueIsItsLeadsFullStatusesInTheOrderAsked() {
        let s = Self.settings
        for rep in ["ana", "ben", nil] as [String?] {
            for (order, now) in QueueOrder.allCases.flatMap({ o in Self.nows.map { (o, $0) } }) {
                let rows = Queue.rows(for: rep, from: Self.leads, order: order, now: now, settings: s, utcOffset: 3600)
                let plain = Self.leads.filter { $0.stage.isActive && (rep == nil || $0.owner == rep) }
                    .map { QueueRow(lead: $0, status: SLA.status($0, now: now, settings: s, utcOffset: 3600)) }
                    .sorted { Queue.inOrder($0, $1, order) }
                #expect(rows == plain, "\(rep ?? "all"), \(order), \(now)")
                #expect(!rows.isEmpty)
            }
        }
    }

    @Test func theStatusesHaveEveryKindOfClockAndStep() {
        let statuses = Self.nows.flatMap { now in Self.leads.map { SLA.status($0, now: now, settings: Self.settings) } }
        #expect(statuses.contains { $0.firstTouch?.running == true && $0.firstTouch?.breached == false })
        #expect(statuses.contains { $0.firstTouch?.breached == true })
        #expect(statuses.contains { $0.decision?.running == true })
        #expect(statuses.contains { $0.step?.playbook == "finance" && $0.step?.number == 2 })
        #expect(statuses.contains { $0.step?.playbook == nil && $0.step != nil })
        #expect(Set(statuses.compactMap(\.nearestDeadline)).count > 20)
    }

    @Test func theNextFollowUpIsTheFirstOpenOne() {
        var s = LeadScript().assign("ana").accept(by: "ana").followUp(due: Fixture.t0 + 30 * Span.hour, by: "ana")
        s = s.replaceFollowUp(due: Fixture.t0 + 5 * Span.hour, by: "ana").contact(.call, .noAnswer, by: "ana")
        s = s.replaceFollowUp(due: Fixture.t0 + 2 * Span.hour, by: "ana")
        let leads = Self.leads + [s.lead, LeadScript().lead]
        #expect(leads.map(\.work.nextFollowUp) == leads.map(\.work.openFollowUps.first))
        #expect(leads.contains { $0.work.followUps.count > 1 && $0.work.nextFollowUp != nil })
    }

    @Test(arguments: [
        "Head of Ops", "V.P. Finance", "  --cold_list--  ", "O'Brien & Sons", "", "...", "a.b.c", "x  y",
        "Ünïcode Straße",
        "CFO/COO", "9to5", "Tab\there", "trailing!",
    ])
    func aKeyIsTheWordsJoined(_ text: String) {
        #expect(TextNormal.key(text) == TextNormal.words(text).joined(separator: " "))
    }

    /// Local times before the one-reading shortcut: each candidate offset checked at its instant.
    static func plainInstant(_ zone: Zone, _ local: CivilTime) -> Instant {
        let wall = local.instant()
        let before = zone.offset(at: wall - Span.day)
        let after = zone.offset(at: wall + Span.day)
        let fits = [wall - before, wall - after].filter { zone.offset(at: $0) == wall - $0 }
        return fits.min() ?? wall - before
    }

    @Test(arguments: ZoneTables.all.map(\.name))
    func localTimesReadAsBeforeAroundEveryChange(_ name: String) {
        let zone = ZoneTables.all.first { $0.name == name }!.zone
        let start = Instant(iso8601: "2026-01-01T00:00:00Z")!
        for step in stride(from: Int64(0), to: 366 * 24 * 4, by: 1) {
            let local = CivilTime(start + step * 15 * Span.minute)
            #expect(zone.instant(local) == Self.plainInstant(zone, local), "\(name) \(local)")
        }
    }
}
