import Foundation
import LeadqTestSupport
import Testing

/// The mouse in a real terminal: xterm's SGR reports (what `TERM=xterm-256color` tells ncurses to
/// expect; tmux sets its own TERM for the pane, so the command sets it again) written into the
/// pane, decoded by ncurses and acted on; and `console.mouse: false` leaving the terminal's mouse
/// alone.
@Suite(.serialized) struct MouseE2ETests {
    let dir = TempDirectory("leadq-e2e-mouse")
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

    func console() throws -> Tmux {
        try Tmux(
            width: 100, height: 30, env: env,
            command:
                "sh -c 'TERM=xterm-256color \(LeadqProcess.binary) --rep ana; echo EXITED $?; sleep 30'"
        )
    }

    /// An SGR mouse report (1-based cells): press, then release unless it is the wheel.
    func report(_ button: Int, column: Int, row: Int, release: Bool = true) -> [UInt8] {
        var out = Array("\u{1b}[<\(button);\(column);\(row)M".utf8)
        if release { out += Array("\u{1b}[<\(button);\(column);\(row)m".utf8) }
        return out
    }

    /// The id on each screen row that shows a queue row, by row (0-based).
    func rows(_ screen: String) -> [Int: String] {
        var out: [Int: String] = [:]
        for (i, line) in screen.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let m = line.firstMatch(of: #/^[▶ ](L-\d{5}) /#) { out[i] = String(m.1) }
        }
        return out
    }

    func selected(_ screen: String) -> String? {
        screen.firstMatch(of: /▶(L-\d{5})/).map { String($0.1) }
    }

    @Test(arguments: StoreKinds.all) func aClickSelectsTheRowUnderItTheWheelScrollsADoubleClickOpensTheDetail(
        _ kind: StoreKind
    ) throws {
        try use(kind)
        let t = try console()
        let screen = try t.wait(until: "nine queue rows") { rows($0).count >= 9 && selected($0) != nil }
        // ncurses asked the terminal for button reports in the SGR encoding (xterm's mode 1006).
        #expect(try t.paneFlag("mouse_standard_flag") == "1")
        #expect(try t.paneFlag("mouse_sgr_flag") == "1")
        let shown = rows(screen)
        let first = try #require(shown.keys.min())
        let target = first + 5
        let id = try #require(shown[target])
        #expect(selected(screen) != id)

        try t.bytes(report(0, column: 4, row: target + 1))
        try t.wait(for: "▶\(id)")

        // The wheel moves the selection three rows at a time.
        try t.bytes(report(65, column: 4, row: target + 1, release: false))
        let below = try #require(shown[target + 3])
        try t.wait(for: "▶\(below)")
        try t.bytes(report(64, column: 4, row: target + 1, release: false))
        try t.wait(for: "▶\(id)")

        // Two clicks inside the double-click interval open the lead's detail pane.
        try t.bytes(report(0, column: 4, row: target + 1) + report(0, column: 4, row: target + 1))
        let detail = try t.wait(for: "Why it is a lead")
        #expect(detail.contains(id))
        try t.keys("q")
        try t.wait(for: "EXITED 0")
    }

    @Test(arguments: StoreKinds.all) func mouseOffInTheSettingsLeavesTheTerminalsMouseAlone(_ kind: StoreKind) throws {
        try use(kind)
        let shown = try LeadqProcess.run(["settings", "show", "--store", store], env: ["LEADQ_NOW": now])
        let file = dir.path + "/settings.json"
        let off = shown.stdout.replacing(/"mouse": true/, with: "\"mouse\": false")
        #expect(off != shown.stdout, "settings show has no console.mouse: \(shown.stdout)")
        try off.write(toFile: file, atomically: true, encoding: .utf8)
        let applied = try LeadqProcess.run(
            ["settings", "apply", file, "--store", store, "--rep", "mia"], env: ["LEADQ_NOW": now])
        #expect(applied.status == 0, "\(applied.stderr)")

        let t = try console()
        let screen = try t.wait(until: "a selected row") { selected($0) != nil }
        // ncurses asks the terminal for mouse reports only through mousemask: none were asked for.
        #expect(try t.paneFlag("mouse_standard_flag") == "0")
        #expect(try t.paneFlag("mouse_button_flag") == "0")
        #expect(try t.paneFlag("mouse_any_flag") == "0")
        #expect(try t.paneFlag("mouse_sgr_flag") == "0")
        let before = selected(screen)
        try t.keys("j")
        let moved = try t.wait(for: "▶")
        #expect(selected(moved) != before, "the keyboard still works")
        try t.keys("q")
        try t.wait(for: "EXITED 0")
    }
}
