import Foundation
import LeadqDomain
import LeadqFileStore
import LeadqStore
import LeadqTestSupport
import PropertyBased
import Testing

/// One random step of a lead's life: what is attempted, on which of three leads, by whom, and two
/// small numbers that pick the details (reason, channel, times, which action to undo…).
struct Gene: Sendable, CustomStringConvertible {
    var kind: Int, lead: Int, actor: Int, a: Int, b: Int
    var description: String { "\(kind)/\(lead)/\(actor)/\(a)/\(b)" }

    static let actors = ["ana", "ben", "dana", "mia", "zoe"]
    static let generator = zip(
        Gen.int(in: 0...12), Gen.int(in: 0...2), Gen.int(in: 0...4), Gen.int(in: 0...10), Gen.int(in: 0...10)
    )
    .map { Gene(kind: $0.0, lead: $0.1, actor: $0.2, a: $0.3, b: $0.4) }
    static let sequence = generator.array(of: 1...40)

    /// Who acts: mostly someone entitled to (the owner, the manager), sometimes anyone at all, so the
    /// sequences get deep into a lead's life and still try what must be refused.
    func actor(on lead: Lead) -> String {
        switch actor {
        case 0, 1: return lead.owner ?? "mia"
        case 2: return "mia"
        default: return Gene.actors[(a + b) % 5]
        }
    }

    /// The command this gene attempts on `lead` at `now`, or nil for "time passes".
    func command(on lead: Lead, now: Instant, settings: Settings) -> Command? {
        let reasons = settings.reasons.map(\.code)
        // Mostly something that makes sense in the lead's stage, so sequences reach every stage;
        // otherwise anything at all, which the rules must refuse cleanly.
        let plausible: [Int]
        switch lead.stage {
        case .new: plausible = [0, 0, 12]
        case .assigned: plausible = [1, 1, 2, 3, 4, 8, 0, 11]
        case .accepted: plausible = [3, 3, 4, 5, 6, 7, 2, 8, 9, 11, 12]
        case .nurture: plausible = [10, 11]
        case .rejected, .qualified, .won, .lost, .merged: plausible = [11, 12]
        }
        let kind = b < 8 ? plausible[self.kind % plausible.count] : self.kind
        switch kind {
        case 0: return .assign(to: Gene.actors[a % 5], rule: nil)
        case 1: return .accept
        case 2: return .reject(reason: reasons[a % reasons.count], note: b % 2 == 0 ? "" : "because \(b)")
        case 3:
            return .contact(
                channel: Channel.allCases[a % 5], outcome: Outcome.allCases[b % 6],
                direction: b % 3 == 0 ? .inbound : .outbound, note: "note \(a)")
        case 4: return .scheduleFollowUp(due: now + Int64(a - 3) * Span.hour, what: b % 2 == 0 ? "" : "call \(b)")
        case 5: return .completeFollowUp(note: "done \(a)")
        case 6: return .dropFollowUp
        case 7: return .qualify(note: "q\(a)")
        case 8: return .clawback(reason: reasons[a % reasons.count], note: b % 2 == 0 ? "" : "n\(b)")
        case 9: return .clawbackStale
        case 10: return .release(note: "")
        case 11:
            // Mostly the actor's own last action (what undo is for), sometimes any entry at all.
            let own = lead.history.last { $0.by == actor(on: lead) && $0.op.isUndoable }
            if a < 7, let own { return .undo(target: own.seq) }
            return lead.history.isEmpty ? nil : .undo(target: lead.history[(a * 7 + b) % lead.history.count].seq)
        default: return nil
        }
    }

    /// How far the clock moves before this step.
    var elapsed: Int64 { kind == 12 && b >= 8 ? Int64(a * b) * Span.day : Int64(a) * Span.minute }
}

/// Three leads to play with: in the pool, assigned to ana, and one marked do-not-contact.
func startingLeads() -> [Lead] {
    [
        LeadScript("L-00001", profile: Fixture.profile(name: "Pool", score: 55), firstSeq: 1).lead,
        LeadScript("L-00002", profile: Fixture.profile(name: "Ana's", score: 85), firstSeq: 2).assign("ana").lead,
        LeadScript("L-00003", profile: Fixture.profile(name: "No consent", score: 20, doNotContact: true), firstSeq: 4)
            .lead,
    ]
}

/// An independent reading of a history: the stage and owner its effective entries lead to, written
/// without `Work.fold` so the two check each other.
func oracle(_ history: [Entry]) -> (stage: Stage, owner: String?) {
    let undone = Set(history.compactMap { e -> Int64? in if case .undo(let t) = e.op { return t } else { return nil } })
    var stage = Stage.new
    var owner: String?
    for e in history where !undone.contains(e.seq) {
        switch e.op {
        case .created, .release:
            stage = .new
            owner = nil
        case .assign(let to, _):
            stage = .assigned
            owner = to
        case .accept: stage = .accepted
        case .reject:
            stage = .rejected
            owner = nil
        case .qualify:
            stage = .qualified
            owner = nil
        case .clawback, .nurture:
            stage = .nurture
            owner = nil
        case .won: stage = .won
        case .lost: stage = .lost
        case .merged:
            stage = .merged
            owner = nil
        default: break
        }
    }
    return (stage, owner)
}

@Suite struct DomainPropertyTests {
    /// For random sequences of actions through `Rules.decide` and `Lead.apply`: every lead has one
    /// stage, the one its history leads to; an owner exactly when assigned or accepted; a refusal is
    /// the same refusal when asked again and changes nothing; undo restores the state before the undone
    /// action; replaying the events from scratch rebuilds the same lead.
    @Test func invariantsHoldForRandomActionSequences() async {
        let settings = Fixture.settings
        let counter = Counter()
        await propertyCheck(count: RunLength.pick(400, 10_000), input: Gene.sequence) { genes in
            counter.add(cases: 1, steps: genes.count)
            var leads = startingLeads()
            var seq: Int64 = 10
            var now = Fixture.t0 + Span.hour
            // The state each lead was in before each of its entries, starting histories included.
            var before = DomainPropertyTests.statesBefore(leads)
            for g in genes {
                now = now + g.elapsed
                let i = g.lead
                let lead = leads[i]
                guard let cmd = g.command(on: lead, now: now, settings: settings) else { continue }
                let ctx = Context(now: now, actor: g.actor(on: lead), settings: settings)
                let decided = Rules.decide(cmd, on: lead, in: ctx)
                switch decided {
                case .failure(let r):
                    counter.refused()
                    #expect(
                        Rules.decide(cmd, on: lead, in: ctx) == .failure(r),
                        "\(g): a refusal that changes when asked again")
                    #expect(!r.message.isEmpty)
                case .success(let op):
                    counter.applied(op)
                    seq += 1
                    before[seq] = lead.work
                    leads[i].apply(Event(lead: lead.id, entry: Entry(seq: seq, at: now, by: ctx.actor, op: op)))
                    let after = leads[i]
                    if case .undo(let target) = op {
                        counter.undone()
                        #expect(
                            after.work == before[target],
                            "\(g): undo of #\(target) didn't restore the state before it")
                    }
                    #expect(after.version == seq)
                }
                for l in leads { DomainPropertyTests.expectInvariants(l) }
            }
        }
        RunLength.report("property tests, domain", counter.summary)
    }

    /// The work each lead had before each of its entries, by the entry's sequence number.
    static func statesBefore(_ leads: [Lead]) -> [Int64: Work] {
        var before: [Int64: Work] = [:]
        for l in leads {
            var replay = Lead(id: l.id, profile: l.profile, history: [])
            for e in l.history {
                before[e.seq] = replay.work
                replay.apply(Event(lead: l.id, entry: e))
            }
        }
        return before
    }

    /// One stage, the one its history leads to; an owner exactly when active; a replay gives the same lead.
    static func expectInvariants(_ l: Lead) {
        let o = oracle(l.history)
        #expect(
            l.stage == o.stage && l.owner == o.owner,
            "\(l.id): \(l.stage)/\(String(describing: l.owner)), history says \(o)")
        #expect(
            (l.owner != nil) == l.stage.isActive,
            "\(l.id): owner \(String(describing: l.owner)) in stage \(l.stage)")
        #expect(
            Lead(id: l.id, profile: l.profile, history: l.history) == l,
            "\(l.id): replaying its history gives another lead")
    }
}

/// The same random sequences through the real store, grouped into transactions: a refused action
/// leaves the files as they were (and takes its whole transaction with it), and reopening the store
/// (and compacting it) rebuilds exactly the leads the rules produced in memory.
@Suite struct StorePropertyTests {
    let dir = TempDirectory("leadq-prop")

    @Test func replayingTheSavedEventsRebuildsTheSameState() async throws {
        let settings = Fixture.settings
        let counter = Counter()
        let root = dir.path
        await propertyCheck(
            count: RunLength.pick(40, 2_000), input: Gene.sequence, Gen.int(in: 1...6).map { $0 <= 4 ? 1 : $0 - 3 }
        ) { genes, group in
            // propertyCheck drops what its body throws: recorded here, so a failure can't pass unseen.
            do {
                let path = root + "/case-\(counter.next())"
                defer { try? FileManager.default.removeItem(atPath: path) }
                counter.add(cases: 1, steps: genes.count)
                let store = try FileStore.create(at: path, settings: settings, leads: startingLeads())
                var model = Dictionary(uniqueKeysWithValues: startingLeads().map { ($0.id, $0) })
                var now = Fixture.t0 + Span.hour
                for chunk in stride(from: 0, to: genes.count, by: group).map({
                    Array(genes[$0..<min(genes.count, $0 + group)])
                }) {
                    let actor = chunk[0].actor(on: model[LeadID.make(chunk[0].lead + 1)]!)
                    now = now + chunk[0].elapsed
                    // The model decides the same commands against its own state.
                    let (staged, refused, commands) = StorePropertyTests.decide(
                        chunk, on: model, as: actor, at: now, after: store.lastSeq, settings)
                    guard !commands.isEmpty else { continue }
                    let journal = Stores.newestJournal(path)
                    let bytesBefore = try Stores.bytes(journal)
                    let lastBefore = store.lastSeq
                    do {
                        let saved = try store.transact(as: actor, at: now) { tx in
                            for (id, cmd) in commands { try tx.perform(cmd, on: id) }
                        }.events
                        for e in saved { counter.applied(e.entry.op) }
                        #expect(!refused, "the store saved what the rules refuse: \(chunk)")
                        model = staged
                    } catch is Refusal {
                        counter.refused()
                        #expect(refused, "the store refused what the rules allow: \(chunk)")
                        #expect(try Stores.bytes(journal) == bytesBefore, "a refused transaction wrote to the journal")
                        #expect(store.lastSeq == lastBefore)
                    }
                    for (id, lead) in model {
                        #expect(try store.lead(id) == lead, "\(id) in the store differs from the rules' result")
                    }
                }
                // Replaying the saved events (a fresh open) and folding them into a snapshot (compaction)
                // both rebuild the same leads.
                let reopened = try FileStore.open(path)
                #expect(try allLeads(reopened) == model.values.sorted { LeadID.precedes($0.id, $1.id) })
                _ = try FileStore.compact(path)
                let compacted = try FileStore.open(path)
                _ = try compacted.verify()
                #expect(try allLeads(compacted) == model.values.sorted { LeadID.precedes($0.id, $1.id) })
            } catch {
                Issue.record("\(error)")
            }
        }
        RunLength.report("property tests, store replay", counter.summary)
    }

    /// The chunk's commands decided by the rules alone, one after another: the leads they give,
    /// whether any was refused, and the commands (those the genes could make).
    static func decide(
        _ chunk: [Gene], on model: [String: Lead], as actor: String, at now: Instant, after lastSeq: Int64,
        _ settings: Settings
    ) -> (staged: [String: Lead], refused: Bool, commands: [(String, Command)]) {
        var staged = model
        var seq = lastSeq
        var refused = false
        var commands: [(String, Command)] = []
        for g in chunk {
            let id = LeadID.make(g.lead + 1)
            guard let cmd = g.command(on: staged[id]!, now: now, settings: settings) else { continue }
            commands.append((id, cmd))
            switch Rules.decide(cmd, on: staged[id]!, in: Context(now: now, actor: actor, settings: settings)) {
            case .failure: refused = true
            case .success(let op):
                seq += 1
                staged[id]!.apply(Event(lead: id, entry: Entry(seq: seq, at: now, by: actor, op: op)))
            }
        }
        return (staged, refused, commands)
    }

    func allLeads(_ s: FileStore) throws -> [Lead] {
        var out: [Lead] = []
        try s.forEachLead { out.append($0) }
        return out
    }
}

/// Counts what the property tests exercised, for the figures.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var cases = 0, steps = 0, refusals = 0, undos = 0, serial = 0
    private var ops: [String: Int] = [:]
    func add(cases c: Int, steps s: Int) {
        lock.withLock {
            cases += c
            steps += s
        }
    }
    func refused() { lock.withLock { refusals += 1 } }
    func undone() { lock.withLock { undos += 1 } }
    func applied(_ op: Op) { lock.withLock { ops[op.name, default: 0] += 1 } }
    func next() -> Int {
        lock.withLock {
            serial += 1
            return serial
        }
    }
    var summary: String {
        lock.withLock {
            let applied =
                ops.isEmpty
                ? ""
                : " (" + ops.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")"
            return
                "\(cases) generated cases, \(steps) steps, \(refusals) refused, \(ops.values.reduce(0, +)) applied\(applied)"
                + (undos > 0 ? ", \(undos) undos checked against the state before" : "")
        }
    }
}
