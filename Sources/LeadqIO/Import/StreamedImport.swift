import Dispatch
import LeadqDomain
import LeadqStore

/// What routing on arrival reads of an import's new leads, gathered as they are planned: those
/// left in the pool, and those the owner map put in a queue (for the caps and the round-robin).
public final class Arrivals: @unchecked Sendable {
    public var pool: [Routing.Candidate] = []
    public var names: [String: String] = [:]
    /// The new leads in a queue, summed as routing reads them.
    public var held = Routing.HeldTally()
    public init() {}
}

extension Importer {
    /// `run` for a CSV file read a chunk at a time (`ReadRows.streamed`) into a store that takes
    /// streamed batches: the same plan, events and refusals, without holding every new lead. The
    /// rows are planned from their keys, then read again to make each new lead's events, which the
    /// store spools until the write (every line of it names its last event, known only then).
    /// Leads already stored keep today's path (their changes are held until the write). With
    /// `arrivals`, the new leads' routing view is gathered.
    public static func runStreamed(
        _ rows: StreamedRows, in tx: any LeadTransaction, store: any LeadStore, apply: Bool, arrivals: Arrivals?
    ) throws -> ImportResult {
        guard let next = LeadID.number(tx.nextLeadID) else {
            throw ImportUsageError("can't number new leads after \(tx.nextLeadID)")
        }
        let settings = tx.context.settings
        let map = OwnerMap(settings: settings)
        let hash = rows.keys.hash
        let m: ImportPlanner.Matched
        let groups: DuplicateGroups
        if store.leadCount == 0 {
            // Every row is a new lead: planned from the hashed keys, the groups checked as rows are read.
            m = ImportPlanner.match(hashed: rows.keys, map: map, firstNumber: next)
            groups = DuplicateGroups(hashed: rows.keys, firstNumber: next)
            rows.releaseKeys()
        } else {
            // Rows may update stored leads, whose keys they merge with: the keys are read again as texts.
            rows.releaseKeys()
            let keys = try rows.stringKeys()
            var matched = try ImportPlanner.match(
                count: keys.count, { keys[$0] }, known: store, map: map, firstNumber: next, hash: hash)
            groups = try DuplicateGroups(
                matched.planned, emails: matched.emails, names: matched.names, inFile: matched.inFile, known: store,
                hash: hash)
            (matched.emails, matched.names) = ([], [])
            m = matched
        }
        let routable = m.candidates.isEmpty ? [] : try neverAssigned(m.candidates, tx: tx, store: store)
        let batch = NewLeads(
            rows: rows, planned: m.planned, first: next, ctx: tx.context,
            finisher: .init(
                groups: groups, owners: m.owners, routable: routable, settings: settings, now: tx.context.now))
        var plan = ImportPlan()
        try ImportPlanner.flagOutsiders(groups.outsiders, known: store, groups: groups, into: &plan)
        // A dry run only counts them.
        let spool = apply ? try tx.makeSpool() : nil
        let counted = try batch.count(
            into: &plan, arrivals: apply ? arrivals : nil, firstSeq: spool?.firstSeq ?? store.lastSeq + 1, spool: spool)
        store.releaseProfileIndex()
        var result = ImportResult(plan: plan)
        result.plan.items = []
        result.plan.flagUpdates = []
        guard apply else { return result }
        if counted.leads > 0, let spool { try tx.addStreamed(StreamedBatch(spool: spool, leads: counted.leads)) }
        tx.reserve(events: counted.known.count + plan.flagUpdates.count)
        var refused = counted.refused
        try applyKnown(counted.known, in: tx, refused: &refused)
        var notes = counted.notes
        try recordOutcomes(counted.known, in: tx, into: &result, notes: &notes)
        result.outcomeNotes = notes.sorted { $0.line < $1.line }.map(\.note)
        result.refused = refused.sorted { $0.line < $1.line }.map { "line \($0.line): \($0.message)" }
        for u in plan.flagUpdates { try tx.update(u.id, profile: u.profile) }
        return result
    }

    /// The rows of leads already stored: their profile updated, then their owner's rep assigned.
    static func applyKnown(
        _ items: [ImportPlan.Item], in tx: any LeadTransaction, refused: inout [(line: Int, message: String)]
    ) throws {
        for i in items.indices {
            switch items[i].action {
            case .create:
                continue
            case .update(let id, let profile, _):
                try tx.update(id, profile: profile)
            case .unchanged:
                break
            }
            if let rep = items[i].assign,
                let r = try tx.stage(.assign(to: rep, rule: ImportPlanner.ownerMapRule), on: items[i].id)
            {
                refused.append((items[i].line, r.message))
            }
        }
    }
}

/// Two keys of a streamed import's rows share a hash where a duplicate group was found by it:
/// nothing is written, and the import is planned again with every row held (`Importer.run`).
public struct KeyCollision: Error {}

/// The new leads of a streamed import, made chunk by chunk before the write and spooled (or, in a
/// dry run, only counted).
struct NewLeads: Sendable {
    let rows: StreamedRows
    let planned: [ImportPlanner.Planned]
    /// The first new lead's number.
    let first: Int
    let ctx: Context
    let finisher: ImportPlanner.Finisher

    /// What counting found: the new leads' events, the rows of stored leads (kept whole), and the
    /// owner-map refusals and outcome notes of the new leads, by line.
    struct Counted {
        var leads = 0
        var events = 0
        var known: [ImportPlan.Item] = []
        var refused: [(line: Int, message: String)] = []
        var notes: [(line: Int, note: String)] = []
    }

    /// One part of a chunk, finished on one core. Each worker writes only its own.
    final class Part: @unchecked Sendable {
        var plan = ImportPlan()
        var counted = Counted()
        var events: [Event] = []
        var pool: [Routing.Candidate] = []
        var names: [(String, String)] = []
        /// Held leads with their version counted from the part's first event.
        var held: [Routing.Held] = []
        var failure: Error?
    }

    /// Finishes every row; the new leads' events, numbered from `firstSeq`, go to `spool`.
    func count(into plan: inout ImportPlan, arrivals: Arrivals?, firstSeq: Int64, spool: (any StreamedSpool)?)
        throws -> Counted
    {
        var counted = Counted()
        for k in 0..<rows.chunkCount {
            for part in try finish(chunk: k, keepEvents: spool != nil, gather: arrivals != nil) {
                if part.plan.keyCollisions > 0 { throw KeyCollision() }
                plan.addCounts(of: part.plan)
                if let spool {
                    try spool.append(numbered(part, from: firstSeq + Int64(counted.events), made: counted.leads))
                }
                counted.leads += part.counted.leads
                counted.known += part.counted.known
                counted.refused += part.counted.refused
                counted.notes += part.counted.notes
                if let arrivals {
                    arrivals.pool += part.pool
                    for (id, name) in part.names { arrivals.names[id] = name }
                    let base = firstSeq + Int64(counted.events)
                    for var h in part.held {
                        h.version += base
                        arrivals.held.add(h, settings: ctx.settings)
                    }
                }
                counted.events += part.counted.events
            }
        }
        return counted
    }

    /// A part's events numbered on from `seq`, its leads checked to be the `made`th new ones on.
    func numbered(_ part: Part, from seq: Int64, made: Int) throws -> [Event] {
        var events = part.events
        part.events = []
        var made = made
        for i in events.indices {
            events[i].entry.seq = seq + Int64(i)
            guard case .created = events[i].entry.op else { continue }
            // The leads were numbered when planned: the store numbers them the same way.
            guard events[i].lead == LeadID.make(first + made) else {
                throw StreamedBatchMismatch("internal: \(events[i].lead) is out of order in a streamed import")
            }
            made += 1
        }
        return events
    }

    /// Chunk `k`'s rows finished, in two parts at once when big, in order.
    func finish(chunk k: Int, keepEvents: Bool, gather: Bool) throws -> [Part] {
        let chunkRows = try rows.rows(k, keyed: false)
        let start = rows.goodStart[k]
        let parts = chunkRows.count > 1_024 ? 2 : 1
        let out = (0..<parts).map { _ in Part() }
        // Through buffers: an element read from an array in the closure was copied whole.
        chunkRows.withUnsafeBufferPointer { r in
            planned.withUnsafeBufferPointer { p in
                // Only read, by every worker, while both arrays are held here.
                nonisolated(unsafe) let rows = r
                nonisolated(unsafe) let planned = p
                DispatchQueue.concurrentPerform(iterations: parts) { h in
                    let part = out[h]
                    for i in rows.count * h / parts..<rows.count * (h + 1) / parts {
                        finish(planned[start + i], rows[i], into: part, keepEvents: keepEvents, gather: gather)
                        if part.failure != nil { return }
                    }
                }
            }
        }
        if let f = out.compactMap(\.failure).first { throw f }
        return out
    }

    /// One row: a new lead's events (created, then assigned to its owner's rep when the rules let
    /// it), or a stored lead's item kept for the write.
    func finish(
        _ p: borrowing ImportPlanner.Planned, _ row: borrowing ImportRow, into part: Part, keepEvents: Bool,
        gather: Bool
    ) {
        // Counting needs a new lead's score only if it stays in the pool, for routing.
        let item = finisher.item(p, row, into: &part.plan, scored: keepEvents)
        part.plan.count(item)
        guard case .create(let id, let profile) = item.action else {
            part.counted.known.append(item)
            return
        }
        part.counted.leads += 1
        let entry = Entry(seq: Int64(part.counted.events), at: ctx.now, by: ctx.actor, op: .created)
        part.counted.events += 1
        // The lead starts with the profile the event carries: applied without it, it isn't copied again.
        var lead = Lead(id: id, profile: profile, history: [])
        lead.apply(Event(lead: id, entry: entry))
        if keepEvents { part.events.append(Event(lead: id, entry: entry, profile: lead.profile)) }
        if let rep = item.assign {
            switch Rules.decide(.assign(to: rep, rule: ImportPlanner.ownerMapRule), on: lead, expecting: nil, in: ctx) {
            case .success(let op):
                let assigned = Event(
                    lead: id, entry: Entry(seq: Int64(part.counted.events), at: ctx.now, by: ctx.actor, op: op))
                part.counted.events += 1
                lead.apply(assigned)
                if keepEvents { part.events.append(assigned) }
            case .failure(let r):
                part.counted.refused.append((item.line, r.message))
            }
        }
        if let o = item.opportunity {
            part.counted.notes.append(
                (
                    item.line,
                    "line \(item.line): \(id) is \(lead.stage.rawValue), not qualified: its outcome (\(o.won ? "won" : "lost")) was not recorded"
                ))
        }
        guard gather else { return }
        if lead.stage == .new {
            if !keepEvents { (lead.profile.score, lead.profile.scoreParts) = finisher.scoring.score(lead.profile) }
            part.pool.append(Routing.Candidate(lead, settings: ctx.settings))
            part.names.append((id, profile.name))
        } else if let h = Routing.Held(lead) {
            part.held.append(h)
        }
    }
}
