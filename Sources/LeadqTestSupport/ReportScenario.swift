import LeadqDomain

/// An instant from an ISO 8601 literal, for tests.
public func iso(_ s: String) -> Instant { Instant(iso8601: s)! }

extension LeadScript {
    /// The script's clock set to an absolute time.
    public func at(_ t: String) -> LeadScript {
        var c = self
        c.now = iso(t)
        return c
    }
    public var lastSeq: Int64 { lead.history.last!.seq }
}

/// A hand-built store of two weeks (Mon 2026-11-16 to Sun 2026-11-29, UTC) where every report
/// figure is worked out by hand in the comments, for the metrics and `leadq report` tests.
/// `now` is Friday 2026-11-27 12:00. Times are UTC; "+5m" is after the previous step.
/// Response = first contact − assignment.
public enum ReportScenario {
    public static let now = iso("2026-11-27T12:00:00Z")
    /// The figures below were worked out with the first-touch clock starting at the assignment;
    /// `ReportInquiryTests` reads the same store with the clock from the inquiry (the default).
    public static var settings: Settings {
        var s = Fixture.settings
        s.firstTouchFrom = .assignment
        return s
    }

    public static func profile(_ name: String, score: Int, source: String, dnc: Bool = false) -> Profile {
        var p = Fixture.profile(name: name, score: score, email: "\(name.lowercased())@example.com", doNotContact: dnc)
        p.source = source
        return p
    }

    public static func lead(
        _ id: String, _ name: String, score: Int, source: String, dnc: Bool = false, created: String
    ) -> LeadScript {
        var p = profile(name, score: score, source: source, dnc: dnc)
        p.createdAt = iso(created)
        // Sequence numbers stay unique across the store: each lead gets its own hundred.
        return LeadScript(id, profile: p, at: iso(created), firstSeq: Int64(LeadID.number(id) ?? 0) * 100)
    }

    public static var leads: [Lead] {
        var out: [Lead] = []
        // ana, week 1
        // A1 hot webinar: response 2m (≤5m, met); accepted +1h; qualified 1 d later.
        out.append(
            lead("L-00001", "A1", score: 85, source: "webinar", created: "2026-11-16T09:00:00Z")
                .after(600).assign("ana").after(120).contact(.call, .connected, by: "ana")
                .at("2026-11-16T10:10:00Z").accept(by: "ana").at("2026-11-17T10:10:00Z").qualify(by: "ana").lead)
        // A2 hot paid-search: response 10m (hot: late); rejected no-budget +2h without accepting.
        out.append(
            lead("L-00002", "A2", score: 90, source: "paid-search", created: "2026-11-16T10:00:00Z")
                .after(300).assign("ana").after(600).contact(.call, .connected, by: "ana")
                .at("2026-11-16T12:05:00Z").reject("no-budget", by: "ana").lead)
        // A3 warm webinar, created Sunday of week 1: response 4m; accepted 30h after assignment, in
        // week 2 (decision late); a follow-up due 11-25 10:00 never done (overdue now).
        out.append(
            lead("L-00003", "A3", score: 50, source: "webinar", created: "2026-11-22T08:00:00Z")
                .after(300).assign("ana").after(240).contact(.email, .replied, by: "ana")
                .at("2026-11-23T14:05:00Z").accept(by: "ana")
                .after(300).followUp(due: iso("2026-11-25T10:00:00Z"), by: "ana").lead)
        // A4 warm paid-search: response 30m; accepted +1h; follow-up due 11-18 12:00 left open, then
        // clawed back to nurture 11-19 09:05 (the follow-up is cancelled, not overdue).
        out.append(
            lead("L-00004", "A4", score: 50, source: "paid-search", created: "2026-11-18T09:00:00Z")
                .after(300).assign("ana").after(1800).contact(.call, .connected, by: "ana")
                .at("2026-11-18T10:05:00Z").accept(by: "ana").followUp(due: iso("2026-11-18T12:00:00Z"), by: "ana")
                .at("2026-11-19T09:05:00Z").clawback("not-now", by: "ana").lead)
        // A5 cold cold-list: response 3h (late); rejected bad-data 4h after assignment.
        out.append(
            lead("L-00005", "A5", score: 20, source: "cold-list", created: "2026-11-18T10:00:00Z")
                .after(300).assign("ana").after(3 * 3600).contact(.call, .connected, by: "ana")
                .at("2026-11-18T14:05:00Z").reject("bad-data", by: "ana").lead)
        // A7 warm webinar, do-not-contact: no first-touch clock; accepted +1h; rejected no-consent +2h.
        out.append(
            lead("L-00007", "A7", score: 70, source: "webinar", dnc: true, created: "2026-11-19T09:00:00Z")
                .after(300).assign("ana").after(3600).accept(by: "ana").after(3600).reject("no-consent", by: "ana").lead
        )
        // A8 warm webinar: ana never touches it; mia reassigns it to ben 3h later (ana's first touch
        // late by handover); ben's response 1m; ben accepts 11-23 10:00 (decision late, ~70h);
        // ben does a follow-up (done 11-26) and schedules another for 11-28 (not overdue).
        out.append(
            lead("L-00008", "A8", score: 45, source: "webinar", created: "2026-11-20T09:00:00Z")
                .after(300).assign("ana").after(3 * 3600).assign("ben").after(60).contact(.call, .connected, by: "ben")
                .at("2026-11-23T10:00:00Z").accept(by: "ben").after(300).followUp(
                    due: iso("2026-11-26T09:00:00Z"), by: "ben"
                )
                .at("2026-11-26T10:00:00Z").completeFollowUp(by: "ben").followUp(
                    due: iso("2026-11-28T09:00:00Z"), by: "ben"
                ).lead)
        // ben, week 1
        // B1 hot referral: response 3m; accepted +30m; qualified 11-24 10:00 (week 2).
        out.append(
            lead("L-00011", "B1", score: 82, source: "referral", created: "2026-11-17T09:00:00Z")
                .after(300).assign("ben").after(180).contact(.call, .connected, by: "ben")
                .at("2026-11-17T09:35:00Z").accept(by: "ben").at("2026-11-24T10:00:00Z").qualify(by: "ben").lead)
        // B2 warm referral: response 20m; accepted +1h; follow-up due 15:00 done 16:00; rejected
        // not-decision-maker a day after accepting.
        out.append(
            lead("L-00012", "B2", score: 40, source: "referral", created: "2026-11-17T10:00:00Z")
                .after(300).assign("ben").after(1200).contact(.call, .connected, by: "ben")
                .at("2026-11-17T11:05:00Z").accept(by: "ben").followUp(due: iso("2026-11-17T15:00:00Z"), by: "ben")
                .at("2026-11-17T16:00:00Z").completeFollowUp(by: "ben")
                .at("2026-11-18T11:05:00Z").reject("not-decision-maker", by: "ben").lead)
        // B3 warm paid-search: response 2h (late); rejected no-budget +3h without accepting.
        out.append(
            lead("L-00013", "B3", score: 55, source: "paid-search", created: "2026-11-18T11:00:00Z")
                .after(300).assign("ben").after(7200).contact(.call, .connected, by: "ben")
                .at("2026-11-18T14:05:00Z").reject("no-budget", by: "ben").lead)
        // week 2
        // A6 warm webinar: assigned 2h ago, no contact (first touch late, still running; decision not due).
        out.append(
            lead("L-00006", "A6", score: 60, source: "webinar", created: "2026-11-27T09:00:00Z")
                .at("2026-11-27T10:00:00Z").assign("ana").lead)
        // A9 warm webinar: ana rejects bad-fit, undoes it, accepts. The rejection must not count.
        var a9 = lead("L-00009", "A9", score: 50, source: "webinar", created: "2026-11-27T11:30:00Z")
            .at("2026-11-27T11:40:00Z").assign("ana").at("2026-11-27T11:52:00Z").reject("bad-fit", by: "ana")
        a9 = a9.after(60).undo(a9.lastSeq, by: "ana").at("2026-11-27T11:55:00Z").accept(by: "ana")
        out.append(a9.lead)
        // C1 webinar, never assigned.
        out.append(lead("L-00021", "C1", score: 50, source: "webinar", created: "2026-11-24T09:00:00Z").lead)
        // D1 organic: assigned to dana, assignment undone (still in the pool; dana has no handoff).
        var d1 = lead("L-00022", "D1", score: 50, source: "Organic", created: "2026-11-25T09:00:00Z").after(60).assign(
            "dana")
        d1 = d1.after(60).undo(d1.lastSeq, by: "mia")
        out.append(d1.lead)
        // before the window
        // P1 warm webinar, created and accepted 11-10; rejected bad-fit in week 1 (counts as a
        // rejection and an accepted-stage stay of 6d 1h55m, not as a handoff or in a cohort).
        out.append(
            lead("L-00031", "P1", score: 35, source: "webinar", created: "2026-11-10T09:00:00Z")
                .after(300).assign("ana").after(3600).accept(by: "ana").at("2026-11-16T12:00:00Z").reject(
                    "bad-fit", by: "ana"
                ).lead)
        return out
    }
}
