import Foundation
import LeadqDomain
import LeadqFileStore
import LeadqStore
import LeadqTestSupport
import Testing

/// Random and mutated inputs for every reader of untrusted files: the store's snapshot, journal and
/// settings.json, and theme files. The readers run in the test-only child, so a crash or a hang is
/// caught and pinned to its case: none may crash, none may hang, each error names the file.
///
/// CRM exports go through the importer too, and what it saved is exported again and checked.
@Suite(.serialized) struct ReaderFuzzTests {
    let dir = TempDirectory("leadq-fuzz")

    struct Tally {
        var cases = 0, ok = 0, refused = 0, crashes: [String] = [], hangs: [String] = [], unclear: [String] = []
        var byMutation: [String: Int] = [:]
    }

    /// Runs `mode` over cases `0..<count` in batches, restarting the child after a crash or a hang.
    func fuzz(
        _ mode: String, _ args: [String], count: Int, perCaseSeconds: Double = 20,
        judge: (_ caseLine: String, _ result: String, inout Tally) -> Void
    ) throws -> Tally {
        var t = Tally()
        var next = 0
        while next < count {
            let batch = min(200, count - next)
            let child = try ChildProcess(
                ChildProcess.crashChild,
                [mode] + args + ["--seed", String(RunLength.seed), "--from", String(next), "--count", String(batch)])
            var seen = 0
            var lastCase = ""
            var deadline = ChildProcess.monotonic() + perCaseSeconds + 5
            var hung = false
            while true {
                let closed = child.pump(until: deadline) { $0.count > seen }
                while seen < child.lines.count {
                    let line = child.lines[seen]
                    seen += 1
                    if line.hasPrefix("case ") {
                        lastCase = line
                        deadline = ChildProcess.monotonic() + perCaseSeconds
                    } else if line.hasPrefix("ok ") || line.hasPrefix("err ") || line.hasPrefix("odd ") {
                        t.cases += 1
                        judge(lastCase, line, &t)
                        lastCase = ""
                    }
                }
                if closed { break }
                if ChildProcess.monotonic() >= deadline {
                    hung = true
                    break
                }
            }
            if hung {
                child.kill()
                t.hangs.append(lastCase)
            }
            child.wait()
            if let sig = child.killedBySignal, !hung {
                t.crashes.append("signal \(sig) in \(lastCase): \(child.stderr.suffix(600))")
            } else if !hung && !child.exitedNormally {
                t.crashes.append("\(child.ending) in \(lastCase): \(child.stderr.suffix(600))")
            }
            // Resume after the case that crashed or hung, or after the batch.
            let done =
                child.lines.last { $0.hasPrefix("case ") }.flatMap { Int($0.split(separator: " ")[1]) } ?? (next - 1)
            next = child.lines.last == "done" ? next + batch : max(next + 1, done + 1)
            if t.crashes.count + t.hangs.count > 10 { break }
        }
        return t
    }

    @Test func storeFilesNeverCrashOrHangTheReaders() throws {
        let base = dir.path + "/base"
        // A store with every kind of record: a snapshot with queues, single events and batches after it.
        let s = try Stores.demo(at: base, leads: 40)
        let active = try s.activeLeads().map(\.id).sorted(by: LeadID.precedes)
        for (i, id) in active.prefix(6).enumerated() {
            try s.perform(
                .contact(channel: .call, outcome: .noAnswer, direction: .inbound, note: "n\(i) ✓ \u{1B}[1m"), on: id,
                as: "mia", at: Stores.t0 + Int64(i))
        }
        _ = try FileStore.compact(base)
        try s.transact(as: "mia", at: Stores.t0 + 100) { tx in
            let c = try tx.create(Fixture.profile(name: "Fuzz Batch"))
            try tx.perform(.assign(to: "ana", rule: nil), on: c.lead.id)
        }
        try s.perform(.accept, on: active[0], as: "mia", at: Stores.t0 + 200)
        let work = dir.path + "/work"
        let count = RunLength.pick(80, 5_000)
        let t = try fuzz("fuzz-store", ["--base", base, "--work", work], count: count) { c, result, t in
            let parts = c.split(separator: " ")
            let mutation = parts.count > 3 ? String(parts[3]) : "?"
            t.byMutation[mutation, default: 0] += 1
            if result.hasPrefix("ok ") {
                t.ok += 1
                // A changed byte inside a checksummed record must never be read as good.
                if c.hasSuffix(" strict") { t.unclear.append("read as good: \(c) → \(result)") }
            } else if result.hasPrefix("err ") {
                t.refused += 1
                // The message names the file it refuses (or, for settings, the file and the key).
                let names =
                    result.contains(work + "/") && (result.contains(".jsonl") || result.contains("settings.json"))
                if !names { t.unclear.append("\(c) → \(result)") }
            } else {
                t.unclear.append("\(c) → \(result)")
            }
        }
        RunLength.report(
            "fuzz, store files",
            "\(t.cases) cases (\(t.byMutation.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))): \(t.ok) read (recovered or harmless), \(t.refused) refused with the file named, \(t.crashes.count) crashes, \(t.hangs.count) hangs, \(t.unclear.count) unclear"
        )
        #expect(t.cases == count)
        #expect(t.crashes.isEmpty, "\(t.crashes)")
        #expect(t.hangs.isEmpty, "\(t.hangs)")
        #expect(t.unclear.isEmpty, "\(t.unclear.prefix(10))")
    }

    /// Structure-aware: the snapshot's trailer and header (offsets, lengths, counts, sequence numbers)
    /// set to integer extremes and near misses, moved, repeated and dropped, then sealed again with a
    /// correct checksum, so that only the bounds checks stand between the file and a crash.
    @Test func hostileSnapshotIndexesNeverCrashTheReaders() throws {
        let base = dir.path + "/base-trailer"
        let s = try Stores.demo(at: base, leads: 40)
        try s.perform(.accept, on: try s.activeLeads().first { $0.stage == .assigned }!.id, as: "mia", at: Stores.t0)
        let count = RunLength.pick(200, 10_000)
        let t = try fuzz("fuzz-trailer", ["--base", base, "--work", dir.path + "/work-trailer"], count: count) {
            c, result, t in
            let parts = c.split(separator: " ")
            t.byMutation[parts.count > 3 ? String(parts[3]) : "?", default: 0] += 1
            if result.hasPrefix("ok ") {
                t.ok += 1
            } else if result.hasPrefix("err ") {
                t.refused += 1
                if !(result.contains(dir.path + "/work-trailer/snapshot-")) { t.unclear.append("\(c) → \(result)") }
            } else {
                t.unclear.append("\(c) → \(result)")
            }
        }
        RunLength.report(
            "fuzz, snapshot indexes",
            "\(t.cases) cases (\(t.byMutation.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))): \(t.ok) read (harmless), \(t.refused) refused naming the snapshot, \(t.crashes.count) crashes, \(t.hangs.count) hangs, \(t.unclear.count) unclear"
        )
        #expect(t.cases == count)
        #expect(t.crashes.isEmpty, "\(t.crashes)")
        #expect(t.hangs.isEmpty, "\(t.hangs)")
        #expect(t.unclear.isEmpty, "\(t.unclear.prefix(10))")
    }

    /// Structure-aware: every number in settings.json set, in turn, to each extreme a hand edit could
    /// leave (0, -1, 2^31, 2^62, Int64.max and min, 20 digits), then everything read and one action
    /// taken. Clocks multiply these (days × 86,400 s): nothing may overflow.
    @Test func extremeSettingsNeverCrashTheReaders() throws {
        let base = dir.path + "/base-settings"
        let s = try Stores.demo(at: base, leads: 20)
        try s.perform(.accept, on: try s.activeLeads().first { $0.stage == .assigned }!.id, as: "mia", at: Stores.t0)
        let text = Array(try Stores.bytes(base + "/settings.json"))
        var numbers = 0
        var inString = false
        var escaped = false
        var inNumber = false
        for c in text {
            if inString {
                if escaped {
                    escaped = false
                } else if c == UInt8(ascii: "\\") {
                    escaped = true
                } else if c == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            let digit = c == UInt8(ascii: "-") || (48...57).contains(c)
            if digit && !inNumber { numbers += 1 }
            inNumber = digit
            if c == UInt8(ascii: "\"") { inString = true }
        }
        // The short run tries the two values that overflow a clock; the full run all seven.
        let extremes = RunLength.isLong ? 7 : 2
        let count = numbers * extremes
        let t = try fuzz(
            "fuzz-settings",
            ["--base", base, "--work", dir.path + "/work-settings"] + (RunLength.isLong ? [] : ["--extremes", "3,4"]),
            count: count
        ) { c, result, t in
            if result.hasPrefix("ok ") {
                t.ok += 1
            } else if result.hasPrefix("err ") {
                t.refused += 1
                if !result.contains("settings.json") { t.unclear.append("\(c) → \(result)") }
            } else {
                t.unclear.append("\(c) → \(result)")
            }
        }
        RunLength.report(
            "fuzz, extreme settings",
            "\(numbers) numbers × \(extremes) extremes = \(t.cases) cases: \(t.ok) read and acted on, \(t.refused) refused naming settings.json and the key, \(t.crashes.count) crashes, \(t.hangs.count) hangs"
        )
        #expect(t.cases == count)
        #expect(t.crashes.isEmpty, "\(t.crashes)")
        #expect(t.hangs.isEmpty, "\(t.hangs)")
        #expect(t.unclear.isEmpty, "\(t.unclear.prefix(10))")
    }

    /// Salesforce, HubSpot and Odoo exports (the importer's own samples) damaged and made hostile:
    /// unbalanced quotes, 5000 columns, a 200,000-character cell, hundreds of rows, formula and escape
    /// cells, Latin-1 bytes, CR line ends, duplicate headers, extreme numbers, plus the byte-level
    /// mutations. Each is read, planned and imported into a copy of a store, the rejects file written,
    /// the store reopened and verified, every lead scored, and the CRM exports written and checked
    /// cell by cell: no crash, no hang, every error naming the file, no exported cell a spreadsheet
    /// would run or a control character.
    @Test func crmExportsNeverCrashOrHangTheImporter() throws {
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("LeadqIOTests/Samples").path
        let base = dir.path + "/base-import"
        try Stores.demo(at: base, leads: 30)
        let work = dir.path + "/import"
        let count = RunLength.pick(60, 3_000)
        let t = try fuzz("fuzz-import", ["--samples", samples, "--base", base, "--work", work], count: count) {
            c, result, t in
            let mutation = c.split(separator: " ").dropFirst(3).first.map(String.init) ?? "?"
            t.byMutation[mutation, default: 0] += 1
            if result.hasPrefix("ok ") {
                t.ok += 1
            } else if result.hasPrefix("err ") {
                t.refused += 1
                if !result.contains(work + "/") { t.unclear.append("\(c) → \(result)") }
            } else {
                t.unclear.append("\(c) → \(result)")
            }
        }
        RunLength.report(
            "fuzz, CRM import and export",
            "\(t.cases) cases (\(t.byMutation.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))): \(t.ok) imported, re-read and exported safely, \(t.refused) refused naming the file, \(t.crashes.count) crashes, \(t.hangs.count) hangs, \(t.unclear.count) unclear or unsafe"
        )
        #expect(t.cases == count)
        #expect(t.crashes.isEmpty, "\(t.crashes)")
        #expect(t.hangs.isEmpty, "\(t.hangs)")
        #expect(t.unclear.isEmpty, "\(t.unclear.prefix(10))")
    }

    @Test func themesNeverCrashOrHangTheLoader() throws {
        let themes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("themes").path
        let work = dir.path + "/themes"
        let count = RunLength.pick(80, 5_000)
        let t = try fuzz("fuzz-theme", ["--themes", themes, "--work", work], count: count, perCaseSeconds: 10) {
            c, result, t in
            let mutation = c.split(separator: " ").dropFirst(2).first.map(String.init) ?? "?"
            t.byMutation[mutation, default: 0] += 1
            if result.hasPrefix("ok ") {
                t.ok += 1
            } else if result.hasPrefix("err ") {
                t.refused += 1
                // ThemeError names the file (or the built-in theme, or the name that wasn't found).
                if !(result.contains(work) || result.contains("<built-in>") || result.contains(": ")) {
                    t.unclear.append("\(c) → \(result)")
                }
            }
        }
        RunLength.report(
            "fuzz, themes",
            "\(t.cases) cases (\(t.byMutation.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))): \(t.ok) loaded, \(t.refused) refused with a ThemeError, \(t.crashes.count) crashes, \(t.hangs.count) hangs"
        )
        #expect(t.cases == count)
        #expect(t.crashes.isEmpty, "\(t.crashes)")
        #expect(t.hangs.isEmpty, "\(t.hangs)")
        #expect(t.unclear.isEmpty, "\(t.unclear.prefix(10))")
    }
}
