import Foundation
import LeadqTestSupport
import Testing

/// Arguments are untrusted text: every error that quotes one is inert; unknown lead ids are bad
/// input (exit 2); an explicitly empty `--store` or `--rep` is refused rather than defaulted.
@Suite struct ArgumentErrorCLITests {
    let dir = TempDirectory("leadq-args")
    let slot = StoreSlot()
    var store: String { slot.location }
    static let hostile = "x\u{1B}[31m\u{07}\u{202E}y"

    func leadq(_ args: [String], env: [String: String] = [:]) throws -> LeadqProcess.Result {
        try LeadqProcess.run(args, env: ["LEADQ_NOW": "2026-11-23T10:00:00Z"].merging(env) { $1 })
    }

    func demo() throws {
        let r = try leadq(["demo", "--leads", "20", "--store", store])
        #expect(r.status == 0, "\(r.stderr)")
    }

    @Test(arguments: StoreKinds.all) func argumentErrorsAreInert(_ kind: StoreKind) throws {
        try slot.use(kind)
        try demo()
        let h = Self.hostile
        let cases: [[String]] = [
            ["contact", "L-00001", "--channel", h, "--outcome", "connected", "--rep", "ana"],
            ["contact", "L-00001", "--channel", "call", "--outcome", h, "--rep", "ana"],
            ["export", "--format", h], ["report", "--format", h], ["queue", "--order", h, "--rep", "ana"],
            ["accept", "L-00001", "--if-version", h, "--rep", "ana"], ["queue", "--bogus\(h)"], [h],
            ["nurture", "release", "--older-than", h, "--rep", "mia"], ["report", "--section", h],
            ["import", dir.file(h), "--rep", "mia"], ["followup", "schedule", "L-00001", "--due", h, "--rep", "ana"],
        ]
        for c in cases {
            let r = try leadq(c + ["--store", store])
            #expect(r.status == 2, "\(c): rc \(r.status) \(r.stderr)")
            for raw in ["\u{1B}", "\u{07}", "\u{202E}"] {
                #expect(
                    !r.stderr.contains(raw) && !r.stdout.contains(raw),
                    "\(c) printed \(raw.unicodeScalars.first!.value) raw: \(r.stderr)")
            }
            #expect(r.stderr.contains("␛"), "\(c): \(r.stderr)")
        }
    }

    @Test(arguments: StoreKinds.all) func unknownLeadIdsAreBadInput(_ kind: StoreKind) throws {
        try slot.use(kind)
        try demo()
        for id in ["L-99999", "../../etc/passwd", "/etc/passwd", "L-00001/../L-00002", ""] {
            for c in [
                ["accept", id, "--rep", "ana"], ["show", id], ["history", id], ["show", id, "--json"],
                ["followup", "schedule", id, "--due", "+1d", "--rep", "ana"],
            ] {
                let r = try leadq(c + ["--store", store])
                #expect(r.status == 2, "\(c): rc \(r.status)")
                #expect(r.stderr == "leadq: no lead \(id) in this store\n", "\(c): \(r.stderr)")
            }
        }
    }

    @Test(arguments: StoreKinds.all) func anEmptyStoreOrRepIsRefused(_ kind: StoreKind) throws {
        try slot.use(kind)
        try demo()
        let home = dir.file("home")
        let env = ["HOME": home, "XDG_DATA_HOME": "", "LEADQ_STORE": store, "LEADQ_REP": "ana", "USER": "ana"]
        let emptyStore = try leadq(["queue", "--store", ""], env: env)
        #expect(emptyStore.status == 2)
        #expect(emptyStore.stderr.contains("--store is empty"), "\(emptyStore.stderr)")
        for c in [
            ["queue", "--rep", ""], ["accept", "L-00001", "--rep", ""], ["report", "--rep", ""], ["undo", "--rep", ""],
        ] {
            let r = try leadq(c + ["--store", store], env: env)
            #expect(r.status == 2, "\(c): rc \(r.status)")
            #expect(r.stderr.contains("--rep is empty"), "\(c): \(r.stderr)")
        }
        // An empty environment variable is unset, as in the shell: the next default applies.
        let unset = try leadq(["queue"], env: env.merging(["LEADQ_STORE": "", "LEADQ_REP": ""]) { $1 })
        #expect(unset.status == 3)
        #expect(unset.stderr.contains("no leadq store at \(home)/.local/share/leadq"), "\(unset.stderr)")
        let rep = try leadq(["queue", "--store", store], env: env.merging(["LEADQ_REP": ""]) { $1 })
        #expect(rep.status == 0 && rep.stdout.hasPrefix("ana · "), "\(rep.stderr)")
    }
}
