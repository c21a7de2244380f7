import Foundation
import LeadqTestSupport
import Testing

/// A rep's day in a real terminal (tmux): the defects of issue 15 that only a terminal shows, and
/// the search, notes and agenda end to end.
@Suite(.serialized) struct DayE2ETests {
    let dir = TempDirectory("leadq-e2e-day")
    let slot = StoreSlot()
    var store: String { slot.location }
    let now = "2026-11-23T10:00:00Z"
    var env: [String: String] {
        [
            "LANG": "C.UTF-8", "TERM": "xterm-256color", "TZ": "UTC", "LEADQ_NOW": now, "HOME": dir.path,
            "XDG_CONFIG_HOME": dir.path + "/config", "NO_COLOR": "", "LEADQ_STORE": store,
        ]
    }

    /// The test's store of `kind`, holding the demo; the console finds it by `$LEADQ_STORE`.
    func use(_ kind: StoreKind) throws {
        try slot.use(kind)
        #expect(try LeadqProcess.run(["demo", "--seed", "42", "--store", store], env: ["LEADQ_NOW": now]).status == 0)
    }

    func leadq(_ args: String...) throws -> LeadqProcess.Result {
        try LeadqProcess.run(Array(args) + ["--store", store], env: ["LEADQ_NOW": now])
    }

    func console(env more: [String: String] = [:], width: Int = 120, height: Int = 36) throws -> Tmux {
        var e = env
        for (k, v) in more { e[k] = v }
        return try Tmux(
            width: width, height: height, env: e,
            command: "sh -c '\(LeadqProcess.binary) --rep ana; echo EXITED $?; sleep 30'")
    }

    /// Defect 9: with LANG=C the interface's own symbols showed as '?'.
    @Test(arguments: StoreKinds.all) func withoutUTF8TheInterfaceSymbolsHaveASCIIStandIns(_ kind: StoreKind) throws {
        try use(kind)
        let t = try console(env: ["LANG": "C", "LC_ALL": "C"])
        // The rows, not only the header: a slow load draws the header over a loading line first.
        _ = try t.wait(for: "Ana Souza (ana)")
        let screen = try t.wait(for: "\n>L-")
        let lines = screen.split(separator: "\n").map(String.init)
        let header = lines[0]
        #expect(header.contains(" in queue . ") && header.contains(" SLA breached . "), "\(header)")
        #expect(header.contains("(ana) | "), "\(header)")
        #expect(lines.contains { $0.hasPrefix(">L-") }, "no cursor mark")
        #expect(!header.contains("?"), "\(header)")
        try t.keys("q")
        try t.wait(for: "EXITED 0")
    }

    /// Defect 12: a mistake in keys.yaml is said, and the console opens with the rest applied.
    @Test(arguments: StoreKinds.all) func aMistakeInTheKeysFileDoesNotKeepTheConsoleShut(_ kind: StoreKind) throws {
        try use(kind)
        let config = dir.path + "/config/leadq"
        try FileManager.default.createDirectory(atPath: config, withIntermediateDirectories: true)
        try "quitt: [x]\nquit: [q, Q]\n".write(toFile: config + "/keys.yaml", atomically: true, encoding: .utf8)
        let t = try console()
        // The line may be drawn a frame after the queue: wait for it (a timeout shows the screen).
        let screen = try t.wait(for: "Q was qualify's key; now quit's")
        #expect(screen.contains("Ana Souza (ana)"), "\(screen)")
        try t.keys("Q")
        try t.wait(for: "EXITED 0")
    }

    /// Defect 14: the theme chosen with t is there at the next start.
    @Test(arguments: StoreKinds.all) func theChosenThemeIsRememberedForTheNextStart(_ kind: StoreKind) throws {
        try use(kind)
        let first = try console()
        try first.wait(for: "Ana Souza (ana)")
        try first.keys("t")
        let picker = try first.wait(for: "default (current)")
        #expect(picker.contains("light"))
        // default, high-contrast, light, mono: light is the third.
        try first.keys("Down", "Down", "Enter")
        try first.wait(for: "Theme: light, kept for next time")
        try first.keys("q")
        try first.wait(for: "EXITED 0")
        let second = try console()
        try second.wait(for: "Ana Souza (ana)")
        try second.keys("t")
        try second.wait(for: "light (current)")
        try second.keys("Escape", "q")
        try second.wait(for: "EXITED 0")
    }

    /// Find a lead that left the queue, write a note of two lines on it, read it back from the CLI.
    @Test(arguments: StoreKinds.all) func aRepFindsARejectedLeadAndWritesANote(_ kind: StoreKind) throws {
        try use(kind)
        let queue = try leadq("queue", "--json", "--rep", "ana")
        let first =
            (try JSONSerialization.jsonObject(with: Data(queue.stdout.utf8)) as! [[String: Any]]).first!["id"]
            as! String
        #expect(try leadq("reject", first, "--reason", "no-budget", "--rep", "ana").status == 0)
        let t = try console()
        try t.wait(for: "Ana Souza (ana)")
        try t.keys("/")
        try t.type(first)
        try t.keys("Tab")
        try t.wait(for: "all leads: '\(first)' (1 found)")
        try t.keys("Enter", "N")
        try t.wait(for: "┌─ Note")
        try t.type("Came back: budget in May")
        try t.keys("M-Enter")
        try t.type("Call Jo then")
        try t.keys("Enter")
        try t.wait(for: "Note on \(first)")
        let shown = try leadq("show", first)
        #expect(shown.stdout.contains("Came back: budget in May"), "\(shown.stdout)")
        #expect(shown.stdout.contains("Call Jo then"))
        try t.keys("Escape", "q")
        try t.wait(for: "EXITED 0")
    }

    /// The agenda and a typed time shown resolved before Enter.
    @Test(arguments: StoreKinds.all) func theAgendaAndATypedTimeResolvedBeforeEnter(_ kind: StoreKind) throws {
        try use(kind)
        let t = try console()
        try t.wait(for: "Ana Souza (ana)")
        try t.keys("F")
        try t.wait(for: "Agenda")
        try t.wait(for: "Overdue (")
        try t.keys("Enter")
        // The lead's detail opens with it selected.
        try t.wait(for: "┌─ L-")
        try t.keys("f", "t")
        try t.type("next tue 10:00")
        try t.wait(for: "→ Tue 1 Dec 10:00")
        try t.keys("Escape", "q")
        try t.wait(for: "EXITED 0")
    }

    /// A lead ana qualified has left her queue: found with / Tab, W records it lost, with why and
    /// how much, and the CLI reads it back.
    @Test(arguments: StoreKinds.all) func aQualifiedLeadFoundBySearchIsRecordedLost(_ kind: StoreKind) throws {
        try use(kind)
        let queue = try leadq("queue", "--json", "--rep", "ana")
        let accepted = (try JSONSerialization.jsonObject(with: Data(queue.stdout.utf8)) as! [[String: Any]])
            .first { $0["stage"] as? String == "accepted" }!
        let id = accepted["id"] as! String
        #expect(try leadq("qualify", id, "--rep", "ana").status == 0)
        let t = try console()
        try t.wait(for: "Ana Souza (ana)")
        try t.keys("/")
        try t.type(id)
        try t.keys("Tab")
        try t.wait(for: "all leads: '\(id)' (1 found)")
        try t.keys("Enter", "W")
        try t.wait(for: "Won or lost?")
        try t.keys("l")
        try t.type("competitor")
        try t.keys("Tab")
        try t.type("8000")
        try t.keys("Enter")
        try t.wait(for: "Lost \(id) (")
        try t.wait(for: "competitor, 8,000 · saved")
        let shown = try leadq("show", id, "--json")
        let lead = try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as! [String: Any]
        #expect(lead["stage"] as? String == "lost", "\(shown.stdout)")
        let work = lead["work"] as? [String: Any]
        #expect(work?["reason"] as? String == "competitor")
        #expect(work?["amountCents"] as? Int == 800_000)
        try t.keys("Escape", "q")
        try t.wait(for: "EXITED 0")
    }
}
