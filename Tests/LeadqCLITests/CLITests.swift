import Foundation
import LeadqTestSupport
import Testing

/// The CLI as scripts use it: real processes, real files, exit codes and messages.
@Suite struct CLITests {
    let dir = TempDirectory("leadq-cli")
    let slot = StoreSlot()
    var store: String { slot.location }
    let now = "2026-11-23T10:00:00Z"

    func leadq(_ args: String..., rep: String? = nil) throws -> LeadqProcess.Result {
        var a = Array(args) + ["--store", store]
        if let rep { a += ["--rep", rep] }
        return try LeadqProcess.run(a, env: ["LEADQ_NOW": now])
    }

    func json(_ r: LeadqProcess.Result) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    }

    /// The id of the first lead in `rep`'s queue with this stage.
    func firstLead(of rep: String, stage: String) throws -> String {
        let r = try leadq("queue", "--json", rep: rep)
        let rows = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [[String: Any]]
        return rows.first { $0["stage"] as? String == stage }!["id"] as! String
    }

    @Test(arguments: StoreKinds.all) func demoThenASortedQueue(_ kind: StoreKind) throws {
        try slot.use(kind)
        let made = try leadq("demo", "--leads", "300", "--seed", "5")
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.contains("Demo store with 300 leads"))
        let q = try leadq("queue", rep: "ana")
        #expect(q.status == 0, "\(q.stderr)")
        let lines = q.stdout.split(separator: "\n")
        #expect(lines[0].hasPrefix("ana · "))
        #expect(lines[1].hasPrefix("ID "))
        let rows =
            try JSONSerialization.jsonObject(with: Data(try leadq("queue", "--json", rep: "ana").stdout.utf8))
            as! [[String: Any]]
        #expect(rows.count == lines.count - 2)
        let scores = rows.map { $0["score"] as! Int }
        #expect(scores == scores.sorted(by: >))
        #expect(
            rows.allSatisfy {
                ["assigned", "accepted"].contains($0["stage"] as! String) && $0["owner"] as? String == "ana"
            })
    }

    /// A bigger team over the same leads (the million-lead benchmark's 400-rep variant).
    @Test(arguments: StoreKinds.all) func demoWithMoreReps(_ kind: StoreKind) throws {
        try slot.use(kind)
        let made = try leadq("demo", "--leads", "600", "--seed", "5", "--reps", "40")
        #expect(made.status == 0, "\(made.stderr)")
        let settings = try leadq("settings", "show")
        #expect(settings.status == 0, "\(settings.stderr)")
        let reps = (try json(settings)["team"] as! [[String: Any]]).filter { ($0["role"] as? String ?? "rep") == "rep" }
        #expect(reps.count == 40)
        let queue = try leadq("queue", "--json", rep: "rep34")
        #expect(queue.status == 0 && queue.stdout.contains("\"owner\":\"rep34\""), "\(queue.stderr)")
        let tooFew = try leadq("demo", "--leads", "600", "--reps", "3", "--force")
        #expect(tooFew.status == 2 && tooFew.stderr.contains("--reps must be between 6 and 2000"))
    }

    // Long by design: one lead's life through every command, each step acting on what the one before left.
    @Test(arguments: StoreKinds.all) func everyActionAndItsRefusal(_ kind: StoreKind) throws {
        try slot.use(kind)
        _ = try leadq("demo", "--leads", "300", "--seed", "5")
        let assigned = try firstLead(of: "ana", stage: "assigned")
        let accepted = try firstLead(of: "ana", stage: "accepted")

        let notMine = try leadq("accept", assigned, rep: "ben")
        #expect(notMine.status == 1)
        #expect(notMine.stderr == "leadq: \(assigned) is ana's lead; only ana or a manager can accept it\n")

        let acc = try leadq("accept", assigned, rep: "ana")
        #expect(acc.status == 0, "\(acc.stderr)")
        #expect(acc.stdout.hasPrefix("Accepted \(assigned)"))
        #expect(acc.stdout.hasSuffix("· saved\n"))

        let badReason = try leadq("reject", accepted, "--reason", "meh", rep: "ana")
        #expect(badReason.status == 1)
        #expect(badReason.stderr.hasPrefix("leadq: unknown reason code 'meh'; the catalog has: no-budget"))

        let noNote = try leadq("reject", accepted, "--reason", "other", rep: "ana")
        #expect(noNote.stderr == "leadq: reason 'other' needs a note saying why\n")

        let rej = try leadq("reject", accepted, "--reason", "no-budget", "--note", "Budget frozen until Q2", rep: "ana")
        #expect(rej.status == 0)
        let shown = try json(try leadq("show", accepted, "--json"))
        #expect(shown["stage"] as? String == "rejected")
        #expect((shown["work"] as! [String: Any])["reason"] as? String == "no-budget")

        let again = try leadq("accept", accepted, rep: "ana")
        #expect(again.status == 1)
        #expect(
            again.stderr == "leadq: \(accepted) was already rejected by ana at 10:00 (no-budget); you can't accept it\n"
        )

        // With no follow-up open, an unanswered call schedules the next one by the cadence.
        _ = try leadq("followup", "drop", assigned, rep: "ana")
        let call = try leadq("contact", assigned, "--channel", "call", "--outcome", "no-answer", rep: "ana")
        #expect(call.stdout.contains("; follow-up "), "\(call.stdout)")
        #expect(call.stdout.contains("by cadence (call)"), "\(call.stdout)")
        let fu = try leadq(
            "followup", "schedule", assigned, "--due", "tomorrow 15:00", "--what", "Call the CFO", rep: "ana")
        // Times are said in the rep's zone, and moving the cadence's follow-up says so.
        #expect(fu.stdout.contains("moved from "), "\(fu.stdout)")
        #expect(fu.stdout.contains(" to tomorrow 15:00: Call the CFO"), "\(fu.stdout)")
        let done = try leadq("followup", "done", assigned, rep: "ana")
        #expect(done.status == 0, "\(done.stderr)")
        let none = try leadq("followup", "done", assigned, rep: "ana")
        #expect(none.stderr == "leadq: \(assigned) has no open follow-up\n")
        let badDue = try leadq("followup", "schedule", assigned, "--due", "someday", rep: "ana")
        #expect(badDue.status == 2)

        let claw = try leadq("clawback", assigned, "--reason", "not-now", rep: "ana")
        #expect(claw.stdout.hasPrefix("Clawed back \(assigned) ("))
        #expect(claw.stdout.contains("to nurture: not-now · saved"))
        let undo = try leadq("undo", rep: "ana")
        #expect(undo.stdout.hasPrefix("Undid Clawed back: not-now on \(assigned)"), "\(undo.stdout)")
        #expect(try json(try leadq("show", assigned, "--json"))["stage"] as? String == "accepted")

        let q = try leadq("qualify", assigned, "--note", "Demo booked", rep: "ana")
        #expect(q.status == 0)
        let hist = try leadq("history", assigned)
        #expect(hist.stdout.contains("Clawed back: not-now (undone)"))
        #expect(hist.stdout.contains("Undid #"))

        let assign = try leadq("assign", assigned, "--to", "ben", rep: "ana")
        #expect(
            assign.stderr.contains("only a manager can assign leads") || assign.stderr.contains("was already qualified")
        )
        #expect(assign.status == 1)
    }

    @Test(arguments: StoreKinds.all) func usageAndStoreErrorsHaveTheirExitCodes(_ kind: StoreKind) throws {
        try slot.use(kind)
        let missing = try leadq("queue", rep: "ana")
        #expect(missing.status == 3)
        // A directory has no settings.json yet; a database has no leadq schema yet.
        let what = slot.isFiles ? "no settings.json there" : "no leadq schema there"
        #expect(
            missing.stderr
                == "leadq: no leadq store at \(store) (\(what)); create one with `leadq init` or `leadq demo`\n"
        )
        let usage = try LeadqProcess.run([
            "contact", "L-1", "--channel", "fax", "--outcome", "connected", "--store", store,
        ])
        #expect(usage.status == 2)
        #expect(usage.stderr.contains("fax"))
        _ = try leadq("demo", "--leads", "20")
        let unknown = try leadq("accept", "L-99999", rep: "ana")
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "leadq: no lead L-99999 in this store\n")
        let stranger = try leadq("accept", "L-00001", rep: "mallory")
        #expect(stranger.status == 1)
        #expect(
            stranger.stderr
                == "leadq: 'mallory' is not on the team in this store's settings; use --rep or add them to the team with `leadq team add`\n"
        )
        let badNow = try LeadqProcess.run(["queue", "--store", store, "--rep", "ana"], env: ["LEADQ_NOW": "yesterday"])
        #expect(badNow.status == 2)
    }

    @Test(arguments: StoreKinds.all) func staleClawbackDryRunThenForReal(_ kind: StoreKind) throws {
        try slot.use(kind)
        _ = try leadq("demo", "--leads", "300", "--seed", "5")
        let dry = try leadq("clawback", "--stale", "--dry-run", rep: "mia")
        #expect(dry.status == 0)
        let would = dry.stdout.split(separator: "\n").filter { $0.hasPrefix("would claw back") }
        #expect(!would.isEmpty)
        let real = try leadq("clawback", "--stale", rep: "mia")
        #expect(real.stdout.hasSuffix("\(would.count) leads clawed back to nurture · saved\n"), "\(real.stdout)")
        let after = try leadq("clawback", "--stale", "--dry-run", rep: "mia")
        #expect(after.stdout.contains("0 leads due for clawback"))
    }

    @Test(arguments: StoreKinds.all) func hostileTextIsInertInTables(_ kind: StoreKind) throws {
        try slot.use(kind)
        _ = try leadq("demo", "--leads", "20", "--seed", "42")
        // Demo lead L-00007 carries an OSC title sequence and a bidi override from a web form.
        let show = try leadq("show", "L-00007")
        #expect(!show.stdout.contains("\u{1B}"))
        #expect(!show.stdout.unicodeScalars.contains { $0.value == 0x202E || $0.value == 0x07 })
        #expect(show.stdout.contains("Evil"))
        let raw = try json(try leadq("show", "L-00007", "--json"))
        #expect((raw["profile"] as! [String: Any])["company"] as? String == "Evil\u{1B}]0;pwned\u{07} Corp\u{1B}[31m")
    }
}

/// Several processes on one store at once: nothing lost, nothing interleaved, conflicts refused.
@Suite(.serialized) struct MultiProcessTests {
    let dir = TempDirectory("leadq-multi")
    let slot = StoreSlot()
    var store: String { slot.location }

    @Test(arguments: StoreKinds.all) func concurrentWritersLoseNothing(_ kind: StoreKind) throws {
        try slot.use(kind)
        #expect(try LeadqProcess.run(["demo", "--leads", "60", "--store", store]).status == 0)
        let before = try LeadqProcess.run(["verify", "--store", store]).stdout
        var active: [String] = []
        for rep in ["ana", "ben", "chen"] {
            let q = try LeadqProcess.run(["queue", "--json", "--store", store, "--rep", rep])
            active += (try JSONSerialization.jsonObject(with: Data(q.stdout.utf8)) as! [[String: Any]]).map {
                $0["id"] as! String
            }
        }
        #expect(active.count >= 5)
        let targets = (0..<8).map { w in w < 4 ? active[0] : active[w - 3] }
        // Four processes on the same lead and four on their own leads, all at once, as the manager.
        var running: [LeadqProcess.Running] = []
        for w in 0..<8 {
            let lead = targets[w]
            for i in 0..<6 {
                running.append(
                    try LeadqProcess.start([
                        "contact", lead, "--channel", "email", "--outcome", "replied", "--note", "w\(w)-\(i)",
                        "--store", store, "--rep", "mia", "--inbound",
                    ]))
            }
        }
        let results = running.map { $0.finish() }
        for r in results { #expect(r.status == 0, "\(r.stderr)") }
        let ok = results.filter { $0.status == 0 }.count
        #expect(ok == 48)
        let verify = try LeadqProcess.run(["verify", "--store", store])
        #expect(verify.status == 0, "\(verify.stderr)")
        let seqBefore = Int(before.split(separator: " ")[5])!
        let seqAfter = Int(verify.stdout.split(separator: " ")[5])!
        #expect(seqAfter - seqBefore == ok)
        // Every reported note is there exactly once.
        var notes: [String] = []
        for lead in Set(targets) {
            let j = try LeadqProcess.run(["show", lead, "--json", "--store", store])
            let obj = try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as! [String: Any]
            notes += (obj["contacts"] as! [[String: Any]]).compactMap { $0["note"] as? String }.filter {
                $0.hasPrefix("w")
            }
        }
        #expect(notes.count == ok)
        #expect(Set(notes).count == ok)
    }

    @Test(arguments: StoreKinds.all) func twoRepsRacingForOneLeadExactlyOneWins(_ kind: StoreKind) throws {
        try slot.use(kind)
        #expect(try LeadqProcess.run(["demo", "--leads", "100", "--store", store]).status == 0)
        let q = try LeadqProcess.run(["queue", "--json", "--store", store, "--rep", "ana"])
        let rows = try JSONSerialization.jsonObject(with: Data(q.stdout.utf8)) as! [[String: Any]]
        let ids = rows.filter { $0["stage"] as? String == "assigned" }.map { $0["id"] as! String }
        #expect(!ids.isEmpty)
        for id in ids {
            // ana accepts while the manager rejects the same lead.
            let a = try LeadqProcess.start(["accept", id, "--store", store, "--rep", "ana"])
            let b = try LeadqProcess.start(["reject", id, "--reason", "duplicate", "--store", store, "--rep", "mia"])
            let ra = a.finish()
            let rb = b.finish()
            let winners = [ra, rb].filter { $0.status == 0 }
            let losers = [ra, rb].filter { $0.status != 0 }
            if winners.count == 2 {
                // Accept then reject is a legal sequence: both may win, in that order only.
                let j = try LeadqProcess.run(["history", id, "--store", store]).stdout
                #expect(j.range(of: "Accepted")!.lowerBound < j.range(of: "Rejected")!.lowerBound)
            } else {
                #expect(winners.count == 1)
                #expect(losers.count == 1)
                #expect(losers[0].status == 1)
                #expect(losers[0].stderr.contains("already"), "\(losers[0].stderr)")
            }
        }
        #expect(try LeadqProcess.run(["verify", "--store", store]).status == 0)
    }
}
