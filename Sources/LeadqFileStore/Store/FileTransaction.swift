import Dispatch
import Foundation
import LeadqCodec
import LeadqDomain
import LeadqStore

/// The events one write will save, decided against the store's state plus the events staged before
/// them (so routing sees its own earlier assignments). Only `FileStore.transact` creates one.
public final class FileTransaction: LeadTransaction {
    unowned let store: FileStore
    public let context: Context
    public private(set) var events: [Event] = []
    /// Each lead as it will be after the staged events; the store takes these as they are.
    private(set) var staged: [String: Lead] = [:]
    private var nextNumber: Int
    /// `requireManager`'s answer: the actor and the settings are fixed for the transaction.
    private var managerChecked = false
    /// Leads made by `addAll`, numbered on from `bulkFirst`: not kept as leads at all (an import's
    /// 100,000 leads took about 90 MB), only where each one's events are (`events` index × 2, plus
    /// 1 when an assignment follows the creation). A bulk lead is built from them when read; one
    /// changed later moves to `staged`.
    private var bulk: [Int] = []
    private var bulkFirst = 0
    /// A batch the store asks for as it writes (`addStreamed`), and its first lead's number.
    private(set) var streamed: StreamedBatch?
    private var streamedFirst = 0

    init(store: FileStore, context: Context) {
        self.store = store
        self.context = context
        self.nextNumber = store.maxLeadNumber + 1
    }

    private var nextSeq: Int64 { store.lastSeq + Int64((streamed?.events ?? 0) + events.count) + 1 }

    /// The lead as it will be once the staged events are saved.
    public func lead(_ id: String) throws -> Lead? {
        if let l = staged[id] ?? bulkLead(id) { return l }
        return try store.lead(id)
    }

    private func bulkLead(_ id: String) -> Lead? {
        guard !bulk.isEmpty, let n = LeadID.number(id), n >= bulkFirst, n - bulkFirst < bulk.count else { return nil }
        let l = bulkLead(at: n - bulkFirst)
        return l.id == id ? l : nil  // "L-5" and "L-00005" share a number, not an id
    }

    /// The `k`th bulk lead, built from its events: created, then assigned when it was.
    private func bulkLead(at k: Int) -> Lead {
        let at = bulk[k] >> 1
        var lead = Lead(id: events[at].lead, profile: events[at].profile ?? Profile(), history: [])
        lead.apply(events[at])
        if bulk[k] & 1 == 1 { lead.apply(events[at + 1]) }
        return lead
    }

    /// The lead to change, taken out of `staged` if it is there: left in, its history would be
    /// copied to be appended to (a big import stages 100,000 leads and changes each twice).
    private func take(_ id: String) throws -> (lead: Lead, wasStaged: Bool) {
        if let l = staged.removeValue(forKey: id) { return (l, true) }
        guard let l = try bulkLead(id) ?? store.lead(id) else { throw StoreError.unknownLead(id) }
        return (l, false)
    }

    public func lastChange(of id: String) throws -> Change {
        guard let event = events.last, event.lead == id, let lead = try lead(id) else {
            throw StoreError.unknownLead(id)
        }
        return Change(event: event, lead: lead)
    }

    /// Decides a command and stages its event; returns the refusal if the rules say no. Builds no
    /// `Change`: an import assigns tens of thousands of leads and looks at none of them.
    public func stage(_ command: Command, on id: String, expecting: Int64?) throws -> Refusal? {
        var (lead, wasStaged) = try take(id)
        switch Rules.decide(command, on: lead, expecting: expecting, in: context) {
        case .failure(let refusal):
            if wasStaged { staged[id] = lead }
            return refusal
        case .success(let op):
            var event = Event(lead: id, entry: Entry(seq: nextSeq, at: context.now, by: context.actor, op: op))
            let profileBefore = lead.profile
            lead.apply(event)
            // An undo of an update restores a profile: the event carries it, as an update's does, so
            // every reader (and the profile index) takes it as it is.
            if case .undo = op, lead.profile != profileBefore { event.profile = lead.profile }
            staged[id] = lead
            events.append(event)
            return nil
        }
    }

    /// The id the next `create` will give, so a caller can refer to leads it is about to create.
    public var nextLeadID: String { LeadID.make(nextNumber) }

    /// Leads enter and change their profile only through a manager (imports run as one): the store
    /// refuses anyone else, not just the CLI.
    private func requireManager(_ doing: String) throws {
        if managerChecked { return }
        if let refusal = Managers.refusal(context.actor, to: doing, context.settings) { throw refusal }
        managerChecked = true
    }

    /// Room for `more` events, so a big batch doesn't grow its list by doubling.
    public func reserve(events more: Int) {
        events.reserveCapacity(events.count + more)
    }

    /// Lets the leads go on another core once the events are saved and nobody will read them here.
    func letGoInBackground() {
        Background.release((bulk, staged, events))
        (bulk, staged, events) = ([], [:], [])
    }

    /// The staged leads, handed over once the events are saved (the transaction is done by then).
    func takeStaged() -> [String: Lead] {
        var out = staged
        staged = [:]
        if !bulk.isEmpty {
            out.reserveCapacity(out.count + bulk.count)
            for k in bulk.indices {
                let id = events[bulk[k] >> 1].lead
                if out[id] == nil { out[id] = bulkLead(at: k) }
            }
            bulk = []
        }
        return out
    }

    /// Adds a new lead.
    @discardableResult
    public func create(_ profile: Profile) throws -> Change {
        let id = try add(profile)
        return Change(event: events[events.count - 1], lead: staged[id]!)
    }

    /// `create` without the change handed back; returns the new lead's id.
    @discardableResult
    public func add(_ profile: Profile) throws -> String {
        try requireManager("add leads")
        let id = LeadID.make(nextNumber)
        nextNumber += 1
        let event = Event(
            lead: id, entry: Entry(seq: nextSeq, at: context.now, by: context.actor, op: .created), profile: profile)
        var lead = Lead(id: id, profile: profile, history: [])
        lead.apply(event)
        staged[id] = lead
        events.append(event)
        return id
    }

    /// New leads, each assigned to a rep when one is given: the same events, in the same order, as
    /// `add` followed by `stage(.assign(to:rule:))` for each in turn, with the same refusals. The events
    /// are built and the assignments decided on every core, on the likely guess that every assignment
    /// is allowed (each event's number depends on how many came before); if one isn't, the batch is
    /// staged one lead at a time instead.
    @discardableResult
    public func addAll(_ items: [(profile: Profile, assign: String?)], rule: String) throws -> [Refusal?] {
        try requireManager("add leads")
        let contiguous = bulk.isEmpty || bulkFirst + bulk.count == nextNumber
        guard items.count >= 4_096, contiguous else { return try items.map { try addOne($0.profile, $0.assign, rule) } }
        let (offset, total) = FileTransaction.eventOffsets(items)
        let (first, seq0, ctx) = (nextNumber, nextSeq, context)
        let parts = min(8, max(1, ProcessInfo.processInfo.activeProcessorCount))
        let progress = (0..<parts).map { _ in BulkPart() }
        @Sendable func range(_ k: Int) -> Range<Int> { items.count * k / parts..<items.count * (k + 1) / parts }
        // Each core writes its events straight into their places in the final list (item i's
        // events start at offset[i]), so nothing is copied to join the parts.
        var guessedWrong = false
        let made = [Event](unsafeUninitializedCapacity: total) { eventBuffer, eventCount in
            nonisolated(unsafe) let eventsAt = eventBuffer.baseAddress!
            DispatchQueue.concurrentPerform(iterations: parts) { k in
                let done = progress[k]
                for i in range(k) {
                    guard
                        FileTransaction.build(
                            items[i], id: LeadID.make(first + i), seq: seq0 + offset[i], rule: rule, ctx,
                            events: eventsAt + Int(offset[i]))
                    else {
                        done.guessedWrong = true
                        return
                    }
                    done.made += 1
                }
            }
            guessedWrong = progress.contains { $0.guessedWrong }
            if guessedWrong {
                // Take back what the cores wrote: each wrote a run from the start of its share.
                for (k, done) in progress.enumerated() {
                    for i in range(k).prefix(done.made) {
                        (eventBuffer.baseAddress! + Int(offset[i])).deinitialize(count: items[i].assign == nil ? 1 : 2)
                    }
                }
            }
            eventCount = guessedWrong ? 0 : total
        }
        if guessedWrong { return try items.map { try addOne($0.profile, $0.assign, rule) } }
        let base = events.count
        if events.isEmpty {
            // Keep the room `reserve(events:)` asked for: later events go after these.
            let room = events.capacity
            events = made
            if room > events.count { events.reserveCapacity(room) }
        } else {
            events.append(contentsOf: made)
        }
        if bulk.isEmpty { bulkFirst = first }
        bulk.reserveCapacity(bulk.count + items.count)
        for i in items.indices { bulk.append((base + Int(offset[i])) << 1 | (items[i].assign == nil ? 0 : 1)) }
        nextNumber += items.count
        return Array(repeating: nil, count: items.count)
    }

    /// Where each item's events start in the batch (one event each, two with an assignment), and
    /// how many there are.
    private static func eventOffsets(_ items: [(profile: Profile, assign: String?)]) -> (offsets: [Int64], total: Int) {
        var counted: [Int64] = []
        counted.reserveCapacity(items.count)
        var n: Int64 = 0
        for item in items {
            counted.append(n)
            n += item.assign == nil ? 1 : 2
        }
        return (counted, Int(n))
    }

    /// Builds one new lead's events (created, then assigned) in place; the lead itself is built again
    /// when read. False, with nothing written, when the rules refuse the assignment.
    private static func build(
        _ item: (profile: Profile, assign: String?), id: String, seq: Int64, rule: String, _ ctx: Context,
        events: UnsafeMutablePointer<Event>
    ) -> Bool {
        let created = Event(
            lead: id, entry: Entry(seq: seq, at: ctx.now, by: ctx.actor, op: .created), profile: item.profile)
        var assigned: Event?
        if let rep = item.assign {
            var lead = Lead(id: id, profile: item.profile, history: [])
            lead.apply(created)
            guard case .success(let op) = Rules.decide(.assign(to: rep, rule: rule), on: lead, expecting: nil, in: ctx)
            else { return false }
            assigned = Event(lead: id, entry: Entry(seq: seq + 1, at: ctx.now, by: ctx.actor, op: op))
        }
        events.initialize(to: created)
        if let assigned { (events + 1).initialize(to: assigned) }
        return true
    }

    private func addOne(_ profile: Profile, _ rep: String?, _ rule: String) throws -> Refusal? {
        let id = try add(profile)
        guard let rep else { return nil }
        return try stage(.assign(to: rep, rule: rule), on: id, expecting: nil)
    }

    /// How far one core got with its share of `addAll`. Each worker writes only its own.
    private final class BulkPart: @unchecked Sendable {
        var made = 0
        var guessedWrong = false
    }

    public var acceptsStreamed: Bool { true }

    /// A scratch file in the store's directory (`FileSpool`), numbered from the write's first event.
    public func makeSpool() throws -> any StreamedSpool {
        try requireManager("add leads")
        guard events.isEmpty, streamed == nil else {
            throw StreamedBatchMismatch("internal: a streamed batch must be the first and only one of a write")
        }
        do {
            return try FileSpool(
                directory: store.directory, fs: store.fs, firstSeq: nextSeq, permissions: store.filePermissions)
        } catch let e as FSError {
            throw StoreError.io(e, consequence: "nothing was saved")
        }
    }

    /// The batch goes first in the write, so its events are numbered from the write's first.
    public func addStreamed(_ batch: StreamedBatch) throws {
        try requireManager("add leads")
        guard events.isEmpty, streamed == nil, batch.events >= batch.leads, batch.leads >= 0,
            batch.spool.firstSeq == nextSeq
        else {
            throw StreamedBatchMismatch("internal: a streamed batch must be the first and only one of a write")
        }
        streamed = batch
        streamedFirst = nextNumber
        nextNumber += batch.leads
    }

    /// The streamed lead is taken as it was created: in the pool, which is all that routing's
    /// commands (assign, nurture) look at. Its event is staged; the lead itself isn't kept.
    public func stageOnStreamed(_ command: Command, id: String) throws -> Refusal? {
        guard let batch = streamed, let n = LeadID.number(id), n >= streamedFirst, n - streamedFirst < batch.leads,
            LeadID.make(n) == id
        else { throw StoreError.unknownLead(id) }
        let created = Event(lead: id, entry: Entry(seq: 0, at: context.now, by: context.actor, op: .created))
        var lead = Lead(id: id, profile: Profile(), history: [])
        lead.apply(created)
        switch Rules.decide(command, on: lead, expecting: nil, in: context) {
        case .failure(let refusal):
            return refusal
        case .success(let op):
            events.append(Event(lead: id, entry: Entry(seq: nextSeq, at: context.now, by: context.actor, op: op)))
            return nil
        }
    }

    /// Replaces a lead's profile (an import refreshing its fields); the rep's work is untouched. The
    /// event records each changed field's old and new value, as the lead holds them now; a profile
    /// equal to the lead's stages nothing (nil).
    @discardableResult
    public func update(_ id: String, profile: Profile) throws -> Change? {
        try requireManager("change a lead's profile")
        var (lead, wasStaged) = try take(id)
        let changes = Profile.changes(from: lead.profile, to: profile)
        guard !changes.isEmpty else {
            if wasStaged { staged[id] = lead }
            return nil
        }
        let event = Event(
            lead: id, entry: Entry(seq: nextSeq, at: context.now, by: context.actor, op: .update(changes)),
            profile: profile)
        lead.apply(event)
        staged[id] = lead
        events.append(event)
        return Change(event: event, lead: lead)
    }
}
