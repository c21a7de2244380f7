import LeadqDomain
import LeadqFormat
import LeadqMetrics
import LeadqTestSupport
import Testing

/// Words a rep reads about their day: confirmations in their zone, the queue table's clocks whole,
/// the score's parts lined up, the agenda and the day's figures.
@Suite struct DayWordsTests {
    let t0 = Fixture.t0

    func saved(_ lead: Lead) -> (Event, Lead) { (Event(lead: lead.id, entry: lead.history.last!), lead) }

    /// Issue 15, defect 3: a manager moving a lead reads whom it was taken from.
    @Test func aReassignmentNamesWhomTheLeadWasTakenFrom() {
        let (e, lead) = saved(LeadScript("L-00267").assign("ana").after(60).assign("ben").lead)
        #expect(Confirmation.text(e, lead: lead) == "Reassigned L-00267 (Grace Müller) from ana to ben")
        let (first, fresh) = saved(LeadScript("L-00268").assign("ana").lead)
        #expect(Confirmation.text(first, lead: fresh) == "Assigned L-00268 (Grace Müller) to ana")
    }

    /// Issue 15, defect 4: a follow-up's confirmation said a raw UTC time, and `f 3` replaced an
    /// open follow-up without a word; now it is local, and says what it moved.
    @Test func aFollowUpIsConfirmedInTheRepsZoneAndSaysWhatItMoved() {
        let berlin = Zone.fixed(Span.hour)
        let script = LeadScript("L-00001").assign("ana").accept(by: "ana")
            .followUp(due: t0 + Span.day, what: "Call CFO re budget", by: "ana")
        let (e1, l1) = saved(script.lead)
        #expect(
            Confirmation.text(e1, lead: l1, now: t0, zone: berlin)
                == "Follow-up on L-00001 (Grace Müller) due tomorrow 10:00: Call CFO re budget")
        let moved = script.replaceFollowUp(due: t0 + 3 * Span.day, what: "", by: "ana").lead
        let (e2, l2) = saved(moved)
        #expect(
            Confirmation.text(e2, lead: l2, now: t0, zone: berlin)
                == "Follow-up on L-00001 (Grace Müller) moved from tomorrow 10:00 to Thu 26 Nov 10:00: Call CFO re budget"
        )
    }

    /// Issue 15, defect 4: undoing a follow-up, and the history, said its time in raw UTC.
    @Test func anUndoneFollowUpAndTheHistorySayTheTimeInTheRepsZone() {
        let berlin = Zone.fixed(Span.hour)
        let scheduled = LeadScript("L-00001").assign("ana").accept(by: "ana")
            .followUp(due: t0 + Span.day, what: "Call CFO", by: "ana")
        let seq = scheduled.lead.history.last!.seq
        let (e, l) = saved(scheduled.undo(seq, by: "ana").lead)
        #expect(
            Confirmation.text(e, lead: l, now: t0, zone: berlin)
                == "Undid Follow-up tomorrow 10:00: Call CFO on L-00001 (Grace Müller)")
        let history = Handoff.sections(
            scheduled.lead, SLA.status(scheduled.lead, now: t0, settings: Fixture.settings), settings: Fixture.settings,
            now: t0, utcOffset: Span.hour
        ).flatMap(\.lines).map(\.text)
        let due = (t0 + Span.day).human(now: t0, utcOffset: Span.hour)
        #expect(history.contains { $0.hasSuffix("ana: Follow-up \(due): Call CFO") }, "\(history)")
        #expect(!history.contains { $0.contains("Z:") }, "\(history)")
    }

    /// Issue 15, defect 5: `leadq queue` cut "decide late 15h" to "decide late 1…".
    @Test(arguments: [80, 100, 160])
    func theQueueTableShowsWholeClocks(_ width: Int) {
        var settings = Fixture.settings
        settings.decisionSLAHours = 24
        // The first touch is met, so the decision is the clock that runs.
        let lead = LeadScript("L-00050").assign("ana").after(60).contact(.call, .noAnswer, by: "ana").lead
        let now = t0 + 39 * Span.hour
        let row = QueueRow(lead: lead, status: SLA.status(lead, now: now, settings: settings))
        let lines = QueueTable.lines([row], settings: settings, now: now, utcOffset: 0, width: width)
        #expect(lines[1].contains("decide late 15h"), "\(width): \(lines[1])")
    }

    /// Issue 15, defect 15: `show`'s score parts didn't line up.
    @Test func scorePartsLineUp() {
        var p = Fixture.profile()
        p.scoreParts = [ScorePart("Job title", 25), ScorePart("Personal email", -10), ScorePart("Webinar", 5)]
        let lead = LeadScript("L-00001", profile: p).lead
        let status = SLA.status(lead, now: t0, settings: Fixture.settings)
        let score = Handoff.sections(lead, status, settings: Fixture.settings, now: t0, utcOffset: 0)
            .first { $0.title.hasPrefix("Score") }!
        let columns = score.lines.map {
            $0.text.firstIndex(of: "J") ?? $0.text.firstIndex(of: "P") ?? $0.text.firstIndex(of: "W")
        }
        let offsets = zip(score.lines, columns).map { $0.text.distance(from: $0.text.startIndex, to: $1!) }
        #expect(Set(offsets).count == 1, "\(score.lines.map(\.text))")
    }

    @Test func theDayCountsCallsConnectsFollowUpsAndHotLeadsTouchedInTime() {
        let hotInTime = LeadScript("L-00001", profile: Fixture.profile(score: 90)).assign("ana")
            .after(120).contact(.call, .connected, by: "ana").lead
        let hotLate = LeadScript("L-00002", profile: Fixture.profile(score: 90)).assign("ana")
            .after(3_600).contact(.call, .noAnswer, by: "ana").lead
        let other = LeadScript("L-00003").assign("ana").accept(by: "ana").after(600)
            .contact(.email, .replied, by: "ana").followUp(due: t0 + 7_200, by: "ana").after(7_300)
            .completeFollowUp(by: "ana").lead
        let bens = LeadScript("L-00004").assign("ben").after(60).contact(.call, .connected, by: "ben").lead
        let day = DayFigures.of(
            [hotInTime, hotLate, other, bens], rep: "ana", now: t0 + 10 * Span.hour, zone: .utc,
            settings: Fixture.settings)
        #expect(day.calls == 2)
        #expect(day.connects == 2)
        #expect(day.followUpsDone == 1)
        #expect((day.hotDue, day.hotInTime) == (2, 1))
        #expect(day.line == "2 calls · 2 connects · 1 follow-up done · hot leads touched in time: 1 of 2")
        #expect(DayFigures.of([bens], rep: nil, now: t0, zone: .utc, settings: Fixture.settings).calls == 1)
    }

    @Test func theAgendaSaysOverdueTodayAndTheWeek() {
        let now = t0 + 2 * Span.hour
        func lead(_ id: String, due: Instant, what: String) -> Lead {
            LeadScript(id, profile: Fixture.profile(name: id)).assign("ana").followUp(due: due, what: what, by: "ana")
                .lead
        }
        let leads = [
            lead("L-1", due: t0 + 3 * Span.hour, what: "today"),
            lead("L-2", due: t0 + 30 * Span.hour, what: "tomorrow"),
            lead("L-3", due: t0 + 9 * Span.day, what: "later"),
            LeadScript("L-4").assign("ana").followUp(due: t0 + Span.hour, what: "overdue", by: "ana").lead,
        ]
        let a = Agenda.of(leads, now: now, zone: .utc)
        #expect(a.overdue.map(\.what) == ["overdue"])
        #expect(a.today.map(\.what) == ["today"])
        #expect(a.week.map(\.what) == ["tomorrow"])
        let text = AgendaText.lines(a, now: now, zone: .utc, width: 100)
        #expect(text.contains { $0.contains("tomorrow 15:00") && $0.contains("L-2") })
    }
}
