import Foundation
import LeadqDemo
import LeadqDomain
import LeadqFileStore
import LeadqIO
import LeadqStore
import LeadqTestSupport
import LeadqText

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `fuzz-import`: damaged and hostile CRM exports through the importer, then the store it wrote to
/// read back, exported again, and checked.
///
///     fuzz-import --samples DIR --base STORE --work DIR --seed N --from I --count N
///
/// Prints `case I <sample> <mutation>`, then `ok I …`, `err I <message>` (an ImportFileError, a
/// usage error or a StoreError, one line) or `odd I <type> <message>`.
struct ImportFuzz {
    let samples: String
    let base: String
    let work: String
    let seed: UInt64
    let from: Int
    let count: Int
    let now: Instant

    init(_ a: Arguments) throws {
        samples = try a.string("samples")
        base = try a.string("base")
        work = try a.string("work")
        seed = a.seed()
        from = a.int("from", default: 0)
        count = a.int("count", default: 1)
        now = a.now()
    }

    func run() throws {
        let names = try StoreFilesView(samples).names().filter { $0.hasSuffix(".csv") }
        let sources = try names.map { try readFile(samples + "/" + $0) }
        let storeFiles = try StoreFilesView(base).names().filter { $0 == "settings.json" || $0.hasSuffix(".jsonl") }
        for i in from..<(from + count) {
            var rng = SplitMix(seed: seed ^ (UInt64(i) &* 0xA076_1D64_78BD_642F))
            let k = rng.below(sources.count)
            var bytes = sources[k]
            let what: String
            if rng.coin(0.45) {
                what = csvMutation(&bytes, &rng)
            } else {
                var m = Mutator(rng: rng, checksummed: false, isJournal: false)
                what = m.mutate(&bytes)
            }
            _ = system("rm -rf '\(work)' && mkdir -p '\(work)/store'")
            for f in storeFiles { try writeFile(work + "/store/" + f, try readFile(base + "/" + f)) }
            let path = work + "/" + names[k]
            try writeFile(path, bytes)
            Out.line("case \(i) \(names[k]) \(what)")
            Out.line(importEverything(i, bytes, path))
        }
        Out.line("done")
    }

    /// Read, plan and apply the file as `leadq import --skip-bad` does; write the rejects; read the
    /// store back; export every format; each exported cell checked.
    func importEverything(_ i: Int, _ bytes: [UInt8], _ path: String) -> String {
        do {
            var rows = try Importer.read(bytes, file: path, options: ImportOptions())
            let good = rows.rows.count
            let bad = rows.bad.count
            let rejects = try Importer.rejects(rows)
            if let why = unsafeCSV(rejects) { return "odd \(i) the rejects file \(why)" }
            let store = try FileStore.open(work + "/store")
            try store.prepareProfileIndex()
            var pending = rows
            rows.rows = []
            let result = try store.transact(as: "mia", at: now) { tx in
                try Importer.run(&pending, in: tx, store: store, apply: true)
            }.result
            let again = try FileStore.open(work + "/store")
            _ = try again.verify()
            var exported = 0
            var rowsByFormat: [SourceFormat: [[String]]] = [:]
            try again.forEachLead { lead in
                _ = SLA.status(lead, now: now, settings: again.settings)
                _ = Scoring.score(lead.profile, rules: again.settings.scoring)
                for f in [SourceFormat.salesforce, .hubspot, .odoo] where DecisionExport.includes(lead, f, since: nil) {
                    rowsByFormat[f, default: []].append(DecisionExport.row(lead, f, settings: again.settings))
                }
            }
            // Exported as `leadq export` writes it.
            for (f, rows) in rowsByFormat {
                if let why = unsafeCSV(try CSVOutput.bytes(header: DecisionExport.header(f), rows: rows)) {
                    return "odd \(i) the \(f) export \(why)"
                }
                exported += rows.count
            }
            return
                "ok \(i) good=\(good) bad=\(bad) new=\(result.plan.new) updated=\(result.plan.updated) exported=\(exported)"
        } catch let e as ImportFileError {
            return "err \(i) " + oneLine(e.description)
        } catch let e as StoreError {
            return "err \(i) " + oneLine(e.description)
        } catch let r as Refusal {
            return "err \(i) refused: " + oneLine(r.message)
        } catch let e as ChildError {
            return "odd \(i) " + oneLine(e.description)
        } catch {
            // Usage errors of the importer (a file it can't map) are fine when they name the file.
            let text = oneLine("\(error)")
            return text.contains(path) || text.contains(work)
                ? "err \(i) \(text)" : "odd \(i) \(type(of: error)) \(text)"
        }
    }

    /// Why CSV bytes would be unsafe in a spreadsheet or on a terminal, or nil: a cell whose value
    /// starts a formula, or a control character other than a line break kept inside quotes.
    func unsafeCSV(_ bytes: [UInt8]) -> String? {
        for value in SpreadsheetCSV.values(String(decoding: bytes, as: UTF8.self)) {
            for u in value.unicodeScalars {
                let v = u.value
                if (v < 0x20 && v != 0x0A) || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v)
                    || (0x2066...0x2069).contains(v)
                {
                    return "carries a raw U+\(String(v, radix: 16)) in \(value.prefix(60).debugDescription)"
                }
            }
            guard let first = value.unicodeScalars.first else { continue }
            if "=+-@\t\r".unicodeScalars.contains(first) {
                return "has a cell a spreadsheet would run: \(value.prefix(60).debugDescription)"
            }
        }
        return nil
    }

    private func oneLine(_ s: String) -> String {
        String(s.unicodeScalars.map { $0.value < 0x20 ? "?" : Character($0) }.prefix(2000))
    }

    /// Mutations only CSV has: unbalanced quotes, very wide or very long rows, many rows, formula and
    /// hostile cells, odd encodings and line ends, duplicate headers, extreme numbers.
    private func csvMutation(_ b: inout [UInt8], _ rng: inout SplitMix) -> String {
        var lines = String(decoding: b, as: UTF8.self).components(separatedBy: "\n")
        let kinds = [
            "quote", "wide", "long", "rows", "formula", "hostile", "latin1", "cr", "dup-header", "numbers",
            "empty-rows", "header-only",
        ]
        let kind = kinds[rng.below(kinds.count)]
        let row = lines.count > 1 ? 1 + rng.below(lines.count - 1) : 0
        func replaceField(_ value: String) {
            var cells = lines[row].components(separatedBy: ",")
            cells[rng.below(cells.count)] = value
            lines[row] = cells.joined(separator: ",")
        }
        switch kind {
        case "quote":
            lines[row].insert(
                "\"", at: lines[row].index(lines[row].startIndex, offsetBy: rng.below(lines[row].count + 1)))
        case "wide": lines[row] += String(repeating: ",x", count: 5000)
        case "long": replaceField("\"" + String(repeating: "Ω", count: 200_000) + "\"")
        case "rows": lines += Array(repeating: lines[row], count: 300)
        case "formula":
            replaceField(["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\"\t=1\"", "\"\r=1\""][rng.below(6)])
        case "hostile":
            replaceField(
                "\""
                    + ["\u{1B}]0;pwned\u{7}", "\u{1B}[2J", "\u{9B}31m", "a\u{202E}b", "\u{0}", "\u{2028}"][rng.below(6)]
                    + "\"")
        case "latin1":
            b = b.map { $0 == 0xC3 ? 0xE9 : $0 }
            return "csv-latin1"
        case "cr":
            return {
                b = Array(lines.joined(separator: "\r").utf8)
                return "csv-cr"
            }()
        case "dup-header": lines[0] += "," + (lines[0].components(separatedBy: ",").first ?? "Id")
        case "numbers":
            let extremes = [
                "9223372036854775807", "-9223372036854775808", "99999999999999999999", "-1", "1e308", "NaN",
            ]
            var cells = lines[row].components(separatedBy: ",")
            for j in cells.indices
            where cells[j].allSatisfy({ $0.isNumber || $0 == "\"" || $0 == "." })
                && cells[j].contains(where: \.isNumber)
            {
                cells[j] = extremes[rng.below(extremes.count)]
            }
            lines[row] = cells.joined(separator: ",")
        case "empty-rows": lines.insert(contentsOf: Array(repeating: "", count: 50), at: row)
        default: lines = [lines[0]]
        }
        b = Array(lines.joined(separator: "\n").utf8)
        return "csv-\(kind)"
    }
}
