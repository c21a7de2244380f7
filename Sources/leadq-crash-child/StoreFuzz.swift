import LeadqDemo
import LeadqDomain
import LeadqFileStore
import LeadqStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `fuzz-store`: damages one file of a copy of a good store per case and reads everything a user
/// can reach, then tries one write. Run in a child so that a crash or a hang is caught by the test
/// and pinned to its case instead of taking the test runner down.
///
///     fuzz-store --base DIR --work DIR --seed N --from I --count N
///
/// Prints per case `case I <file> <mutation> [strict]`, then `ok I …`, `err I <message>` (a
/// `StoreError`, one line) or `odd I <type> <message>` (anything else, a failure). `strict` marks a
/// mutation of bytes inside a checksummed record that the store must notice.
struct StoreFuzz {
    let base: String
    let work: String
    let seed: UInt64
    let from: Int
    let count: Int
    let now: Instant
    let extremes: [Int]

    init(_ a: Arguments) throws {
        let listed = a.list("extremes").compactMap { Int($0) }.filter { StoreFuzz.extremes.indices.contains($0) }
        extremes = listed.isEmpty ? Array(StoreFuzz.extremes.indices) : listed
        base = try a.string("base")
        work = try a.string("work")
        seed = a.seed()
        from = a.int("from", default: 0)
        count = a.int("count", default: 1)
        now = a.now()
    }

    func run() throws {
        let files = try StoreFilesView(base).names().filter { $0 == "settings.json" || $0.hasSuffix(".jsonl") }
        for i in from..<(from + count) {
            var rng = SplitMix(seed: seed ^ (UInt64(i) &* 0x9E37_79B9_7F4A_7C15))
            try reset(files)
            let target: String
            let roll = rng.below(100)
            if roll < 40 {
                target = files.first { $0.hasPrefix("journal-") }!
            } else if roll < 75 {
                target = files.first { $0.hasPrefix("snapshot-") }!
            } else {
                target = "settings.json"
            }
            let path = work + "/" + target
            var bytes = try readFile(path)
            var m = Mutator(rng: rng, checksummed: target != "settings.json", isJournal: target.hasPrefix("journal-"))
            let what = m.mutate(&bytes)
            try writeFile(path, bytes)
            Out.line("case \(i) \(target) \(what)\(m.strict ? " strict" : "")")
            Out.line(readEverything(i))
        }
        Out.line("done")
    }

    func resetFiles(_ files: [String]) throws { try reset(files) }

    private func reset(_ files: [String]) throws {
        _ = system("rm -rf '\(work)' && mkdir -p '\(work)'")
        for f in files { try writeFile(work + "/" + f, try readFile(base + "/" + f)) }
    }

    /// Everything the CLI and console read, then one action and a reopen.
    func readEverything(_ i: Int) -> String {
        do {
            let s = try FileStore.open(work)
            let warned = s.warnings.count
            // Queues read before any verify: a queue's index line is first checked when it is read.
            for rep in s.settings.reps { _ = try? s.leads(ownedBy: rep.id) }
            _ = try? s.unassigned()
            _ = try s.verify()
            var ids: [String] = []
            try s.forEachLead { l in
                ids.append(l.id)
                _ = SLA.status(l, now: now, settings: s.settings)
            }
            for rep in s.settings.reps {
                _ = Queue.rows(
                    for: rep.id, from: try s.leads(ownedBy: rep.id), order: .scoreAge, now: now, settings: s.settings)
                _ = s.recentActions(of: rep.id)
            }
            _ = try s.unassigned()
            _ = try s.openCounts()
            for id in ids.prefix(5) + ["L-99999", "", "L-0"] { _ = try s.lead(id) }
            _ = try s.refresh()
            var wrote = "no write"
            if let l = try s.activeLeads().first, let owner = l.owner {
                do {
                    // An unanswered call schedules the next try by the cadence: clock arithmetic on settings.
                    try s.perform(
                        .contact(channel: .call, outcome: .voicemail, direction: .inbound, note: "fuzz"), on: l.id,
                        as: owner, at: now)
                    wrote = "wrote"
                } catch let r as Refusal {
                    wrote = "refused: \(r.message)"
                }
                let again = try FileStore.open(work)
                _ = try again.verify()
                if wrote == "wrote", try again.lead(l.id)?.work.contacts.last?.contact.note != "fuzz" {
                    return "odd \(i) the write is missing after reopening"
                }
            }
            // verify accepted the store: a compaction must too, and leave a store verify accepts.
            do { _ = try FileStore.compact(work) } catch {
                return "odd \(i) verify accepted what compaction refused: " + oneLine("\(error)")
            }
            _ = try FileStore.open(work).verify()
            return "ok \(i) warnings=\(warned) leads=\(ids.count) \(wrote)"
        } catch let e as StoreError {
            return "err \(i) " + oneLine(e.description)
        } catch {
            return "odd \(i) \(type(of: error)) " + oneLine("\(error)")
        }
    }

    private func oneLine(_ s: String) -> String {
        String(s.unicodeScalars.map { $0.value < 0x20 ? "?" : Character($0) }.prefix(2000))
    }
}
