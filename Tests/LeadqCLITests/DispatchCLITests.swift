import Foundation
import LeadqDomain
import LeadqTestSupport
import Testing

/// `leadq dispatch` end to end: the real binary running against a store while imports, reps'
/// actions, restarts, a kill and clock jumps happen (its clock is the test's clock file); every
/// routing, clawback, release and alert it should make, made exactly once.
@Suite struct DispatchCLITests {
    let dir = TempDirectory("leadq-dispatch-e2e")
    var store: String { dir.path + "/store" }
    var clockFile: String { dir.path + "/clock" }
    var alertsFile: String { dir.path + "/alerts.jsonl" }
    var flakyFile: String { dir.path + "/flaky.jsonl" }
    let t0 = Instant(iso8601: "2026-11-23T09:00:00Z")!
    let minute = Span.minute
    let day = Span.day

    func setClock(_ t: Instant) throws {
        try (t.iso8601 + "\n").write(toFile: clockFile, atomically: true, encoding: .utf8)
    }

    func leadq(_ args: [String], at t: Instant, rep: String? = "mia") throws -> LeadqProcess.Result {
        var a = args + ["--store", store]
        if let rep { a += ["--rep", rep] }
        return try LeadqProcess.run(a, env: ["LEADQ_NOW": t.iso8601])
    }

    func daemon(_ name: String, _ extra: [String] = []) throws -> DispatchDaemon {
        try DispatchDaemon(
            store: store, dir: dir.path, name: name, extra: extra, env: ["LEADQ_CLOCK_FILE": clockFile])
    }

    /// The alerts a notify command got, one JSON object a line.
    func alerts(_ file: String) -> [[String: Any]] {
        let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    func keys(_ file: String) -> [String] { alerts(file).map { $0["key"] as? String ?? "?" } }

    /// Waits until both commands got `count` alerts in all and `d` logged each delivery it made
    /// (it saves its ledger right after), `before` of them having come before `d` started.
    func settle(_ d: DispatchDaemon, alerts count: Int, before: Int) -> Bool {
        let done = DispatchDaemon.waitUntil(15) {
            keys(alertsFile).count >= count && keys(flakyFile).count >= count
                && d.log.components(separatedBy: " sent ").count - 1 >= 2 * (count - before)
        }
        usleep(500_000)
        return done != nil
    }

    func history(_ id: String) throws -> [[String: Any]] {
        let r = try leadq(["show", id, "--json"], at: t0, rep: nil)
        return (try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any])["history"]
            as! [[String: Any]]
    }

    /// The dispatcher's entries on a lead: "op to/reason/note".
    func dispatched(_ id: String) throws -> [String] {
        try history(id).filter { $0["by"] as? String == "dispatch" }.map { e in
            let detail = [e["to"], e["rule"], e["reason"], e["note"]].compactMap { $0 as? String }
            return ([e["op"] as! String] + detail).joined(separator: " ")
        }
    }

    func stage(_ id: String, at t: Instant) throws -> String {
        let r = try leadq(["show", id, "--json"], at: t, rep: nil)
        return (try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any])["stage"] as! String
    }

    func makeStore(away: Bool) throws {
        if !FileManager.default.fileExists(atPath: store + "/settings.json") {
            #expect(try leadq(["init", "--reps", "ana,ben", "--managers", "mia"], at: t0, rep: nil).status == 0)
        }
        let path = store + "/settings.json"
        var s = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
        s["team"] = [
            ["id": "ana", "name": "Ana", "role": "rep", "away": away],
            ["id": "ben", "name": "Ben", "role": "rep", "away": away],
            ["id": "mia", "name": "Mia", "role": "manager"],
        ]
        // Lead text reaches the commands only on stdin; the flaky one fails its very first call.
        s["notify"] = [
            ["command": ["/bin/sh", "-c", "cat >> \"$0\"", alertsFile]],
            [
                "command": [
                    "/bin/sh", "-c",
                    "if [ -e \"$0.failed\" ]; then cat >> \"$0\"; else touch \"$0.failed\"; echo 'pager down' >&2; exit 3; fi",
                    flakyFile,
                ]
            ],
        ]
        s["dispatch"] = ["notifyRetrySeconds": 1]
        try JSONSerialization.data(withJSONObject: s).write(to: URL(fileURLWithPath: path))
    }

    @Test func theDispatcherRoutesClawsBackReleasesAndAlertsEachOnceThroughRestartsAKillAndClockJumps() throws {
        try makeStore(away: true)
        try setClock(t0)
        try everyoneAway()
        let restarted = try repsBack()
        try takeOver(from: restarted)
        try checkHistories()
        try checkAlerts()
    }

    /// `dispatch --once` from cron: the first run routes the pool and sends the alerts due; the
    /// next finds nothing left to do and repeats none of it.
    @Test func cronRunsOfDispatchOnceActOnceThenFindNothingToDo() throws {
        try makeStore(away: true)
        let csv = dir.path + "/leads.csv"
        try """
        Record ID,First Name,Last Name,Email,Company Name,HubSpot Score
        5201,Hanako,Suzuki,hanako@atlas.example,Atlas,95
        5202,Ines,Moreau,ines@moreau.example,Moreau SA,55

        """.write(toFile: csv, atomically: true, encoding: .utf8)
        #expect(try leadq(["import", csv], at: t0).status == 0)
        try makeStore(away: false)
        let first = try leadq(["dispatch", "--once"], at: t0 + 6 * minute, rep: nil)
        #expect(first.status == 0, "\(first.stderr)")
        let routed = try dispatched("L-00001") + dispatched("L-00002")
        #expect(routed.filter { $0.hasPrefix("assign") }.count == 2, "\(routed)")
        let sent = keys(alertsFile)
        #expect(sent.contains { $0.hasPrefix("hot-assigned/L-00001") || $0.hasPrefix("pool-hot/L-00001") }, "\(sent)")
        let again = try leadq(["dispatch", "--once"], at: t0 + 7 * minute, rep: nil)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try dispatched("L-00001") + dispatched("L-00002") == routed)
        #expect(keys(alertsFile) == sent)
    }

    /// Everyone away: one dispatcher, a second refused naming the first; an import's hot lead waits
    /// in the pool past 5 minutes and the managers hear of it (the flaky command on a retry).
    func everyoneAway() throws {
        let first = try daemon("first")
        #expect(DispatchDaemon.waitUntil(10) { first.log.contains("dispatching \(store)") } != nil, "\(first.errors)")
        let second = try LeadqProcess.run(["dispatch", "--store", store], env: ["LEADQ_CLOCK_FILE": clockFile])
        #expect(second.status == 1)
        #expect(second.stderr.contains("PID \(first.pid) (leadq dispatch) holds its lease"), "\(second.stderr)")
        let csv = dir.path + "/leads.csv"
        try """
        Record ID,First Name,Last Name,Email,Company Name,HubSpot Score
        5101,Hanako,Suzuki,hanako@atlas.example,Atlas,95
        5102,Ines,Moreau,ines@moreau.example,Moreau SA,55

        """.write(toFile: csv, atomically: true, encoding: .utf8)
        let imported = try leadq(["import", csv], at: t0)
        #expect(
            imported.stdout.contains(
                "Routed on arrival (routing.onArrival): 0 assigned, 0 to nurture, 2 stay in the pool"),
            "\(imported.stdout)")
        try setClock(t0 + 6 * minute)
        #expect(settle(first, alerts: 1, before: 0), "\(first.log)")
        #expect(first.stop() == 0)
        #expect(first.log.contains("failed to send pool-hot/L-00001/"), "the flaky command's first call failed")
    }

    /// The reps are back: a new dispatcher routes the pool within 5 s without saying the old alert
    /// again; then the SLA warnings and a follow-up come due as the clock moves.
    func repsBack() throws -> DispatchDaemon {
        try makeStore(away: false)
        let restarted = try daemon("restarted")
        let routed = try DispatchDaemon.waitUntil(10) { try stage("L-00002", at: t0 + 6 * minute) == "assigned" }
        #expect(routed.map { $0 < 5 } == true, "routed after \(String(describing: routed)) s")
        #expect(settle(restarted, alerts: 2, before: 1), "\(restarted.log)")
        try setClock(t0 + 7 * minute)
        #expect(try leadq(["accept", "L-00001"], at: t0 + 7 * minute, rep: "ana").status == 0)
        let call = ["contact", "L-00001", "--channel", "call", "--outcome", "no-answer"]
        #expect(try leadq(call, at: t0 + 7 * minute, rep: "ana").status == 0)
        // Ben's first touch of L-00002 breaches at 10:00, an hour from the inquiry: warned at 09:50.
        try setClock(t0 + 57 * minute)
        #expect(settle(restarted, alerts: 3, before: 1), "\(restarted.log)")
        // Wednesday 15:10: ana's follow-up (Tuesday) and ben's decision SLA, 24 working hours from
        // Monday 09:06 (missed while nobody looked).
        try setClock(t0 + 2 * day + 6 * Span.hour + 10 * minute)
        #expect(settle(restarted, alerts: 5, before: 1), "\(restarted.log)")
        return restarted
    }

    /// A standby takes over within 10 s of the dispatcher being killed, then runs the stale-lead
    /// policy, routes a manager's release within 5 s, and releases and routes after 30 days.
    func takeOver(from restarted: DispatchDaemon) throws {
        let standby = try daemon("standby", ["--wait"])
        #expect(
            DispatchDaemon.waitUntil(10) { standby.errors.contains("held by PID \(restarted.pid)") } != nil,
            "\(standby.errors)")
        #expect(restarted.stop(SIGKILL) == 9)
        let tookOver = DispatchDaemon.waitUntil(10) { standby.log.contains("dispatching \(store)") }
        #expect(tookOver != nil, "\(standby.errors)")
        try setClock(t0 + 31 * day + 8 * minute)
        let clawed = try DispatchDaemon.waitUntil(10) {
            try stage("L-00001", at: t0 + 31 * day) == "nurture" && stage("L-00002", at: t0 + 31 * day) == "nurture"
        }
        #expect(clawed != nil, "\(standby.log)")
        try setClock(t0 + 31 * day + 9 * minute)
        usleep(1_000_000)
        #expect(try leadq(["release", "L-00002"], at: t0 + 31 * day + 9 * minute).status == 0)
        let rerouted = try DispatchDaemon.waitUntil(10) { try stage("L-00002", at: t0 + 31 * day) == "assigned" }
        #expect(rerouted.map { $0 < 5 } == true, "routed after \(String(describing: rerouted)) s")
        // L-00001 is released and routed, its new rep alerted; L-00002's clocks ran out meanwhile.
        try setClock(t0 + 61 * day + 8 * minute)
        #expect(settle(standby, alerts: 8, before: 5), "\(standby.log)")
        #expect(standby.stop() == 0)
    }

    /// Every action the dispatcher took, once, by `dispatch`, with its rule.
    func checkHistories() throws {
        let one = try dispatched("L-00001")
        let two = try dispatched("L-00002")
        #expect(
            one == [
                "assign ana round-robin", "clawback stale idle 31 days", "release rule re-engagement: 30 d in nurture",
                "assign ben round-robin",
            ], "\(one)")
        #expect(
            two == [
                "assign ben round-robin", "clawback stale idle 31 days", "assign ana round-robin",
            ], "\(two)")
        let shown = try leadq(["history", "L-00001"], at: t0 + 61 * day, rep: nil).stdout
        #expect(
            shown.contains("dispatch  Released from nurture (re-engagement step 1) (rule re-engagement"), "\(shown)")
    }

    /// Each alert due, to both commands, exactly once (the flaky one's after a retry).
    func checkAlerts() throws {
        let assigns = try history("L-00001").filter { $0["op"] as? String == "assign" }.map { $0["seq"] as! Int }
        let warned = try history("L-00002").filter { $0["op"] as? String == "assign" }.map { $0["seq"] as! Int }
        let followUp = try history("L-00001").first { $0["op"] as? String == "contact" }!["seq"] as! Int
        let expected = [
            "pool-hot/L-00001/\(t0.seconds)", "hot-assigned/L-00001/\(assigns[0])",
            "sla-warning/L-00002/\(warned[0])/first-touch", "sla-warning/L-00002/\(warned[0])/decision",
            "followup-due/L-00001/\(followUp)", "hot-assigned/L-00001/\(assigns[1])",
            "sla-warning/L-00002/\(warned[1])/decision", "sla-warning/L-00002/\(warned[1])/first-touch",
        ]
        for file in [alertsFile, flakyFile] {
            #expect(keys(file).sorted() == expected.sorted(), "\(file): \(keys(file))")
        }
        // An alert said twice is the failure above, not a trap that ends every other suite's run.
        let byKey = Dictionary(alerts(alertsFile).map { ($0["key"] as! String, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byKey[expected[0]]?["to"] as? [String] == ["mia"])
        #expect(byKey[expected[1]]?["to"] as? [String] == ["ana"])
        #expect(byKey[expected[1]]?["name"] as? String == "Hanako Suzuki")
        #expect(byKey[expected[4]]?["to"] as? [String] == ["ana"])
        #expect(byKey[expected[5]]?["to"] as? [String] == ["ben"])
    }
}

/// The dispatcher's name and options, as scripts meet them.
@Suite struct DispatchNameCLITests {
    let dir = TempDirectory("leadq-dispatch-name")
    var store: String { dir.path + "/store" }

    @Test func nobodyActsAsTheDispatcherAndContradictoryOptionsAreUsageErrors() throws {
        #expect(try LeadqProcess.run(["init", "--store", store, "--reps", "ana", "--managers", "mia"]).status == 0)
        let posing = try LeadqProcess.run(["queue", "--store", store, "--rep", "dispatch"])
        #expect(posing.status == 1)
        #expect(posing.stderr.contains("'dispatch' is the dispatcher's name"), "\(posing.stderr)")
        let both = try LeadqProcess.run(["dispatch", "--store", store, "--once", "--wait"])
        #expect(both.status == 2)
        #expect(both.stderr.contains("--once and --wait don't go together"), "\(both.stderr)")
        let missing = try LeadqProcess.run(["dispatch", "--store", dir.path + "/nowhere", "--once"])
        #expect(missing.status == 3)
        #expect(missing.stderr.contains("no leadq store at"), "\(missing.stderr)")
    }
}
