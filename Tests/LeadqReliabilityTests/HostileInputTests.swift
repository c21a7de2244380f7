import Foundation
import LeadqDomain
import LeadqFileStore
import LeadqStore
import LeadqTestSupport
import LeadqText
import Testing

/// Text from web forms and imports that tries to drive the rep's terminal: escape sequences (CSI,
/// OSC title and clipboard, DCS, hyperlinks), 8-bit C1 controls, NUL, bidi overrides, line separators
/// and fields far too long. It must be stored unchanged, shown inert in every CLI table and message,
/// and kept escaped in `--json`.
enum Hostile {
    static let c1 = String(String.UnicodeScalarView((0x80...0x9F).map { Unicode.Scalar($0)! }))
    static let payloads: [String: String] = [
        "csi": "Evil\u{1B}[31mRED\u{1B}[0m\u{1B}[2J\u{1B}[H\u{1B}[?1049h",
        "osc-title": "\u{1B}]0;pwned\u{07}Title\u{1B}]2;again\u{1B}\\",
        "osc-52": "\u{1B}]52;c;cm0gLXJmIH4vKgo=\u{07}clipboard",
        "osc-8": "\u{1B}]8;;https://evil.example\u{1B}\\click\u{1B}]8;;\u{1B}\\",
        "dcs": "\u{1B}P+q544e\u{1B}\\\u{1B}X sos \u{1B}\\",
        "c1": "c1:" + c1 + ":end",
        "nul": "a\u{0}b\u{0}",
        "bidi":
            "invoice\u{202E}fdp.exe\u{202A}\u{202B}\u{202C}\u{202D}\u{2066}\u{2067}\u{2068}\u{2069}\u{200E}\u{200F}\u{061C}",
        "controls": "bell\u{07}back\u{08}del\u{7F}tab\tvt\u{0B}ff\u{0C}cr\rlf\n",
        "separators": "line\u{2028}para\u{2029}",
        // Far longer than any screen, short enough to pass as one command-line argument (128 KiB).
        "long": String(repeating: "Ω", count: 20_000) + "\u{1B}[31m",
    ]

    static let keys = payloads.keys.sorted()

    /// A lead whose every text field carries a payload, rotated so that over `keys.count` leads each
    /// payload lands in each field. The very long one only lands in the first few fields (every lookup
    /// of a lead reads its whole line, so a lead full of it would only slow the suite down).
    static func profile(_ rotation: Int) -> Profile {
        var k = 0
        func next() -> String {
            defer { k += 1 }
            let key = keys[(rotation + k) % keys.count]
            return key == "long" && k > 3 ? "long" : payloads[key]!
        }
        var p = Profile()
        p.origin = "web"
        p.originId = "hostile-\(rotation)"
        p.name = next()
        p.company = next()
        p.title = next()
        p.trigger = next()
        p.email = next()
        p.phone = next()
        p.country = next()
        p.region = next()
        p.industry = next()
        p.source = next()
        p.nextAction = next()
        p.content = [next(), "ok"]
        p.signals = [Signal(next(), 2)]
        p.scoreParts = [ScorePart(next(), 90)]
        p.flags = [next()]
        p.extra = [Attribute(next(), next())]
        p.score = 90
        p.createdAt = Fixture.t0
        return p
    }

    /// What must never reach a terminal: C0 controls but newline, DEL, C1, bidi controls, separators.
    static func unsafeScalars(_ s: String) -> [String] {
        s.unicodeScalars.compactMap { u -> String? in
            let v = u.value
            let bad =
                (v < 0x20 && v != 0x0A) || v == 0x7F || (0x80...0x9F).contains(v) || (0x202A...0x202E).contains(v)
                || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C || v == 0x2028
                || v == 0x2029
            return bad ? String(format: "U+%04X", v) : nil
        }
    }
}

@Suite struct HostileInputTests {
    let dir = TempDirectory("leadq-hostile")
    var store: String { dir.path + "/store" }
    let env = ["LEADQ_NOW": "2026-11-23T10:00:00Z"]
    /// Leads shown through the CLI: every rotation in the full run, three in the short one (each
    /// lead carries every payload; the rotations move them between fields).
    static let shown = RunLength.pick(3, Hostile.keys.count)

    /// One lead per rotation, assigned to ana and accepted, with a hostile note and follow-up.
    func makeStore() throws -> [String] {
        let ids = Hostile.keys.indices.map { LeadID.make($0 + 1) }
        let leads = ids.indices.map { i in
            LeadScript(ids[i], profile: Hostile.profile(i), firstSeq: Int64(i * 10 + 1)).assign("ana").accept(by: "ana")
                .lead
        }
        let s = try FileStore.create(at: store, settings: Fixture.settings, leads: leads)
        let t = Fixture.t0 + 3600
        for (i, id) in ids.enumerated() {
            let v = Hostile.payloads[Hostile.keys[i]]!
            try s.perform(
                .contact(channel: .call, outcome: .noAnswer, direction: .outbound, note: v), on: id, as: "ana", at: t)
            try s.perform(.scheduleFollowUp(due: t + Span.day, what: v), on: id, as: "ana", at: t)
        }
        return ids
    }

    func leadq(_ args: [String]) throws -> LeadqProcess.Result {
        try LeadqProcess.run(args + ["--store", store], env: env)
    }

    @Test func storedUnchanged() throws {
        let ids = try makeStore()
        _ = try FileStore.compact(store)
        let reader = try FileStore.open(store)
        for (i, id) in ids.enumerated() {
            let lead = try #require(try reader.lead(id))
            let v = Hostile.payloads[Hostile.keys[i]]!
            #expect(lead.profile == Hostile.profile(i), "\(Hostile.keys[i])")
            // Notes are stored as typed, but for surrounding white space, which the rules trim.
            let trimmed = v.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(lead.work.contacts.last?.contact.note == trimmed, "\(Hostile.keys[i])")
            #expect(lead.work.nextFollowUp?.what == trimmed, "\(Hostile.keys[i])")
        }
        // The files themselves hold no raw control bytes either: `cat` on a store file is safe.
        for f in Stores.files(store) where f.hasSuffix(".jsonl") || f == "settings.json" {
            let text = String(decoding: try Stores.bytes(store + "/" + f), as: UTF8.self)
            #expect(Hostile.unsafeScalars(text).isEmpty, "\(f): \(Set(Hostile.unsafeScalars(text)))")
        }
    }

    @Test func inertInEveryCLITableAndMessage() throws {
        let ids = try makeStore()
        var outputs: [(String, LeadqProcess.Result)] = []
        outputs.append(("queue", try leadq(["queue", "--rep", "ana"])))
        for (i, id) in ids.prefix(HostileInputTests.shown).enumerated() {
            let key = Hostile.keys[i]
            outputs.append(("show \(id)", try leadq(["show", id])))
            outputs.append(("history \(id)", try leadq(["history", id])))
            // Confirmations name the lead and repeat the note (argv can't hold NUL).
            guard key != "nul" else { continue }
            outputs.append(
                (
                    "contact \(key)",
                    try leadq([
                        "contact", id, "--channel", "email", "--outcome", "replied", "--note", Hostile.payloads[key]!,
                        "--rep", "ana",
                    ])
                ))
            outputs.append(
                (
                    "reject \(key)",
                    try leadq(["reject", id, "--reason", "other", "--note", Hostile.payloads[key]!, "--rep", "ana"])
                ))
        }
        // Errors quote what was typed.
        for key in ["csi", "c1", "long"] {
            outputs.append(("unknown \(key)", try leadq(["show", Hostile.payloads[key]!])))
        }
        for (what, r) in outputs {
            for (stream, text) in [("stdout", r.stdout), ("stderr", r.stderr)] {
                let bad = Hostile.unsafeScalars(text)
                #expect(bad.isEmpty, "\(what) \(stream) carries \(Set(bad).sorted()): \(text.prefix(300))")
                // Very long fields are cut (tables and details at 4096 characters, messages at 8192),
                // not poured onto the terminal.
                let longest = text.split(separator: "\n").map { $0.unicodeScalars.count }.max() ?? 0
                #expect(longest <= 8200, "\(what) \(stream): a line of \(longest) characters")
            }
        }
        // Inert, not erased: the rep still sees that something was there.
        let shown = outputs.filter { $0.0.hasPrefix("show") }.map(\.1.stdout).joined()
        #expect(shown.contains("Evil␛[31mRED"))
        #expect(shown.contains("invoice⟨U+202E⟩fdp.exe"))
        #expect(shown.contains("⟨U+009B⟩"))
        #expect(shown.contains("␛]52;c;"))
    }

    /// Leads from Salesforce, HubSpot and Odoo with hostile ids and hostile rejection notes, exported
    /// with `leadq export`: every CSV cell reads back with no formula start and no control character,
    /// and the JSON Lines exports parse and hold no raw control character.
    @Test func exportedSafely() throws {
        let formats = ["salesforce", "hubspot", "odoo"]
        let leads = Hostile.keys.indices.map { i -> Lead in
            var p = Hostile.profile(i)
            p.origin = formats[i % 3]
            p.originId = Hostile.payloads[Hostile.keys[i]]!
            return LeadScript(LeadID.make(i + 1), profile: p, firstSeq: Int64(i * 10 + 1)).assign("ana").lead
        }
        let s = try FileStore.create(at: store, settings: Fixture.settings, leads: leads)
        for (i, l) in leads.enumerated() {
            try s.perform(
                .reject(reason: "other", note: Hostile.payloads[Hostile.keys[i]]!), on: l.id, as: "ana",
                at: Fixture.t0 + 3600)
        }
        for f in formats {
            let r = try leadq(["export", "--format", f])
            #expect(r.status == 0, "\(f): \(r.stderr)")
            let values = SpreadsheetCSV.values(r.stdout)
            #expect(
                values.count == 5 * (1 + leads.count / 3 + (leads.count % 3 > formats.firstIndex(of: f)! ? 1 : 0)),
                "\(f): \(values.count) cells")
            for v in values {
                #expect(
                    Hostile.unsafeScalars(v.replacingOccurrences(of: "\n", with: " ")).isEmpty,
                    "\(f) cell \(v.debugDescription)")
                if let first = v.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
                    Issue.record("\(f): a spreadsheet would run \(v.debugDescription)")
                }
            }
            #expect(Hostile.unsafeScalars(r.stderr).isEmpty)
        }
        for args in [["export", "--format", "jsonl"], ["export", "--format", "jsonl", "--events"]] {
            let r = try leadq(args)
            #expect(r.status == 0, "\(args): \(r.stderr)")
            #expect(
                Hostile.unsafeScalars(r.stdout).isEmpty, "\(args): raw \(Set(Hostile.unsafeScalars(r.stdout)).sorted())"
            )
            for line in r.stdout.split(separator: "\n") { _ = try JSONSerialization.jsonObject(with: Data(line.utf8)) }
        }
    }

    @Test func escapedInJSON() throws {
        let ids = try makeStore()
        var runs = [["queue", "--json", "--rep", "ana"]]
        for id in ids.prefix(HostileInputTests.shown) { runs += [["show", id, "--json"], ["history", id, "--json"]] }
        for args in runs {
            let r = try leadq(args)
            #expect(r.status == 0, "\(args): \(r.stderr)")
            #expect(
                Hostile.unsafeScalars(r.stdout).isEmpty,
                "\(args) prints raw \(Set(Hostile.unsafeScalars(r.stdout)).sorted())")
            _ = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
        }
        // And the JSON decodes back to exactly what was stored.
        for (i, id) in ids.prefix(HostileInputTests.shown).enumerated() {
            let obj =
                try JSONSerialization.jsonObject(with: Data(try leadq(["show", id, "--json"]).stdout.utf8))
                as! [String: Any]
            let profile = obj["profile"] as! [String: Any]
            #expect(profile["name"] as? String == Hostile.profile(i).name)
            #expect(profile["company"] as? String == Hostile.profile(i).company)
        }
    }
}
