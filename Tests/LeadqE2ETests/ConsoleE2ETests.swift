import Foundation
import LeadqTestSupport
import Testing

/// The built `leadq` in a real terminal (tmux): keys in, screen out, and the store checked with the CLI.
@Suite(.serialized) struct ConsoleE2ETests {
    let dir = TempDirectory("leadq-e2e")
    let slot = StoreSlot()
    var store: String { slot.location }
    let now = "2026-11-23T10:00:00Z"
    var env: [String: String] {
        [
            "LANG": "C.UTF-8", "TERM": "xterm-256color", "TZ": "UTC", "LEADQ_NOW": now, "HOME": dir.path,
            "LEADQ_STORE": store,
        ]
    }

    init() throws {
        #expect(Tmux.available, "tmux is needed for the end-to-end tests (.ci/run installs it)")
    }

    func leadq(_ args: String...) throws -> LeadqProcess.Result {
        try LeadqProcess.run(Array(args) + ["--store", store], env: ["LEADQ_NOW": now])
    }

    func lead(_ id: String) throws -> [String: Any] {
        let r = try leadq("show", id, "--json")
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    }

    /// Ana's queue as the CLI sees it, in the console's order.
    func queue() throws -> [[String: Any]] {
        let r = try leadq("queue", "--json", "--rep", "ana")
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [[String: Any]]
    }

    /// Leads of ana's queue in a stage that may be contacted, in queue order.
    func ids(stage: String) throws -> [(id: String, name: String)] {
        try queue().filter {
            $0["stage"] as? String == stage && (($0["profile"] as! [String: Any])["doNotContact"] as? Bool) != true
        }
        .map { ($0["id"] as! String, ($0["profile"] as! [String: Any])["name"] as! String) }
    }

    /// Selects a lead in the console through the filter (it matches ids too).
    func select(_ t: Tmux, _ id: String) throws {
        try t.keys("Escape", "/")
        try t.type(id)
        try t.keys("Enter")
        try t.wait(for: "▶\(id)")
    }

    /// The console as a shell would run it; the shell reports the exit status when it ends.
    func console(_ extra: String = "", env more: [String: String] = [:], width: Int = 100, height: Int = 30) throws
        -> Tmux
    {
        var e = env
        for (k, v) in more { e[k] = v }
        return try Tmux(
            width: width, height: height, env: e,
            command: "sh -c '\(LeadqProcess.binary) --rep ana \(extra); echo EXITED $?; sleep 30'")
    }

    // Long by design: one rep's session end to end, each step acting on what the one before left.
    @Test(arguments: StoreKinds.all) func aRepWorksTheQueueWithSingleKeys(_ kind: StoreKind) throws {
        try slot.use(kind)
        #expect(try leadq("demo", "--seed", "42").status == 0)
        let assigned = try ids(stage: "assigned")
        #expect(assigned.count >= 3)
        let (a, b, c) = (assigned[0], assigned[1], assigned[2])
        let first = try queue()[0]["id"] as! String
        let t = try console()
        try t.wait(for: "Ana Souza (ana)")
        try t.wait(for: "▶\(first)")

        // Accept: one key.
        try select(t, a.id)
        try t.keys("a")
        try t.wait(for: "Accepted \(a.id) (\(a.name)) · saved")
        #expect(try lead(a.id)["stage"] as? String == "accepted")

        // Reject with a reason: two keys.
        try select(t, b.id)
        try t.keys("r")
        try t.wait(for: "┌─ Reject")
        try t.keys("b")
        try t.wait(for: "Rejected \(b.id) (\(b.name)): no-budget · saved")
        let rejected = try lead(b.id)
        #expect(rejected["stage"] as? String == "rejected")
        #expect((rejected["work"] as! [String: Any])["reason"] as? String == "no-budget")

        // Call with no answer: c c n Enter.
        try select(t, c.id)
        try t.keys("c", "c", "n", "Enter")
        try t.wait(for: "Logged call on \(c.id) (\(c.name)): no-answer")
        let contacts = (try lead(c.id))["contacts"] as! [[String: Any]]
        #expect(contacts.last?["outcome"] as? String == "no-answer")
        #expect(contacts.last?["channel"] as? String == "call")

        // Schedule a follow-up in 3 days (replacing the cadence's), then mark it done.
        try t.keys("f", "3")
        try t.wait(for: "Follow-up on \(c.id) (\(c.name)) moved from tomorrow 10:00 to Thu 26 Nov 10:00")
        #expect(((try lead(c.id))["status"] as! [String: Any])["nextFollowUp"] is [String: Any])
        try t.keys("d")
        try t.wait(for: "Follow-up done on \(c.id)")
        let done = (try lead(c.id))["followUps"] as! [[String: Any]]
        #expect(done.last?["status"] as? String == "done")

        // Claw back to nurture: n + reason key; then undo names what it undid.
        try t.keys("n", "n")
        try t.wait(for: "Clawed back \(c.id) (\(c.name)) to nurture: not-now · saved")
        #expect(try lead(c.id)["stage"] as? String == "nurture")
        try t.keys("u")
        try t.wait(for: "Undid Clawed back: not-now on \(c.id)")
        #expect(try lead(c.id)["stage"] as? String == "assigned")
        try t.keys("Escape")

        // Another process (the manager, from the CLI) hands ana the hottest lead of the pool:
        // it shows up within about a second, announced.
        let pool = try leadq("queue", "--pool", "--json", "--rep", "mia")
        let hot = (try JSONSerialization.jsonObject(with: Data(pool.stdout.utf8)) as! [[String: Any]]).first!
        let hotID = hot["id"] as! String
        #expect(hot["score"] as! Int >= 80)
        let assign = try leadq("assign", hotID, "--to", "ana", "--rep", "mia")
        #expect(assign.status == 0, "\(assign.stderr)")
        let announced = try t.wait(for: "Hot lead \(hotID) just assigned to you", timeout: 3)
        #expect(announced.contains("★\(hotID)"))

        // Quit restores the terminal and exits 0.
        try t.keys("q")
        try t.wait(for: "EXITED 0")
    }

    @Test(arguments: StoreKinds.all) func resizeAtAnyMomentIncludingInsideAPicker(_ kind: StoreKind) throws {
        try slot.use(kind)
        #expect(try leadq("demo", "--seed", "42").status == 0)
        let first = try queue()[0]["id"] as! String
        let t = try console()
        try t.wait(for: "▶\(first)")
        try t.keys("r")
        try t.wait(for: "┌─ Reject")
        try t.resize(width: 80, height: 24)
        let small = try t.wait(for: "Shift+key adds a note")
        #expect(small.split(separator: "\n").allSatisfy { $0.count <= 80 })
        try t.resize(width: 50, height: 10)
        try t.wait(for: "Enlarge the terminal")
        try t.resize(width: 120, height: 35)
        try t.wait(for: "┌─ Reject")
        try t.keys("Escape")
        try t.wait(for: "Cancelled; nothing saved")
        try t.keys("c", "c")
        try t.resize(width: 90, height: 28)
        try t.wait(for: "Outcome:")
        try t.keys("n")
        try t.type("typing through a resize")
        try t.resize(width: 100, height: 30)
        try t.wait(for: "typing through a resize")
        // Esc on a typed note asks before throwing it away; y does.
        try t.keys("Escape")
        try t.wait(for: "Discard this note?")
        try t.keys("y")
        try t.keys("q")
        try t.wait(for: "EXITED 0")
        #expect(try lead(first)["stage"] as? String == "accepted")
    }

    @Test(arguments: StoreKinds.all) func theTerminalIsRestoredOnCtrlCAndSIGTERM(_ kind: StoreKind) throws {
        try slot.use(kind)
        #expect(try leadq("demo", "--seed", "42").status == 0)
        // Ctrl-C reaches the whole foreground group, the wrapping shell too: it traps it to live on.
        let first = try queue()[0]["id"] as! String
        let t = try Tmux(
            env: env,
            command:
                "sh -c 'trap true INT; \(LeadqProcess.binary) --rep ana; echo EXITED $?; sleep 30'")
        try t.wait(for: "▶\(first)")
        try t.keys("C-c")
        try t.wait(for: "EXITED 0")

        let pidFile = dir.path + "/pid"
        let t2 = try Tmux(
            env: env,
            command:
                "sh -c 'sh -c \"echo \\$\\$ > \(pidFile); exec \(LeadqProcess.binary) --rep ana\"; echo EXITED $?; sleep 30'"
        )
        try t2.wait(for: "▶\(first)")
        let pid = Int32(
            try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines))!
        kill(pid, SIGTERM)
        let after = try t2.wait(for: "EXITED 143")
        // Back on the normal screen: the console's rows are gone.
        #expect(!after.contains("▶\(first)"))
    }

    @Test(arguments: StoreKinds.all) func everyTerminalTypeAndNoColour(_ kind: StoreKind) throws {
        try slot.use(kind)
        #expect(try leadq("demo", "--seed", "42").status == 0)
        for (term, extra) in [
            ("xterm-256color", ""), ("screen-256color", ""), ("xterm", ""), ("linux", ""), ("vt100", ""),
            ("xterm-256color", "--no-color"),
        ] {
            let t = try console(extra, env: ["TERM": term, "NO_COLOR": extra.isEmpty && term == "xterm" ? "1" : ""])
            // The header can be drawn before the rows under load: wait for the table itself.
            let screen = try t.wait(for: "SCORE")
            #expect(screen.contains("Ana Souza (ana)"), "TERM=\(term)")
            try t.keys("q")
            try t.wait(for: "EXITED 0")
        }
    }

    @Test(arguments: StoreKinds.all) func aNameNotOnTheTeamIsAClearErrorNotACrash(_ kind: StoreKind) throws {
        try slot.use(kind)
        #expect(try leadq("demo", "--seed", "42").status == 0)
        let t = try Tmux(
            env: env, command: "sh -c '\(LeadqProcess.binary) --rep mallory; echo EXITED $?; sleep 30'"
        )
        let s = try t.wait(for: "EXITED 1").replacingOccurrences(of: "\n", with: "")
        #expect(
            s.contains(
                "leadq: 'mallory' is not on this store's team (ana, ben, chen, dana, eli, fatima, mia); pass --rep or set LEADQ_REP"
            ))
    }
}

/// The manager's view and the stats page in a real terminal.
@Suite(.serialized) struct ManagerE2ETests {
    let dir = TempDirectory("leadq-e2e-mgr")
    let slot = StoreSlot()
    var store: String { slot.location }
    let now = "2026-11-23T10:00:00Z"
    var env: [String: String] {
        [
            "LANG": "C.UTF-8", "TERM": "xterm-256color", "TZ": "UTC", "LEADQ_NOW": now, "HOME": dir.path,
            "LEADQ_STORE": store,
        ]
    }

    func leadq(_ args: String...) throws -> LeadqProcess.Result {
        try LeadqProcess.run(Array(args) + ["--store", store], env: ["LEADQ_NOW": now])
    }

    @Test(arguments: StoreKinds.all) func theManagerSeesTheTeamAssignsFromThePoolAndOpensTheStats(_ kind: StoreKind)
        throws
    {
        try slot.use(kind)
        #expect(try leadq("demo", "--seed", "42").status == 0)
        let pool = try leadq("queue", "--pool", "--json")
        let top =
            (try JSONSerialization.jsonObject(with: Data(pool.stdout.utf8)) as! [[String: Any]]).first!["id"] as! String
        let t = try Tmux(
            width: 130, height: 34, env: env,
            command: "sh -c '\(LeadqProcess.binary) --rep mia; echo EXITED $?; sleep 30'")
        try t.wait(for: "team view: all queues")
        try t.wait(for: "Unassigned pool")
        try t.keys("Tab")
        try t.wait(for: "team view: ana")
        try t.keys("BTab", "BTab")
        try t.wait(for: "team view: unassigned pool")
        try t.wait(for: "▶\(top)")
        try t.keys("A")
        try t.wait(for: "Assign to")
        try t.keys("a", "Enter")
        try t.wait(for: "Assigned \(top)")
        let shown =
            try JSONSerialization.jsonObject(with: Data(try leadq("show", top, "--json").stdout.utf8)) as! [String: Any]
        #expect(shown["owner"] as? String == "ana")
        #expect(shown["stage"] as? String == "assigned")

        try t.keys("S")
        let stats = try t.wait(for: "Rejection reasons")
        #expect(stats.contains("Stats for the team"))
        try t.wait(for: "█")
        try t.keys("m")
        try t.wait(for: "Stats for Mia Laurent (mia)")
        try t.keys("Escape")
        try t.wait(for: "team view: unassigned pool")
        try t.keys("q")
        try t.wait(for: "EXITED 0")
    }

    @Test(arguments: StoreKinds.all) func aRepOpensTheirStatsAndCannotActOnOthersLeads(_ kind: StoreKind) throws {
        try slot.use(kind)
        #expect(try leadq("demo", "--seed", "42").status == 0)
        let t = try Tmux(
            env: env,
            command: "sh -c '\(LeadqProcess.binary) --rep ana --manager; echo EXITED $?; sleep 30'")
        try t.wait(for: "team view: all queues")
        // ana opened the team view, but acting on ben's lead is the store's call, and it says no.
        try t.keys("Tab", "Tab")
        try t.wait(for: "team view: ben")
        try t.keys("r", "b")
        let refused = try t.wait(for: "only ben or a manager can reject it")
        #expect(refused.contains("is ben's lead"))
        try t.keys("S")
        try t.wait(for: "Stats for the team")
        try t.keys("m")
        try t.wait(for: "Stats for Ana Souza (ana)")
        try t.keys("q")
        try t.wait(for: "EXITED 0")
    }
}

/// Themes, and suspending with Ctrl-Z, in a real terminal.
@Suite(.serialized) struct TerminalE2ETests {
    let dir = TempDirectory("leadq-e2e-term")
    let slot = StoreSlot()
    var store: String { slot.location }
    let now = "2026-11-23T10:00:00Z"
    var env: [String: String] {
        [
            "LANG": "C.UTF-8", "TERM": "xterm-256color", "TZ": "UTC", "LEADQ_NOW": now, "HOME": dir.path,
            "XDG_CONFIG_HOME": dir.path + "/config", "LEADQ_STORE": store,
        ]
    }

    /// The test's store of `kind`, holding the demo.
    func use(_ kind: StoreKind) throws {
        try slot.use(kind)
        #expect(try LeadqProcess.run(["demo", "--seed", "42", "--store", store], env: ["LEADQ_NOW": now]).status == 0)
    }

    @Test(arguments: StoreKinds.all) func aBrokenThemeIsNamedAndTheDefaultIsUsed(_ kind: StoreKind) throws {
        try use(kind)
        let themes = dir.path + "/config/leadq/themes"
        try FileManager.default.createDirectory(atPath: themes, withIntermediateDirectories: true)
        try "inherit: default\nselected: {fg: blu, attrs: [reverse]}\n".write(
            toFile: themes + "/broken.yaml", atomically: true, encoding: .utf8)
        try "inherit: mono\nheader: [bold]\n".write(toFile: themes + "/mine.yaml", atomically: true, encoding: .utf8)
        let t = try Tmux(
            env: env,
            command:
                "sh -c '\(LeadqProcess.binary) --rep ana --theme broken; echo EXITED $?; sleep 30'")
        let screen = try t.wait(for: "broken.yaml")
        #expect(screen.contains("selected.fg"), "\(screen)")
        #expect(screen.contains("Theme not loaded, using the default"))
        // The picker offers the built-ins and the user's own themes; choosing one applies it.
        try t.keys("t")
        let picker = try t.wait(for: "┌─ Theme")
        #expect(picker.contains("mine"))
        #expect(picker.contains("high-contrast"))
        try t.keys("Down", "Down", "Down", "Enter")
        try t.wait(for: "Theme: ")
        try t.keys("q")
        try t.wait(for: "EXITED 0")
    }

    @Test(arguments: StoreKinds.all) func ctrlZSuspendsAndFgResumesWithAFullRedraw(_ kind: StoreKind) throws {
        try use(kind)
        let t = try Tmux(env: env, command: "bash --norc --noprofile -i")
        try t.wait(for: "bash")
        // Only the console on the command line: bash would go on with the rest of a list on Ctrl-Z.
        try t.type("\(LeadqProcess.binary) --rep ana")
        try t.keys("Enter")
        try t.wait(for: "SCORE")
        try t.keys("C-z")
        let stopped = try t.wait(for: "Stopped", timeout: 10)
        #expect(!stopped.contains("SCORE"))
        try t.type("fg")
        try t.keys("Enter")
        let back = try t.wait(for: "SCORE")
        #expect(back.contains("Ana Souza (ana)"))
        try t.keys("j")
        try t.keys("q")
        try t.type("echo EXITED $?")
        try t.keys("Enter")
        try t.wait(for: "EXITED 0")
    }

    /// Ctrl-Z typed while frames are being drawn (a held key's presses queued up) suspends at
    /// once. ncurses ignores SIGTSTP while it writes a frame, and a Ctrl-Z typed then was lost:
    /// about two times in five in the manager's view at 200×60 before the console caught it.
    @Test func ctrlZTypedWhileFramesAreDrawnSuspendsAtOnce() throws {
        try use(StoreKinds.file)
        let t = try Tmux(width: 200, height: 60, env: env, command: "bash --norc --noprofile -i")
        try t.wait(for: "bash")
        try t.type("\(LeadqProcess.binary) --rep mia")
        try t.keys("Enter")
        try t.wait(for: "SCORE")
        for round in 1...3 {
            try t.burst(round % 2 == 0 ? "k" : "j", times: 300)
            try t.keys("C-z")
            try t.wait(until: "stop number \(round)", timeout: 10) {
                $0.components(separatedBy: "Stopped").count > round
            }
            // The presses not yet read went to the shell, as they would from any program: cleared.
            try t.keys("C-u")
            try t.type("fg")
            try t.keys("Enter")
            try t.wait(for: "SCORE", timeout: 60)
        }
        try t.keys("q")
        try t.type("echo EXITED $?")
        try t.keys("Enter")
        try t.wait(for: "EXITED 0")
    }
}
