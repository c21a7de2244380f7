import LeadqDemo
import LeadqDomain
import LeadqFileStore
import LeadqStore
import LeadqTestSupport

/// `crash`: a stream of realistic actions (single events, multi-event transactions, undo) and,
/// if asked, compactions, each announced before and acknowledged after, until killed.
///
///     crash --store DIR|URL --seed N --tag T [--actions N] [--compact-every N] [--big-notes] [--now ISO]
final class ActionStream {
    let store: any LeadStore
    let dir: String
    var rng: SplitMix
    let tag: String
    let limit: Int
    let compactEvery: Int
    let bigNotes: Bool
    var now: Instant
    var n = 0

    init(_ a: Arguments) throws {
        dir = try a.string("store")
        store = try StoreKinds.open(dir)
        rng = SplitMix(seed: a.seed())
        tag = a.string("tag", default: "t")
        limit = a.int("actions", default: Int.max)
        compactEvery = a.int("compact-every", default: 0)
        bigNotes = a.flag("big-notes")
        now = a.now()
    }

    var reps: [Rep] { store.settings.reps.filter { $0.role == .rep && !$0.away } }
    var manager: String { store.settings.reps.first { $0.role == .manager }?.id ?? "mia" }

    func run() throws {
        if let pid = StoreKinds.backendPID(store) { Out.line("backend \(pid)") }
        Out.line("ready \(store.lastSeq)")
        var sinceCompaction = 0
        while n < limit {
            n += 1
            now = now + 60
            if compactEvery > 0 && sinceCompaction >= compactEvery {
                sinceCompaction = 0
                Out.line("compact-begin \(n)")
                let report = try FileStore.compact(dir)
                Out.line("compact-end \(n) \(report.map { String($0.seq) } ?? "none")")
                continue
            }
            sinceCompaction += 1
            try step()
        }
        Out.line("done")
    }

    private var token: String { "\(tag).\(n)" }

    /// A note that makes the write long (several pages), so kills land inside writes too.
    private func note() -> String {
        guard bigNotes, rng.coin(0.3) else {
            return token + " " + ["called back", "left a message", "asked for pricing"][rng.below(3)]
        }
        let filler = String(repeating: "long note about the customer's needs · ", count: 50 + rng.below(600))
        return token + " " + filler
    }

    /// Ids of the leads in someone's queue; kept up to date from this process's own saves (it is the
    /// only writer) so choosing an action costs no reading and kills land mostly in writes.
    private var active: [String] = []
    private var activeKnown = false

    private func refreshActive() throws {
        active = try store.activeLeads().map(\.id).sorted(by: LeadID.precedes)
        activeKnown = true
    }

    func step() throws {
        if !activeKnown { try refreshActive() }
        let roll = rng.below(100)
        if active.count < 8 || roll < 12 { return try createBatch() }
        if roll < 20 { return try multiContact() }
        if roll < 27 { return try undo() }
        let id = rng.element(active)!
        guard let lead = try store.lead(id), let owner = lead.owner, lead.stage.isActive else {
            active.removeAll { $0 == id }
            return
        }
        switch roll {
        case ..<55:
            let dnc = lead.profile.doNotContact
            let outcome: Outcome = [.connected, .noAnswer, .voicemail, .replied][rng.below(4)]
            try act("contact", [(id, "contact", token)], as: owner) { tx in
                _ = try tx.perform(
                    .contact(channel: .call, outcome: outcome, direction: dnc ? .inbound : .outbound, note: note()),
                    on: id)
            }
        case ..<65:
            try act("followup", [(id, "followup", token)], as: owner) { tx in
                _ = try tx.perform(.scheduleFollowUp(due: now + Span.day, what: token + " call back"), on: id)
            }
        case ..<80 where lead.stage == .assigned:
            try act("accept", [(id, "accept", "-")], as: owner) { tx in _ = try tx.perform(.accept, on: id) }
        case ..<86 where lead.stage == .accepted:
            try act("qualify", [(id, "qualify", token)], as: owner) { tx in
                _ = try tx.perform(.qualify(note: token), on: id)
            }
            active.removeAll { $0 == id }
        case ..<93:
            try act("reject", [(id, "reject", token)], as: owner) { tx in
                _ = try tx.perform(.reject(reason: "no-budget", note: token), on: id)
            }
            active.removeAll { $0 == id }
        default:
            try act("clawback", [(id, "clawback", token)], as: owner) { tx in
                _ = try tx.perform(.clawback(reason: "not-now", note: token), on: id)
            }
            active.removeAll { $0 == id }
        }
    }

    /// New leads and their assignments, all in one transaction (one write, `batch` on each line).
    func createBatch() throws {
        let m = 2 + rng.below(3)
        let targets = (0..<m).map { _ in rng.element(reps)?.id ?? "ana" }
        var expected: [(String, String, String)] = []
        var created: [String] = []
        for j in 0..<m { expected += [("*", "created", "\(token)/\(j)"), ("*", "assign", "-")] }
        try act("batch", expected, as: manager) { tx in
            for j in 0..<m {
                var p = Profile()
                p.origin = "crash"
                p.originId = "\(token)/\(j)"
                p.name = "\(token)/\(j) Test Lead"
                p.company = "Crash Test GmbH"
                p.email = "lead\(j)@crash.example"
                p.score = 40 + j
                p.createdAt = now
                let c = try tx.create(p)
                _ = try tx.perform(.assign(to: targets[j], rule: nil), on: c.lead.id)
                created.append(c.lead.id)
            }
        }
        active += created
    }

    /// A manager's notes on several leads at once: one transaction, several events.
    func multiContact() throws {
        var picked: [String] = []
        for _ in 0..<(2 + rng.below(2)) {
            if let id = rng.element(active), !picked.contains(id) { picked.append(id) }
        }
        let notes = picked.indices.map { "\(token)-\($0)" }
        try act("multi", picked.indices.map { (picked[$0], "contact", notes[$0]) }, as: manager) { tx in
            for (i, id) in picked.enumerated() {
                _ = try tx.perform(
                    .contact(channel: .email, outcome: .replied, direction: .inbound, note: notes[i]), on: id)
            }
        }
    }

    func undo() throws {
        guard let rep = rng.element(reps) else { return }
        let n = self.n
        Out.line(ChildLog.intent(n, "undo", [ChildLog.Expected(lead: "*", op: "undo", token: "-")]))
        do {
            let undone = try store.undoLast(as: rep.id, at: now)
            Out.line(ChildLog.ack(n, undone.changes.map(\.event)))
            activeKnown = false  // an undone close puts a lead back in a queue
        } catch let r as Refusal {
            Out.line("refused \(n) \(r.message)")
        }
    }

    /// Announces the events, runs the transaction, and acknowledges what it saved.
    private func act(
        _ kind: String, _ expected: [(String, String, String)], as actor: String,
        _ body: (any LeadTransaction) throws -> Void
    ) throws {
        Out.line(ChildLog.intent(n, kind, expected.map { ChildLog.Expected(lead: $0.0, op: $0.1, token: $0.2) }))
        do {
            let (_, events) = try store.transact(as: actor, at: now) { tx in try body(tx) }
            Out.line(ChildLog.ack(n, events))
        } catch let r as Refusal {
            Out.line("refused \(n) \(r.message)")
        }
    }
}
