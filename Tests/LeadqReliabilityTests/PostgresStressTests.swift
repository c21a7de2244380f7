#if Postgres
import Foundation
import LeadqDemo
import LeadqDomain
import LeadqStore
import LeadqTestSupport
import Testing

/// Eight processes writing to one PostgreSQL store at once, on leads of their own and on the same
/// leads: the store ends with exactly the events that were reported saved, nothing lost, and every
/// conflict refused with a message to the loser.
@Suite(.serialized, .enabled(if: StoreKinds.skipped == nil, "no PostgreSQL server for the tests"))
struct PostgresStressTests {
    let workers = 8

    struct Outcome {
        var acked: [(seq: Int64, lead: String, expected: ChildLog.Expected)] = []
        var refused: [(kind: String, expected: ChildLog.Expected, message: String)] = []
        var failures: [String] = []
    }

    func store() throws -> (StorePlace, base: Int64, active: [String]) {
        let place = try PostgresHarness.kind.place()
        let (settings, leads) = DemoStore(leads: 150, seed: 7, now: Stores.t0).generate()
        let s = try place.create(settings: settings, leads: leads)
        return (place, s.lastSeq, try s.activeLeads().map(\.id).sorted(by: LeadID.precedes))
    }

    func runWorkers(_ place: StorePlace, actions: Int, leadsFor: (Int) -> [String], extra: [String] = []) throws
        -> Outcome
    {
        let children = try (0..<workers).map { w in
            try ChildProcess(
                ChildProcess.crashChild,
                [
                    "worker", "--store", place.location, "--id", String(w), "--actions", String(actions),
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
        return out
    }

    /// The store holds exactly the acknowledged events after `base`, each as reported, and each
    /// lead's notes are exactly the saved ones, in order.
    func checkExactly(_ out: Outcome, _ place: StorePlace, base: Int64, leads: [String]) throws -> Int {
        let audit = try StoreAudit(store: try place.open())
        let seqs = out.acked.map(\.seq)
        #expect(Set(seqs).count == seqs.count, "two actions reported the same sequence number")
        // Exactly the reported events; a refused write's number stays unwritten (writers number
        // beside each other, see SchemaNumbers), so the numbers may skip.
        let stored = audit.bySeq.keys.filter { $0 > base }.sorted()
        #expect(stored.count == seqs.count, "the store has \(stored.count) events, \(seqs.count) were reported saved")
        #expect(stored == seqs.sorted())
        for a in out.acked {
            if let why = audit.mismatch(a.seq, lead: a.lead, a.expected) { Issue.record("acknowledged \(why)") }
        }
        let tokens = Set(
            audit.bySeq.values.filter { $0.entry.seq > base }.map { ChildLog.token(of: $0.entry, in: $0.lead) })
        for r in out.refused where tokens.contains(r.expected.token) {
            Issue.record("refused \(r.expected) is in the store")
        }
        let s = try place.open()
        for id in leads {
            let notes = try s.lead(id)!.work.contacts.map(\.contact.note).filter { $0.hasPrefix("w") }
            let want = out.acked.filter { $0.lead == id }.sorted { $0.seq < $1.seq }.map(\.expected.token)
            #expect(notes == want, "\(id)")
        }
        return seqs.count
    }

    @Test func eightWritersOnTheirOwnLeads() throws {
        let (place, base, active) = try store()
        let leads = Array(active.prefix(workers * 3))
        let actions = RunLength.pick(40, 500)
        let out = try runWorkers(place, actions: actions, leadsFor: { w in Array(leads[(w * 3)..<(w * 3 + 3)]) })
        #expect(out.failures.isEmpty, "\(out.failures)")
        #expect(out.refused.isEmpty, "\(out.refused.prefix(3))")
        let events = try checkExactly(out, place, base: base, leads: leads)
        #expect(events == workers * actions)
        RunLength.report(
            "postgres concurrency, disjoint leads",
            "\(workers) processes × \(actions) actions: \(events) events saved, all acknowledged and all present")
    }

    @Test func eightWritersOnTheSameLeadsConflictsRefusedToTheLoser() throws {
        let (place, base, active) = try store()
        let actions = RunLength.pick(40, 500)
        let raceEvery = RunLength.pick(10, 50)
        let shared = Array(active.prefix(2))
        let race = Array(active.dropFirst(2).prefix(actions / raceEvery))
        let out = try runWorkers(
            place, actions: actions, leadsFor: { _ in shared },
            extra: ["--conflicts", "--race", race.joined(separator: ","), "--race-every", String(raceEvery)])
        #expect(out.failures.isEmpty, "\(out.failures)")
        let events = try checkExactly(out, place, base: base, leads: shared)
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
        let stale = out.refused.filter { $0.kind == "checked" }
        for r in stale {
            #expect(
                r.message.hasPrefix("\(r.expected.lead) changed meanwhile: ")
                    && r.message.hasSuffix("Nothing was saved; check it and try again"), "\(r.message)")
        }
        #expect(events == workers * actions + race.count - stale.count)
        RunLength.report(
            "postgres concurrency, same leads",
            "\(workers) processes × \(actions) actions on 2 shared leads: \(events) events saved and present, \(stale.count) stale writes refused (changed meanwhile), \(race.count) races each won once and lost \(workers - 1) times with a clear message"
        )
    }
}
#endif
