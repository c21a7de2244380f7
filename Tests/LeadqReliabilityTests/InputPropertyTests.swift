import Foundation
import LeadqCodec
import LeadqConsole
import LeadqDemo
import LeadqDomain
import LeadqFileStore
import LeadqStore
import LeadqTestSupport
import LeadqUI
import PropertyBased
import Testing

/// Every value is checked where it enters: whatever command a hostile user types (extreme times and
/// lengths, odd zones and clocks, hostile text, numbers past Int64), what the CLI or the console
/// accepts leaves a store that `verify` accepts and that every command still opens.
@Suite struct HostileInputPropertyTests {
    let dir = TempDirectory("leadq-hostile")
    static let normal = ["LEADQ_NOW": "2026-11-23T10:00:00Z", "TZ": "UTC"]
    static let leads = 20
    /// Leads `show` reads back at the end of each sequence.
    static let shown = 4

    /// Random command sequences run in-process by `leadq-crash-child cli-batch` (the CLI's own parsing
    /// and code, one process per sequence), the store checked after every command, then every read
    /// command run against it. No shrinking: each case is a process, and a failure names its command.
    @Test(.shrinking(false)) func whateverTheCLIAcceptsLeavesAStoreEveryCommandOpens() async throws {
        let tally = CommandTally()
        let root = dir.path
        await propertyCheck(count: RunLength.pick(20, 420), input: HostileCommand.generator.array(of: 25)) { commands in
            // propertyCheck drops what its body throws: every error is recorded here instead.
            do { try runBatch(commands, in: root + "/case-\(tally.nextCase())", tally) } catch {
                Issue.record("\(commands): \(error)")
            }
        }
        RunLength.report("property tests, hostile commands in-process", tally.summary)
    }

    func runBatch(_ commands: [HostileCommand], in work: String, _ tally: CommandTally) throws {
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        let store = work + "/store"
        try HostileCommand.importFile(rows: 12, seed: commands[0].a).write(
            toFile: work + "/leads.csv", atomically: true, encoding: .utf8)
        let demo = ["demo", "--leads", String(Self.leads), "--seed", String(commands[0].b)]
        let lines =
            [demo] + commands.map { $0.arguments.map { $0 == "leads.csv" ? work + "/leads.csv" : $0 } }
            + BatchScript.reads(leads: Self.shown)
        let envs =
            [Self.normal] + commands.map(\.environment) + BatchScript.reads(leads: Self.shown).map { _ in Self.normal }
        let script = work + "/script"
        try zip(lines, envs).map { BatchScript.line($0 + ["--store", store], env: $1) }.joined(separator: "\n")
            .write(toFile: script, atomically: true, encoding: .utf8)
        let child = try ChildProcess(ChildProcess.crashChild, ["cli-batch", "--script", script, "--store", store])
        child.wait(timeout: 600)
        #expect(
            child.exitedNormally && child.lines.last == "done",
            "the batch ended \(child.ending) after \(child.lines.count) commands; next: \(lines.dropFirst(child.lines.count).first ?? []) \(child.stderr)"
        )
        for (i, line) in child.lines.enumerated() where line != "done" {
            let f = line.split(separator: " ")
            let code = Int32(f[2]) ?? -1
            let what = "\(lines[i]) with \(envs[i])"
            #expect(
                f[3] == "ok",
                "after \(what) (rc \(code)): \(f.count > 4 ? Hex.decode(f[4]) ?? "" : "") \(f.count > 5 ? Hex.decode(f[5]) ?? "" : "")"
            )
            #expect((0...3).contains(code), "\(what) exited \(code)")
            if i == 0 || i > commands.count {
                #expect(code == 0, "\(what) exited \(code) on the store the commands left")
            }
            if i >= 1 && i <= commands.count { tally.add(commands[i - 1], code) }
        }
        // Read back independently of the child, as the next process would.
        try Self.readBack(store)
    }

    /// What every command does first: open the store, check it, read every lead.
    static func readBack(_ path: String) throws {
        let s = try FileStore.open(path)
        _ = try s.verify()
        try s.forEachLead { _ in }
    }

    /// The same commands through the real `leadq` binary (argv, environment, exit codes), on one store.
    @Test(.shrinking(false)) func whateverTheBinaryAcceptsLeavesAStoreEveryCommandOpens() async throws {
        let store = dir.path + "/binary-store"
        let made = try LeadqProcess.run(
            ["demo", "--leads", String(Self.leads), "--seed", "3", "--store", store], env: Self.normal)
        #expect(made.status == 0, "\(made.stderr)")
        try HostileCommand.importFile(rows: 12, seed: 5).write(
            toFile: dir.path + "/leads.csv", atomically: true, encoding: .utf8)
        let tally = CommandTally()
        let path = dir.path
        await propertyCheck(count: 50, input: HostileCommand.generator) { command in
            let args = command.arguments.map { $0 == "leads.csv" ? path + "/leads.csv" : $0 } + ["--store", store]
            do {
                let before = StoreFingerprint.of(store)
                let r = try LeadqProcess.run(args, env: command.environment)
                tally.add(command, r.status)
                #expect((0...3).contains(r.status), "\(args) exited \(r.status): \(r.stderr)")
                if StoreFingerprint.of(store) != before { try Self.readBack(store) }
            } catch {
                Issue.record("after \(args) with \(command.environment): \(error)")
            }
        }
        for args in BatchScript.reads(leads: Self.leads) {
            let r = try LeadqProcess.run(args + ["--store", store], env: Self.normal)
            #expect(r.status == 0, "\(args): \(r.stderr)")
        }
        RunLength.report("property tests, hostile commands through the binary", tally.summary)
    }
}

/// The console's follow-up dialog with hostile times, zones and clocks, saving through a real store.
@MainActor @Suite(.serialized) struct HostileConsoleInputPropertyTests {
    let dir = TempDirectory("leadq-hostile-console")

    static let zones: [Zone] =
        ZoneTables.all.map(\.zone) + [
            .utc, .fixed(14 * Span.hour), .fixed(-11 * Span.hour), .fixed(5 * Span.hour + 45 * Span.minute),
        ]
    /// Clocks the console can start with (`leadq` refuses the others before it opens).
    static let clocks = [
        "2026-11-23T10:00:00Z", "2026-03-08T06:30:00Z", "2026-11-01T05:30:00Z", "1970-01-01T00:00:00Z",
        "9999-12-30T00:00:00Z", "9999-12-31T23:59:59Z",
    ].map { Instant(iso8601: $0)! }

    @Test(.shrinking(false)) func whateverTheDialogAcceptsLeavesAStoreEveryCommandOpens() async throws {
        let path = dir.path + "/store"
        let (settings, leads) = DemoStore(leads: 60, seed: 7, now: Self.clocks[0]).generate()
        try FileStore.create(at: path, settings: settings, leads: leads)
        var outcomes: [String: Int] = [:]
        await propertyCheck(count: RunLength.pick(200, 3_000), input: HostileCommand.generator) { c in
            // propertyCheck drops what its body throws: every error is recorded here instead.
            do {
                let before = StoreFingerprint.of(path)
                outcomes[try attempt(c, on: path), default: 0] += 1
                if StoreFingerprint.of(path) != before { try HostileInputPropertyTests.readBack(path) }
            } catch {
                Issue.record("\(c) (\(c.due.debugDescription)): \(error)")
            }
        }
        RunLength.report(
            "property tests, hostile follow-up times in the console",
            "\(outcomes.values.reduce(0, +)) attempts: \(outcomes["saved"] ?? 0) saved, \(outcomes["kept"] ?? 0) kept open with the reason shown, "
                + "\(outcomes["other"] ?? 0) other; the store verified after every save")
    }

    /// Opens a console on the store at a hostile clock and zone, and schedules a follow-up with a quick
    /// key or a typed time: "saved", "kept" (the dialog stayed open) or "other".
    func attempt(_ c: HostileCommand, on path: String) throws -> String {
        let now = Self.clocks[c.env % Self.clocks.count]
        let zone = Self.zones[c.env / 7 % Self.zones.count]
        let store = try FileStore.open(path)
        let config = ConsoleConfig(
            rep: "ana", repName: "Ana", storeLabel: "t", utcOffset: zone.offset(at: now), zone: zone,
            themeNames: ["default"])
        let app = ConsoleApp(
            state: ConsoleState(
                config: config, settings: store.settings, size: Size(width: 120, height: 32), now: now, theme: "default"
            ),
            terminal: MemoryScreen(width: 120, height: 32), session: ConsoleSession(store: store, rep: "ana"),
            clock: { now }, loadTheme: { _ in .builtinDefault })
        try app.start()
        for _ in 0..<(c.lead % 8) { app.dispatch(.key(.char("j"))) }
        app.dispatch(.key(.char("f")))
        if c.kind % 3 == 0 {
            app.dispatch(.key(.char(["1", "3", "w"][c.a % 3])))
        } else {
            app.dispatch(.key(.char("t")))
            // Control characters would be keys, not text: the rest of the hostile text is typed.
            for ch in c.due where !ch.isASCII || ch.asciiValue! >= 0x20 { app.dispatch(.key(.char(ch))) }
            app.dispatch(.key(.enter))
        }
        app.render()
        if case .followUp = app.state.mode { return "kept" }
        return app.state.status?.text.contains("· saved") == true ? "saved" : "other"
    }
}

/// Counts what the hostile commands did, by command and exit code, for the figures.
final class CommandTally: @unchecked Sendable {
    private let lock = NSLock()
    private var serial = 0
    private var byCode: [Int32: Int] = [:]
    private var accepted: [String: Int] = [:]

    func nextCase() -> Int {
        lock.withLock {
            serial += 1
            return serial
        }
    }

    func add(_ c: HostileCommand, _ code: Int32) {
        let name = c.arguments.prefix { !$0.hasPrefix("-") && $0 != c.leadID }.joined(separator: " ")
        lock.withLock {
            byCode[code, default: 0] += 1
            if code == 0 { accepted[name, default: 0] += 1 }
        }
    }

    var summary: String {
        lock.withLock {
            let total = byCode.values.reduce(0, +)
            let codes = byCode.sorted { $0.key < $1.key }.map { "rc \($0.key): \($0.value)" }.joined(separator: ", ")
            let ok = accepted.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            return
                "\(serial > 0 ? "\(serial) generated sequences, " : "")\(total) commands (\(codes)); accepted: \(ok); the store verified after every command that wrote to it"
        }
    }
}
