import Foundation
import LeadqTestSupport
import PropertyBased

/// One random `leadq` command line with extreme arguments, as a hostile tester types them: huge,
/// negative and overflowing lengths, the years 0, 1969, 9999 and 10000, odd time zones, empty and
/// control-character text, numbers past Int64. Small numbers pick from the pools below; `n` is a
/// random Int64 for the arguments that take any number.
struct HostileCommand: Sendable, CustomStringConvertible {
    var kind: Int, lead: Int, a: Int, b: Int, env: Int, n: Int64

    static let generator = zip(
        Gen.int(in: 0...23), Gen.int(in: 1...24), Gen.int(in: 0...10_000), Gen.int(in: 0...10_000),
        Gen.int(in: 0...10_000), Gen.int64(in: .min ... .max)
    )
    .map { HostileCommand(kind: $0.0, lead: $0.1, a: $0.2, b: $0.3, env: $0.4, n: $0.5) }

    var description: String { "\(kind)/\(lead)/\(a)/\(b)/\(env)/\(n)" }

    static let dues = [
        "+3000000d", "+999999999h", "+99999999999m", "+9223372036854775807m", "+9223372036854775807d",
        "+99999999999999999999w",
        "-1d", "-9223372036854775808d", "+0d", "+1m", "+3d", "+1w", "+3650d", "+3651d", "tomorrow", "tomorrow 02:30",
        "tomorrow 25:00",
        "today 23:59", "00:00", "23:59", "9999-12-31 23:59", "9999-12-31T23:59:59Z", "9999-12-31T23:59:59-14:00",
        "10000-01-01",
        "0000-01-01", "1969-12-31 23:59", "1970-01-01T00:00:00Z", "2026-02-29", "2028-02-29 09:00", "2026-03-08 02:30",
        "2026-11-01 01:30", "2026-10-04 02:30", "2027-01-01T00:00:00+14:00", "", " ", "\u{1b}[2J", "+\u{202e}3d",
        "+3d\n",
        "+" + String(repeating: "9", count: 40) + "d", "2026-12-01T10:00", "2026-12-01t10:00z",
    ]
    static let nows = [
        "2026-11-23T10:00:00Z", "2026-11-23T10:00:00Z", "2026-11-23T10:00:00Z", "2026-03-08T06:30:00Z",
        "2026-11-01T05:30:00Z",
        "1970-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
        "9999-12-30T00:00:00Z",
        "9999-12-31T23:59:59-14:00", "10000-01-01T00:00:00Z", "soon", "2026-11-23",
    ]
    static let zones = [
        "UTC", "America/New_York", "Europe/Berlin", "Australia/Sydney", "Pacific/Kiritimati", "Pacific/Pago_Pago",
        "Asia/Kathmandu",
        "America/St_Johns", "Australia/Lord_Howe", "EST5EDT", "Nowhere/Bogus", "", ":Europe/Berlin", "<+14>-14",
    ]
    static let reps = ["ana", "ana", "mia", "mia", "mia", "ben", "", "nobody", "\u{1b}]0;x\u{7}", "../../etc/passwd"]
    static let texts = [
        "", "t", "Call the CFO", "\u{1b}[31mred", "\u{202e}evil", String(repeating: "x", count: 5000),
        "=cmd|' /C calc'!A0", "日本語",
    ]
    static let versions = ["9223372036854775807", "-9223372036854775808", "99999999999999999999", "-1", "0", "1", "3"]
    static let ages = [
        "0d", "1d", "30d", "99999d", "100000d", "99999w", "-5d", "9223372036854775807w", "", "30x", "1h",
    ]
    static let dates = [
        "0000-01-01", "1969-12-31", "1970-01-01", "9999-12-31", "10000-01-01", "2026-11-01", "2026-02-30",
        "9999-12-31T23:59:59-14:00", "2026-11-01T08:00", "",
    ]
    static let reasons = ["no-budget", "other", "stale", "", "\u{1b}[2J"]

    func pick<T>(_ pool: [T], _ i: Int) -> T { pool[i % pool.count] }

    /// A length built from the random number: `+N d`, `-N h`… (N may itself be negative).
    var randomLength: String { "\(a % 2 == 0 ? "+" : "-")\(n)\(pick(["m", "h", "d", "w"], b))" }

    var due: String { b % 4 == 0 ? randomLength : pick(HostileCommand.dues, a) }

    /// The lead (sometimes one that doesn't exist, or isn't an id at all).
    var leadID: String {
        switch lead {
        case 21: return "L-99999"
        case 22: return "../../etc/passwd"
        case 23: return "-5"
        default: return "L-" + String(repeating: "0", count: 5 - String(lead).count) + String(lead)
        }
    }

    var environment: [String: String] {
        var e = [
            "LEADQ_NOW": env % 3 == 0 ? pick(HostileCommand.nows, env / 3) : HostileCommand.nows[0],
            "TZ": pick(HostileCommand.zones, env / 7),
        ]
        if env % 11 == 0 { e["LEADQ_NOW"] = nil }
        return e
    }

    /// The arguments, without `--store`.
    var arguments: [String] {
        // Mostly the manager (who may act on any lead), so many commands get past the rules to the store.
        let rep = ["--rep", b % 10 < 7 ? "mia" : pick(HostileCommand.reps, b / 3)]
        let text = pick(HostileCommand.texts, b / 5)
        let version = a % 3 == 0 ? ["--if-version", a % 2 == 0 ? "\(n)" : pick(HostileCommand.versions, b)] : []
        switch kind {
        case 0...4: return ["followup", "schedule", leadID, "--due", due, "--what", text] + version + rep
        case 5: return ["followup", "done", leadID, "--note", text] + rep
        case 6: return ["followup", "drop", leadID] + rep
        case 7: return ["accept", leadID] + version + rep
        case 8: return ["reject", leadID, "--reason", pick(HostileCommand.reasons, a), "--note", text] + rep
        case 9:
            return [
                "contact", leadID, "--channel", pick(["call", "email", "sms", "fax"], a), "--outcome",
                pick(["no-answer", "connected", "voicemail"], b),
            ]
                + (a % 5 == 0 ? ["--inbound"] : []) + version + rep
        case 10: return ["qualify", leadID, "--note", text] + rep
        case 11: return ["clawback", leadID, "--reason", pick(HostileCommand.reasons, a), "--note", text] + rep
        case 12: return ["clawback", "--stale"] + (a % 2 == 0 ? ["--dry-run"] : []) + rep
        case 13: return ["assign", leadID, "--to", pick(HostileCommand.reps, a)] + rep
        case 14: return ["reassign", leadID, "--to", pick(HostileCommand.reps, a)] + version + rep
        case 15: return ["release", leadID] + rep
        case 16: return ["undo"] + rep
        case 17:
            return [
                "nurture", "release", "--older-than",
                a % 4 == 0 ? randomLength.dropFirst().description : pick(HostileCommand.ages, b),
            ]
                + (a % 2 == 0 ? ["--dry-run"] : []) + rep
        case 18:
            return ["report", "--period", pick(["week", "month"], a)]
                + (a % 3 != 1 ? ["--from", pick(HostileCommand.dates, b)] : [])
                + (a % 3 != 2 ? ["--to", pick(HostileCommand.dates, b / 11)] : [])
        case 19:
            return ["export", "--format", "jsonl"] + (a % 2 == 0 ? ["--events"] : []) + [
                "--since", pick(HostileCommand.dates, b),
            ]
        case 20: return ["route"] + (a % 2 == 0 ? ["--dry-run"] : []) + rep
        case 21: return ["queue", "--limit", a % 2 == 0 ? "\(n)" : "0"] + (a % 3 == 0 ? ["--pool"] : []) + rep
        case 22: return ["show", leadID, "--json"]
        default: return ["import", "leads.csv", "--skip-bad"] + (a % 2 == 0 ? ["--dry-run"] : []) + rep
        }
    }

    /// A CSV export whose created dates are the hostile ones: imported, each lands or is a bad row.
    static func importFile(rows: Int, seed: Int) -> String {
        var lines = ["Id,Email,LastName,Company,CreatedDate,Lead_Score__c"]
        for i in 0..<rows {
            let when = (dues + dates + nows)[(seed + i * 7) % (dues.count + dates.count + nows.count)]
            let cell = "\"" + when.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            lines.append("00Q\(seed)x\(i),p\(i)@x.example,Lee\(i),Acme,\(cell),\((seed + i) % 120)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Command lines for `leadq-crash-child cli-batch`: hex of each environment entry and argument.
enum BatchScript {
    static func line(_ args: [String], env: [String: String]) -> String {
        (env.sorted { $0.key < $1.key }.map { "E:" + Hex.encode("\($0.key)=\($0.value)") }
            + args.map { "A:" + Hex.encode($0) })
            .joined(separator: " ")
    }

    /// What every command must still do with the store afterwards (normal clock, UTC): the reads that
    /// show every time a lead holds (`show` of the first `leads`, the exports, the report).
    static func reads(leads: Int) -> [[String]] {
        [
            ["verify"], ["queue", "--rep", "ana"], ["report", "--format", "json"], ["export", "--format", "jsonl"],
            ["export", "--format", "jsonl", "--events"], ["route", "--dry-run", "--rep", "mia"],
            ["clawback", "--stale", "--dry-run", "--rep", "mia"],
        ]
            + (1...leads).map { ["show", "L-" + String(repeating: "0", count: 5 - String($0).count) + String($0)] }
    }
}
