import LeadqDomain
import LeadqTestSupport
import Testing

/// Routing decided in the domain: rules in order, nurture threshold, hot first, round-robin with caps,
/// away reps; and the `nurture` op that routing records.
@Suite struct RoutingTests {
    /// A pool lead created at `t0 + minutes`.
    func pooled(
        _ n: Int, score: Int, country: String = "", source: String = "webinar", content: [String] = [],
        minutes: Int64 = 0
    ) -> Lead {
        var p = Fixture.profile(name: "Lead \(n)", score: score, email: "l\(n)@example.com")
        p.country = country
        p.source = source
        p.content = content
        return LeadScript(LeadID.make(n), profile: p, at: Fixture.t0 + minutes * Span.minute).lead
    }

    func outcomes(_ ds: [RoutingDecision]) -> [String] {
        ds.map { d in
            let o: String
            switch d.outcome {
            case .assign(let r): o = r
            case .nurture: o = "nurture"
            case .hold: o = "hold"
            }
            return "\(d.lead)→\(o)@\(d.rule ?? "-")"
        }
    }

    var territory: Settings {
        var s = Fixture.settings
        s.reps.append(Rep(id: "eli", name: "Eli", team: "amer"))
        s.routing = [
            RoutingRule(
                name: "partners", when: [.init(field: .source, anyOf: ["Partner Referral"])], target: .rep("dana")),
            RoutingRule(
                name: "territory-emea", when: [.init(field: .country, anyOf: ["DE", "Germany", "FR"])],
                target: .team("emea")),
            RoutingRule(
                name: "territory-amer", when: [.init(field: .country, anyOf: ["US", "CA"])], target: .team("amer")),
            RoutingRule(name: "students", when: [.init(field: .content, anyOf: ["student guide"])], target: .nurture),
        ]
        return s
    }

    @Test func belowTheNurtureThresholdGoesToNurtureWhateverTheRules() {
        let ds = Routing.plan(
            pool: [pooled(1, score: 29, country: "DE"), pooled(2, score: 30, country: "DE")], active: [],
            settings: territory)
        #expect(outcomes(ds) == ["L-00002→ana@territory-emea", "L-00001→nurture@low-score"])
        #expect(ds[1].why == "score 29 is below 30")
    }

    @Test func rulesApplyInOrderAndTheFirstMatchDecides() {
        let pool = [
            pooled(1, score: 50, country: "DE", source: "partner referral"),  // partners comes before territory
            pooled(2, score: 50, country: "us", minutes: 1),  // case-insensitive
            pooled(3, score: 50, country: "Japan", minutes: 2),  // no rule: round-robin over everyone, after ben
            // Territory wins: it comes first.
            pooled(4, score: 50, country: "DE", content: ["Student Guide to CRM"], minutes: 3),
            pooled(5, score: 50, country: "JP", content: ["The student guide"], minutes: 4),
        ]
        let ds = Routing.plan(pool: pool, active: [], settings: territory)
        #expect(
            outcomes(ds) == [
                "L-00001→dana@partners", "L-00002→ben@territory-amer", "L-00003→dana@round-robin",
                "L-00004→ana@territory-emea", "L-00005→nurture@students",
            ])
        #expect(ds[1].why == "matched territory-amer: round-robin in team amer → ben (0 open)")
        #expect(ds[2].why == "no rule matched; round-robin in the whole team → dana (1 open)")
    }

    @Test func hotLeadsGoFirstThenByScoreThenOldestFirst() {
        let pool = [
            pooled(1, score: 60, minutes: 5), pooled(2, score: 60, minutes: 1), pooled(3, score: 95, minutes: 9),
            pooled(4, score: 80, minutes: 9),
        ]
        let ds = Routing.plan(pool: pool, active: [], settings: Fixture.settings)
        #expect(ds.map(\.lead) == ["L-00003", "L-00004", "L-00002", "L-00001"])
        #expect(ds.map(\.hot) == [true, true, false, false])
    }

    @Test func roundRobinTurnsThroughTheTeamSkippingAwayRepsAndManagers() {
        // Team: ana (emea), ben (amer), dana (emea), mia (manager), zoe (emea, away).
        let pool = (1...5).map { pooled($0, score: 50, minutes: Int64($0)) }
        let ds = Routing.plan(pool: pool, active: [], settings: Fixture.settings)
        #expect(
            ds.compactMap { if case .assign(let r) = $0.outcome { r } else { nil } } == [
                "ana", "ben", "dana", "ana", "ben",
            ])
        var emea = Fixture.settings
        emea.routing = [RoutingRule(name: "all-emea", when: [], target: .team("emea"))]
        let e = Routing.plan(pool: pool, active: [], settings: emea)
        #expect(
            e.compactMap { if case .assign(let r) = $0.outcome { r } else { nil } } == [
                "ana", "dana", "ana", "dana", "ana",
            ])
    }

    @Test func roundRobinContinuesAfterTheRepWhoGotTheLastRoutedLead() {
        var s = Fixture.settings
        s.routing = [RoutingRule(name: "all-emea", when: [], target: .team("emea"))]
        // ana got a routed lead at 09:00, dana one at 09:30: the next turn is ana's again.
        let a = LeadScript("L-00090", at: Fixture.t0).assign("ana", by: "mia")
        var viaRule = LeadScript("L-00091", at: Fixture.t0 + 30 * Span.minute)
        viaRule.run(.assign(to: "dana", rule: "all-emea"), by: "mia")
        var older = LeadScript("L-00092", at: Fixture.t0 - Span.hour)
        older.run(.assign(to: "ana", rule: "all-emea"), by: "mia")
        let ds = Routing.plan(pool: [pooled(1, score: 50)], active: [a.lead, viaRule.lead, older.lead], settings: s)
        #expect(outcomes(ds) == ["L-00001→ana@all-emea"])
        // The manual assignment to ana (no rule) counts for her load, not for the turn.
        #expect(ds[0].why == "matched all-emea: round-robin in team emea → ana (2 open)")
    }

    @Test func capsStopRoutingExceptForHotLeadsWhichGoToTheLeastLoaded() {
        var s = Fixture.settings
        s.reps[0].cap = 1  // ana
        s.reps[2].cap = 2  // dana
        s.routing = [RoutingRule(name: "all-emea", when: [], target: .team("emea"))]
        let busy = LeadScript("L-00090").assign("ana").lead
        let pool = [
            pooled(1, score: 50, minutes: 1), pooled(2, score: 50, minutes: 2), pooled(3, score: 50, minutes: 3),
            pooled(4, score: 90, minutes: 4),
        ]
        let ds = Routing.plan(pool: pool, active: [busy], settings: s)
        // The hot lead goes first, to dana (ana is full); dana then takes one more; the rest pass on to round-robin.
        #expect(
            outcomes(ds) == [
                "L-00004→dana@all-emea", "L-00001→dana@all-emea", "L-00002→ben@round-robin", "L-00003→ben@round-robin",
            ])
        #expect(
            ds[2].why
                == "all-emea: everyone in team emea is away or at cap; round-robin in the whole team → ben (0 open)")
        s.reps[1].away = true  // ben away: nobody left with room
        let held = Routing.plan(pool: pool, active: [busy], settings: s)
        #expect(
            outcomes(held) == ["L-00004→dana@all-emea", "L-00001→dana@all-emea", "L-00002→hold@-", "L-00003→hold@-"])
        #expect(
            held[2].why
                == "stays in the pool: all-emea: everyone in team emea is away or at cap; round-robin: everyone in the whole team is away or at cap"
        )
        // A hot lead with everyone full still goes out, to the least loaded rep present.
        let hot = Routing.plan(
            pool: [pooled(5, score: 85)],
            active: [busy, LeadScript("L-00091").assign("dana").lead, LeadScript("L-00092").assign("dana").lead],
            settings: s)
        #expect(outcomes(hot) == ["L-00005→ana@all-emea"])
        #expect(
            hot[0].why
                == "matched all-emea: round-robin in team emea → ana (1 open, cap 1), over cap because the lead is hot")
    }

    @Test func aRepTargetThatIsAwayOrFullPassesTheLeadOn() {
        var s = territory
        s.reps[2].away = true  // dana
        let ds = Routing.plan(
            pool: [pooled(1, score: 50, country: "DE", source: "Partner Referral")], active: [], settings: s)
        #expect(outcomes(ds) == ["L-00001→ana@territory-emea"])
        #expect(ds[0].why == "partners: dana is away; matched territory-emea: round-robin in team emea → ana (0 open)")
    }

    @Test func conditionsOnScoreRegionTitleTriggerAndOrigin() {
        var p = Fixture.profile(score: 85)
        p.region = "Bavaria"
        p.title = "V.P. of Sales"
        p.trigger = "Requested a demo of Analytics Suite"
        p.origin = "hubspot"
        func rule(_ c: RoutingRule.Condition) -> RoutingRule { RoutingRule(name: "r", when: [c], target: .nurture) }
        #expect(Routing.matches(rule(.init(scoreAtLeast: 80)), p))
        #expect(!Routing.matches(rule(.init(scoreBelow: 85)), p))
        #expect(Routing.matches(rule(.init(field: .region, anyOf: ["bavaria"])), p))
        #expect(Routing.matches(rule(.init(field: .title, anyOf: ["vp"])), p))
        #expect(Routing.matches(rule(.init(field: .trigger, anyOf: ["analytics suite"])), p))
        #expect(!Routing.matches(rule(.init(field: .trigger, anyOf: ["analytics cloud"])), p))
        #expect(Routing.matches(rule(.init(field: .origin, anyOf: ["HubSpot"])), p))
        #expect(Routing.matches(RoutingRule(name: "all", when: [], target: .nurture), p))
        // All conditions of a rule must hold.
        #expect(
            !Routing.matches(
                RoutingRule(
                    name: "both", when: [.init(scoreAtLeast: 80), .init(field: .region, anyOf: ["Tyrol"])],
                    target: .nurture), p))
        #expect(!Routing.matches(rule(.init(field: .country, anyOf: ["DE"])), p), "an empty field matches nothing")
    }

    @Test func theNurtureOpIsForManagersOnPoolLeadsAndReleaseUndoesIt() {
        let base = LeadScript()
        #expect(
            base.decide(.nurture(rule: "low-score"), by: "ana")
                == .failure(Refusal("only a manager can route leads; ana is a rep")))
        var s = base.after(60)
        s.run(.nurture(rule: "low-score"), by: "mia")
        #expect(s.lead.stage == .nurture)
        #expect(s.lead.owner == nil)
        #expect(s.lead.work.rule == "low-score")
        #expect(s.lead.work.closedAt == Fixture.t0 + 60)
        #expect(s.lead.work.reason == "")
        #expect(Describe.op(s.lead.history.last!.op) == "Routed to nurture (rule low-score)")
        #expect(
            s.decide(.nurture(rule: "x"), by: "mia")
                == .failure(Refusal("L-00001 is already in nurture (by mia at 09:01)")))
        #expect(
            base.assign("ana").decide(.nurture(rule: "x"), by: "mia")
                == .failure(
                    Refusal(
                        "L-00001 is already ana's lead; routing sends only unassigned leads to nurture (use clawback)"))
        )
        // Released for re-engagement: back in the pool, the history kept.
        let released = s.release()
        #expect(released.lead.stage == .new)
        #expect(released.lead.work.rule == nil)
        #expect(released.lead.history.map(\.op.name) == ["created", "nurture", "release"])
        // A manager's routing to nurture can be undone like an assignment.
        let undone = s.undo(s.lead.history.last!.seq, by: "mia")
        #expect(undone.lead.stage == .new)
    }

    @Test func nurtureReleasePicksLeadsRestingLongerThanTheAge() {
        func nurtured(_ n: Int, daysAgo: Int64) -> Lead {
            var s = LeadScript(LeadID.make(n), at: Fixture.t0 - daysAgo * Span.day)
            s.run(.nurture(rule: "low-score"), by: "mia")
            return s.lead
        }
        let now = Fixture.t0
        let leads = [
            nurtured(1, daysAgo: 10), nurtured(2, daysAgo: 95), nurtured(3, daysAgo: 30), nurtured(4, daysAgo: 61),
            LeadScript("L-00005", at: now - 100 * Span.day).assign("ana").lead,
        ]
        #expect(
            NurtureRelease.due(leads, olderThan: 30 * Span.day, now: now).map(\.id) == [
                "L-00002", "L-00004", "L-00003",
            ])
        #expect(NurtureRelease.due(leads, olderThan: 60 * Span.day, now: now).map(\.id) == ["L-00002", "L-00004"])
        #expect(NurtureRelease.due(leads, olderThan: 90 * Span.day, now: now).map(\.id) == ["L-00002"])
        #expect(NurtureRelease.parseAge("30d") == 30 * Span.day)
        #expect(NurtureRelease.parseAge("90") == 90 * Span.day)
        #expect(NurtureRelease.parseAge("2w") == 14 * Span.day)
        for bad in ["", "d", "0d", "-3d", "30x", "３0d", "1.5d"] {
            #expect(NurtureRelease.parseAge(bad) == nil, "\(bad)")
        }
    }
}
