import LeadqDomain

/// A lead as changed by a saved event.
public struct Change: Sendable {
    public var event: Event
    public var lead: Lead
    public init(event: Event, lead: Lead) { (self.event, self.lead) = (event, lead) }
}

/// An action remembered across compaction, so `undo` still finds a rep's last action: its last
/// event, and for a transaction of several events (a route, an import) their sequence numbers.
public struct RecentAction: Equatable, Sendable {
    public var actor: String
    public var seq: Int64
    public var lead: String
    /// nil for an action of one event (and in snapshots written before batches were remembered).
    public var batch: ClosedRange<Int64>? = nil

    public init(actor: String, seq: Int64, lead: String, batch: ClosedRange<Int64>? = nil) {
        (self.actor, self.seq, self.lead, self.batch) = (actor, seq, lead, batch)
    }
}

/// What `refresh` found: the leads other processes changed, and whether the store had to be reloaded.
public struct Refresh: Equatable, Sendable {
    public var changed: Set<String> = []
    public var events: [Event] = []
    public var reloaded = false
    /// Set while another process has held the store's lock for a second or more.
    public var lockHeld: LockWait?
    public var isEmpty: Bool { changed.isEmpty && !reloaded }

    public init() {}

    public mutating func absorb(_ later: Refresh) {
        changed.formUnion(later.changed)
        events += later.events
        reloaded = reloaded || later.reloaded
    }
}

/// How long a writer has waited for the store's lock, and who holds it.
public struct LockWait: Equatable, Sendable {
    public var holder: LockHolder?
    public var seconds: Int
    public init(holder: LockHolder?, seconds: Int) { (self.holder, self.seconds) = (holder, seconds) }
}

/// Who holds a store's lock, as the kernel tells it: a stopped or slow writer is named (PID and
/// command) so whoever waits can see what to wake or wait for.
public struct LockHolder: Equatable, Sendable, CustomStringConvertible {
    public var pid: Int32
    /// The holder's command line, e.g. `leadq import`; empty when it can't be read.
    public var command: String

    public var description: String { command.isEmpty ? "PID \(pid)" : "PID \(pid) (\(command))" }
    public init(pid: Int32, command: String) { (self.pid, self.command) = (pid, command) }
}

/// What a compaction did.
public struct CompactionReport: Equatable, Sendable {
    public var seq: Int64
    public var leads: Int
    public var bytes: Int
    public var removed: [String]
    public init(seq: Int64, leads: Int, bytes: Int, removed: [String]) {
        (self.seq, self.leads, self.bytes, self.removed) = (seq, leads, bytes, removed)
    }
}

/// What `verify` checked.
public struct VerifyReport: Equatable, Sendable {
    public var leads: Int
    public var snapshotSeq: Int64
    public var lastSeq: Int64
    /// Leads in the queue of someone no longer on the team (lead id → owner): not damage (a manager
    /// removed a rep from settings.json), but nobody sees them until a manager reassigns them.
    public var orphaned: [String: String] = [:]
    public init(leads: Int, snapshotSeq: Int64, lastSeq: Int64) {
        (self.leads, self.snapshotSeq, self.lastSeq) = (leads, snapshotSeq, lastSeq)
    }
}
