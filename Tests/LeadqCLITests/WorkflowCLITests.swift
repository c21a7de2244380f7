import Foundation
import LeadqTestSupport
import Testing

/// Issue 14 as a team meets it on the command line: duplicates held and merged, opportunities won
/// and lost, follow-ups not replaced silently, consent by channel, re-engagement, clocks from the
/// inquiry.
@Suite struct WorkflowCLITests {
    let dir = TempDirectory("leadq-cli-workflow")
    let slot = StoreSlot()
    var store: String { slot.location }
    static let monday = "2026-11-23T10:00:00Z"

    @discardableResult
    func leadq(_ args: [String], rep: String? = nil, at now: String = monday) throws -> LeadqProcess.Result {
        var a = args + ["--store", store]
        if let rep { a += ["--rep", rep] }
        return try LeadqProcess.run(a, env: ["LEADQ_NOW": now, "TZ": "UTC"])
    }

    func show(_ id: String, at now: String = monday) throws -> [String: Any] {
        let r = try leadq(["show", id, "--json"], at: now)
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    }

    /// An empty store for ana and ben (reps) and mia (manager), with these bare profiles imported.
    func setUp(_ lines: [String], at now: String = monday) throws {
        try initStore(at: now)
        try importing(lines, at: now)
    }

    /// These tests assign by hand, so imports leave their leads in the pool (`routing.onArrival` off).
    func initStore(at now: String = monday) throws {
        let made = try leadq(["init", "--reps", "ana,ben", "--managers", "mia"], at: now)
        #expect(made.status == 0, "\(made.stderr)")
        try applySettings(store: store, scratch: dir.path, env: ["LEADQ_NOW": now, "TZ": "UTC"]) {
            $0["routing"] = ["onArrival": false, "rules": [Any]()]
        }
    }

    @discardableResult
    func importing(_ lines: [String], at now: String = monday) throws -> LeadqProcess.Result {
        let file = dir.path + "/leads-\(abs(lines.joined().hashValue)).jsonl"
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let r = try leadq(["import", file], rep: "mia", at: now)
        #expect(r.status == 0, "\(r.stderr)")
        return r
    }

    static func profile(_ id: String, _ name: String, score: Int, email: String, extra: String = "") -> String {
        #"{"origin":"web","originId":"\#(id)","name":"\#(name)","company":"Acme","email":"\#(email)","score":\#(score),"source":"webinar","createdAt":"2026-11-23T09:00:00Z"\#(extra)}"#
    }

    @Test(arguments: StoreKinds.all) func aDuplicateIsHeldThenMergedAndUndoTakesTheMergeBack(_ kind: StoreKind) throws {
        try slot.use(kind)
        try setUp([
            Self.profile("1", "Grace Müller", score: 60, email: "grace@acme.example"),
            Self.profile("2", "Grace Mueller", score: 70, email: "GRACE@acme.example"),
        ])
        let dry = try leadq(["route", "--dry-run", "--json"])
        let plan = try JSONSerialization.jsonObject(with: Data(dry.stdout.utf8)) as! [[String: Any]]
        #expect(plan.map { $0["outcome"] as? String } == ["hold", "hold"])
        #expect((plan[0]["why"] as? String)?.hasPrefix("held for a manager's review: likely duplicate of") == true)

        let byRep = try leadq(["merge", "L-00001", "L-00002"], rep: "ana")
        #expect(byRep.status == 1)
        #expect(byRep.stderr == "leadq: only a manager can merge leads; ana is a rep\n")
        let merged = try leadq(["merge", "L-00001", "L-00002"], rep: "mia")
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout.contains("Merged L-00002 (Grace Mueller) into L-00001 · saved"), "\(merged.stdout)")
        let other = try show("L-00002")
        #expect(other["stage"] as? String == "merged")
        #expect((other["work"] as? [String: Any])?["mergedInto"] as? String == "L-00001")
        let kept = try show("L-00001")
        #expect((kept["work"] as? [String: Any])?["absorbed"] as? [String] == ["L-00002"])
        #expect((kept["status"] as? [String: Any])?["flags"] as? [String] == [])
        let routed = try leadq(["route", "--dry-run", "--json"])
        let after = try JSONSerialization.jsonObject(with: Data(routed.stdout.utf8)) as! [[String: Any]]
        #expect(after.map { $0["lead"] as? String } == ["L-00001"])
        #expect(after.first?["outcome"] as? String == "assign")

        let undo = try leadq(["undo"], rep: "mia")
        #expect(undo.status == 0, "\(undo.stderr)")
        #expect(try show("L-00002")["stage"] as? String == "new")
        #expect(
            ((try show("L-00001"))["status"] as? [String: Any])?["flags"] as? [String] == ["duplicate-email:L-00002"])

        // Merged again, a re-import of both doesn't flag them as each other's duplicates again.
        #expect(try leadq(["merge", "L-00001", "L-00002"], rep: "mia").status == 0)
        try importing([
            Self.profile("1", "Grace Müller", score: 65, email: "grace@acme.example"),
            Self.profile("2", "Grace Mueller", score: 70, email: "GRACE@acme.example"),
        ])
        #expect(((try show("L-00001"))["status"] as? [String: Any])?["flags"] as? [String] == [])
        #expect(try show("L-00002")["stage"] as? String == "merged")
    }

    @Test(arguments: StoreKinds.all) func opportunitiesAreWonOrLostAndReported(_ kind: StoreKind) throws {
        try slot.use(kind)
        try setUp([
            Self.profile("1", "Ada", score: 60, email: "ada@acme.example"),
            Self.profile("2", "Bo", score: 60, email: "bo@beta.example"),
        ])
        for id in ["L-00001", "L-00002"] {
            #expect(try leadq(["assign", id, "--to", "ana"], rep: "mia").status == 0)
            #expect(try leadq(["accept", id], rep: "ana").status == 0)
        }
        let early = try leadq(["won", "L-00001", "--amount", "12000"], rep: "ana")
        #expect(early.status == 1)
        #expect(early.stderr == "leadq: L-00001 is accepted: only a qualified lead's opportunity is won or lost\n")
        for id in ["L-00001", "L-00002"] { #expect(try leadq(["qualify", id], rep: "ana").status == 0) }
        let badAmount = try leadq(["won", "L-00001", "--amount", "12k"], rep: "ana")
        #expect(badAmount.status == 2)
        #expect(badAmount.stderr == "leadq: --amount '12k' is not an amount like 12000 or 12000.50\n")
        let won = try leadq(["won", "L-00001", "--amount", "12,000"], rep: "ana", at: "2026-11-25T10:00:00Z")
        #expect(won.stdout == "Won L-00001 (Ada): 12,000 · saved\n", "\(won.stderr)")
        let notBens = try leadq(["lost", "L-00002", "--reason", "competitor"], rep: "ben")
        #expect(notBens.status == 1)
        #expect(try leadq(["lost", "L-00002", "--reason", "competitor"], rep: "mia").status == 0)
        #expect(try show("L-00002")["stage"] as? String == "lost")
        let report = try leadq(
            ["report", "--from", "2026-11-23", "--to", "2026-11-29", "--format", "csv", "--section", "opportunities"],
            at: "2026-11-27T12:00:00Z")
        let rows = report.stdout.split(separator: "\n").map(String.init)
        #expect(
            rows.first
                == "period,source,sql,won,lost,win_rate,sql_to_close_median_s,sql_to_close_n,open,won_amount")
        #expect(rows.contains("2026-11-23,webinar,2,1,1,0.5000,86400,2,0,12000.00"), "\(report.stdout)")
    }

    @Test(arguments: StoreKinds.all) func aRepsOwnFollowUpIsReplacedOnlyWhenTheySaySo(_ kind: StoreKind) throws {
        try slot.use(kind)
        try setUp([Self.profile("1", "Ada", score: 60, email: "ada@acme.example")])
        #expect(try leadq(["assign", "L-00001", "--to", "ana"], rep: "mia").status == 0)
        let first = try leadq(
            ["followup", "schedule", "L-00001", "--due", "+2d", "--what", "Call the CFO"], rep: "ana")
        #expect(first.status == 0, "\(first.stderr)")
        let second = try leadq(
            ["followup", "schedule", "L-00001", "--due", "+3d", "--what", "Send the deck"], rep: "ana")
        #expect(second.status == 1)
        #expect(
            second.stderr
                == "leadq: L-00001 already has ana's follow-up 'Call the CFO' due 2026-11-25 10:00; replace it (--replace) or complete it first\n"
        )
        let replaced = try leadq(
            ["followup", "schedule", "L-00001", "--due", "+3d", "--what", "Send the deck", "--replace"], rep: "ana")
        #expect(replaced.status == 0, "\(replaced.stderr)")
        let ups = try show("L-00001")["followUps"] as! [[String: Any]]
        #expect(ups.map { $0["status"] as? String } == ["replaced", "open"])
    }

    @Test(arguments: StoreKinds.all) func consentIsByChannelAndShowsWhereItCameFrom(_ kind: StoreKind) throws {
        try slot.use(kind)
        try setUp([Self.profile("1", "Ada", score: 60, email: "ada@acme.example", extra: #","doNotCall":true"#)])
        #expect(try leadq(["assign", "L-00001", "--to", "ana"], rep: "mia").status == 0)
        let call = try leadq(["contact", "L-00001", "--channel", "call", "--outcome", "no-answer"], rep: "ana")
        #expect(call.status == 1)
        #expect(call.stderr == "leadq: L-00001 is on do-not-call (no calls or SMS): an outbound call can't be logged\n")
        let email = try leadq(["contact", "L-00001", "--channel", "email", "--outcome", "no-answer"], rep: "ana")
        #expect(email.status == 0, "\(email.stderr)")
        let shown = try leadq(["show", "L-00001"])
        #expect(
            shown.stdout.contains(
                "Consent: do-not-call (web import, 2026-11-23); outreach only by email, social, meeting"),
            "\(shown.stdout)")
    }

    @Test(arguments: StoreKinds.all) func nurtureLeadsComeBackByTheStepsAndWhenTheyTurnHot(_ kind: StoreKind) throws {
        try slot.use(kind)
        try setUp([
            Self.profile("1", "Ada", score: 60, email: "ada@acme.example"),
            Self.profile("2", "Bo", score: 40, email: "bo@beta.example"),
        ])
        for id in ["L-00001", "L-00002"] {
            #expect(try leadq(["assign", id, "--to", "ana"], rep: "mia").status == 0)
            #expect(try leadq(["clawback", id, "--reason", "not-now"], rep: "ana").status == 0)
        }
        // Bo's score turns hot in a re-import: released and routed at once.
        let hot = try importing(
            [Self.profile("2", "Bo", score: 92, email: "bo@beta.example")], at: "2026-12-01T10:00:00Z")
        #expect(
            hot.stdout.contains("Released L-00002 (Bo) from nurture: its score turned hot; assigned to"),
            "\(hot.stdout)")
        #expect(try show("L-00002", at: "2026-12-01T10:00:00Z")["stage"] as? String == "assigned")
        let early = try leadq(["nurture", "release", "--dry-run"], rep: "mia", at: "2026-12-23T09:00:00Z")
        #expect(
            early.stdout.hasSuffix(
                "0 nurture leads due by the re-engagement steps would return · nothing saved (dry run)\n"))
        // Ada rested 30 days: the first step.
        let due = try leadq(["nurture", "release"], rep: "mia", at: "2026-12-23T10:00:00Z")
        #expect(due.status == 0, "\(due.stderr)")
        #expect(due.stdout.contains("Released L-00001 (Ada) · step 1 → pool"), "\(due.stdout)")
        let history = try leadq(["history", "L-00001"], at: "2026-12-23T10:00:00Z")
        #expect(history.stdout.contains("Released from nurture (re-engagement step 1)"), "\(history.stdout)")
    }

    @Test(arguments: StoreKinds.all) func theFirstTouchClockStartsAtTheInquiryAndThePoolWaitShows(_ kind: StoreKind)
        throws
    {
        try slot.use(kind)
        try setUp([Self.profile("1", "Ada", score: 85, email: "ada@acme.example")])
        // It arrived at 10:00: six minutes later it has waited past the five.
        let pool = try leadq(["queue", "--pool"], at: "2026-11-23T10:06:00Z")
        #expect(
            pool.stdout.hasPrefix("unassigned pool · 1 leads · 1 hot waiting past 5 min · hottest first"),
            "\(pool.stdout)")
        #expect(try leadq(["assign", "L-00001", "--to", "ana"], rep: "mia").status == 0)
        let status = try show("L-00001")["status"] as! [String: Any]
        let touch = status["firstTouch"] as! [String: Any]
        #expect(touch["deadline"] as? String == "2026-11-23T09:05:00Z")
        #expect(touch["breached"] as? Bool == true)
    }

    @Test(arguments: StoreKinds.all) func aCRMsOpportunityOutcomesAreRecordedOnQualifiedLeads(_ kind: StoreKind) throws
    {
        try slot.use(kind)
        try initStore()
        let leads = dir.path + "/leads.csv"
        try """
        Id,FirstName,LastName,Company,Email
        00Q5g00000AbCdE1AA,Ada,Lovelace,Acme,ada@acme.example
        00Q5g00000AbCdE2AA,Bo,Chen,Beta,bo@beta.example
        00Q5g00000AbCdE3AA,Cy,Dee,Gamma,cy@gamma.example

        """.write(toFile: leads, atomically: true, encoding: .utf8)
        #expect(try leadq(["import", leads], rep: "mia").status == 0)
        for id in ["L-00001", "L-00002", "L-00003"] {
            #expect(try leadq(["assign", id, "--to", "ana"], rep: "mia").status == 0)
            #expect(try leadq(["accept", id], rep: "ana").status == 0)
        }
        for id in ["L-00001", "L-00002"] { #expect(try leadq(["qualify", id], rep: "ana").status == 0) }
        let opportunities = dir.path + "/opportunities.csv"
        try """
        Id,StageName,Amount,Loss_Reason__c
        00Q5g00000AbCdE1AA,Closed Won,"12,000.50",
        00Q5g00000AbCdE2AA,Closed Lost,5000,Price
        00Q5g00000AbCdE3AA,Closed Won,100,

        """.write(toFile: opportunities, atomically: true, encoding: .utf8)
        let r = try leadq(["import", opportunities], rep: "mia", at: "2026-11-30T10:00:00Z")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Recorded 2 opportunity outcomes: 1 won, 1 lost"), "\(r.stdout)")
        #expect(
            r.stdout.contains(
                "Outcome not recorded: line 4: L-00003 is accepted, not qualified: its outcome (won) was not recorded"),
            "\(r.stdout)")
        let won = try show("L-00001", at: "2026-11-30T10:00:00Z")
        #expect(won["stage"] as? String == "won")
        #expect((won["work"] as? [String: Any])?["amountCents"] as? Int == 1_200_050)
        let lost = try show("L-00002", at: "2026-11-30T10:00:00Z")
        #expect(lost["stage"] as? String == "lost")
        #expect((lost["work"] as? [String: Any])?["reason"] as? String == "Price")
        // Imported again, nothing changes.
        let again = try leadq(["import", opportunities], rep: "mia", at: "2026-11-30T11:00:00Z")
        #expect(!again.stdout.contains("Recorded"), "\(again.stdout)")
    }
}
