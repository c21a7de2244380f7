import Foundation
import LeadqDomain
import LeadqFileStore
import LeadqStore
import LeadqTestSupport
import Testing

/// Eight processes writing to one store at once, on leads of their own and on the same leads, with
/// a ninth compacting underneath them: the store ends with exactly the events that were reported
/// saved, every line whole, nothing lost, and every conflict refused with a message to the loser.
@Suite(.serialized) struct ConcurrencyStressTests {
    let dir = TempDirectory("leadq-stress")
    var store: String { dir.path + "/store" }
    let workers = 8

    struct Outcome {
        var acked: [(seq: Int64, lead: String, expected: ChildLog.Expected)] = []
        var refused: [(kind: String, expected: ChildLog.Expected, message: String)] = []
        var failures: [String] = []
        var compactions = 0
    }

    /// Runs the workers (and a compactor if asked) to the end and gathers what they reported.
    func runWorkers(actions: Int, leadsFor: (Int) -> [String], extra: [String] = [], compactor: Bool) throws -> Outcome
    {
        let stop = dir.path + "/stop"
        let compacting =
            compactor
            ? try ChildProcess(ChildProcess.crashChild, ["compact-loop", "--store", store, "--stop", stop]) : nil
        let children = try (0..<workers).map { w in
            try ChildProcess(
                ChildProcess.crashChild,
                [
                    "worker", "--store", store, "--id", String(w), "--actions", String(actions),
                    "--leads", leadsFor(w).joined(separator: ","), "--as", "mia",
                ] + extra)
        }
        var out = Outcome()
        for (w, c) in children.enumerated() {
            c.wait(timeout: 900)
            if !c.exitedNormally || c.lines.last != "done" {
                out.failures.append("worker \(w) ended with \(c.ending): \(c.lines.suffix(2)) \(c.stderr)")
            }
            var intents: [Int: (String, [ChildLog.Expected])] = [:]
            for line in c.lines {
                switch ChildLog.parse(line) {
                case .intent(let n, let kind, let events): intents[n] = (kind, events)
                case .ack(let n, let saved):
                    guard let (_, events) = intents[n], events.count == saved.count else {
                        out.failures.append("worker \(w): stray ack \(line)")
                        continue
                    }
                    for (s, e) in zip(saved, events) { out.acked.append((s.seq, s.lead, e)) }
                case .refused(let n, let message):
                    guard let (kind, events) = intents[n] else { continue }
                    out.refused.append((kind, events[0], message))
                case .error(_, let m): out.failures.append("worker \(w): \(m)")
                default: break
                }
            }
        }
        #expect(FileManager.default.createFile(atPath: stop, contents: nil))
        if let k = compacting {
            k.wait(timeout: 60)
            if !k.exitedNormally {
                out.failures.append("the compactor ended with \(k.ending): \(k.lines.suffix(2)) \(k.stderr)")
            }
            out.compactions = k.lines.filter { $0.hasPrefix("compact-end") && !$0.hasSuffix("none") }.count
        }
        return out
    }

    /// The store holds exactly the acknowledged events after `base`, each as reported; lines are whole.
    func checkExactly(_ out: Outcome, base: Int64) throws -> (events: Int, lines: Int) {
        let audit = try StoreAudit(store)
        let seqs = out.acked.map(\.seq)
        #expect(Set(seqs).count == seqs.count, "two actions reported the same sequence number")
        #expect(
            audit.lastSeq == base + Int64(seqs.count),
            "the store has \(audit.lastSeq - base) events, \(seqs.count) were reported saved")
        #expect(audit.gaps(after: base).isEmpty)
        for a in out.acked {
            if let why = audit.mismatch(a.seq, lead: a.lead, a.expected) { Issue.record("acknowledged \(why)") }
        }
        // Nothing refused got in.
        let tokens = Set(
            audit.bySeq.values.filter { $0.entry.seq > base }.map { ChildLog.token(of: $0.entry, in: $0.lead) })
        for r in out.refused where tokens.contains(r.expected.token) {
            Issue.record("refused \(r.expected) is in the store")
        }
        let scan = try FileScan.scan(store)
        #expect(scan.damaged.isEmpty, "interleaved or damaged lines: \(scan.damaged.prefix(5))")
        #expect(
            zip(scan.seqs, scan.seqs.dropFirst()).allSatisfy { $1 == $0 + 1 }, "journal sequence numbers out of order")
        return (seqs.count, scan.lines)
    }

    func activeLeads(_ n: Int) throws -> [String] {
        let s = try FileStore.open(store)
        let ids = try s.activeLeads().map(\.id).sorted(by: LeadID.precedes)
        #expect(ids.count >= n)
        return Array(ids.prefix(n))
    }

    @Test func eightWritersOnTheirOwnLeadsWithACompactorUnderneath() throws {
        try Stores.demo(at: store, leads: 150)
        let base = try FileStore.open(store).lastSeq
        let leads = try activeLeads(workers * 3)
        let actions = RunLength.pick(40, 500)
        let out = try runWorkers(
            actions: actions, leadsFor: { w in Array(leads[(w * 3)..<(w * 3 + 3)]) }, compactor: true)
        #expect(out.failures.isEmpty, "\(out.failures)")
        #expect(out.refused.isEmpty, "\(out.refused.prefix(3))")
        let (events, lines) = try checkExactly(out, base: base)
        #expect(events == workers * actions)
        // No lost update: each lead holds exactly its worker's notes, in the order they were saved.
        let s = try FileStore.open(store)
        for (w, id) in leads.enumerated().map({ ($0.offset / 3, $0.element) }) {
            let notes = try s.lead(id)!.work.contacts.map(\.contact.note).filter { $0.hasPrefix("w") }
            let want = out.acked.filter { $0.lead == id }.sorted { $0.seq < $1.seq }.map(\.expected.token)
            #expect(notes == want, "worker \(w), \(id)")
        }
        RunLength.report(
            "concurrency, disjoint leads",
            "\(workers) processes × \(actions) actions + a compactor (\(out.compactions) compactions underneath): \(events) events saved, all acknowledged and all present, \(lines) snapshot and journal lines whole"
        )
    }

    @Test func eightWritersOnTheSameLeadsConflictsRefusedToTheLoser() throws {
        try Stores.demo(at: store, leads: 150)
        let base = try FileStore.open(store).lastSeq
        let actions = RunLength.pick(40, 500)
        let raceEvery = RunLength.pick(10, 50)
        let ids = try activeLeads(2 + actions / raceEvery)
        let shared = Array(ids.prefix(2))
        let race = Array(ids.dropFirst(2))
        let out = try runWorkers(
            actions: actions, leadsFor: { _ in shared },
            extra: ["--conflicts", "--race", race.joined(separator: ","), "--race-every", String(raceEvery)],
            compactor: false)
        #expect(out.failures.isEmpty, "\(out.failures)")
        let (events, lines) = try checkExactly(out, base: base)

        // Each race lead was rejected once; every other attempt was told who got there first.
        for id in race {
            let wins = out.acked.filter { $0.lead == id }
            let losses = out.refused.filter { $0.kind == "race" && $0.expected.lead == id }
            #expect(wins.count == 1, "\(id): \(wins.count) rejections saved")
            #expect(losses.count == workers - 1, "\(id)")
            for l in losses {
                #expect(
                    l.message.hasPrefix("\(id) was already rejected by mia at ")
                        && l.message.hasSuffix("(duplicate); you can't reject it"), "\(l.message)")
            }
        }
        // A contact made against a version someone changed meanwhile is refused, and says so.
        let stale = out.refused.filter { $0.kind == "checked" }
        for r in stale {
            #expect(
                r.message.hasPrefix("\(r.expected.lead) changed meanwhile: ")
                    && r.message.hasSuffix("Nothing was saved; check it and try again"), "\(r.message)")
        }
        // Every saved contact is on its lead exactly once.
        let s = try FileStore.open(store)
        for id in shared {
            let notes = try s.lead(id)!.work.contacts.map(\.contact.note).filter { $0.hasPrefix("w") }
            #expect(notes == out.acked.filter { $0.lead == id }.sorted { $0.seq < $1.seq }.map(\.expected.token))
        }
        RunLength.report(
            "concurrency, same leads",
            "\(workers) processes × \(actions) actions on 2 shared leads: \(events) events saved and present, \(stale.count) stale writes refused (changed meanwhile), \(race.count) races each won once and lost \(workers - 1) times with a clear message, \(lines) snapshot and journal lines whole"
        )
    }
}
