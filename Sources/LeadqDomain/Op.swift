/// What one event does to one lead. Events are facts: applying them never validates,
/// so replaying a journal always rebuilds the same state whatever the settings say today.
public enum Op: Equatable, Sendable {
    /// The lead entered the store (its profile travels with the event, not in the history).
    case created
    /// An import refreshed these profile fields. `changes` holds each one's old and new value; it is
    /// nil in entries written before leadq kept them, which name the fields only.
    case updated(fields: [String], changes: [FieldChange]?)
    case assign(to: String, rule: String?)
    case accept
    case reject(reason: String, note: String)
    case contact(Contact)
    case scheduleFollowUp(due: Instant, what: String, replaces: Int64?)
    case completeFollowUp(id: Int64, note: String)
    case dropFollowUp(id: Int64)
    case qualify(note: String)
    case clawback(reason: String, note: String, policy: Bool)
    /// Routing sent a lead from the pool straight to nurture (its score is below the threshold, or a
    /// rule says so). Not a clawback: no rep had it, so reports never count it as a rep's decision.
    case nurture(rule: String)
    /// Back from nurture to the pool; `step` is the re-engagement step (1 after 30 days, 2 after 60…)
    /// when the policy released it, nil when a manager did (or its score turned hot).
    case release(note: String, step: Int? = nil)
    case undo(target: Int64)
    /// The opportunity of a qualified lead was won (the amount in cents, if known).
    case won(amount: Int64?, note: String)
    case lost(reason: String, amount: Int64?, note: String)
    /// A likely duplicate folded into `into` by a manager: closed, with a pointer to the lead it lives on in.
    case merged(into: String)
    /// The kept lead of a merge takes in the other's history: its contacts and open follow-ups join
    /// this lead's, the rest is kept for the record.
    case absorb(from: String, entries: [Entry])
    /// `leadq repair` set a damaged record aside in its place (what, why, and where the copy is).
    /// A store-wide one (for a record whose lead is gone) belongs to no lead: its event's lead is "".
    case setAside(note: String)
    /// A note on the lead: what the rep learned, for whoever picks it up next. Changes nothing else.
    case note(String)
    /// A manager replaced the team's settings (`leadq settings apply`); the note says what changed.
    /// Store-wide: its event's lead is "".
    case settings(note: String)

    /// An update recording its changes (the field names follow from them).
    public static func update(_ changes: [FieldChange]) -> Op {
        .updated(fields: changes.map(\.key.rawValue), changes: changes)
    }

    public var name: String {
        switch self {
        case .created: return "created"
        case .updated: return "updated"
        case .assign: return "assign"
        case .accept: return "accept"
        case .reject: return "reject"
        case .contact: return "contact"
        case .scheduleFollowUp: return "followup"
        case .completeFollowUp: return "followup-done"
        case .dropFollowUp: return "followup-drop"
        case .qualify: return "qualify"
        case .clawback: return "clawback"
        case .nurture: return "nurture"
        case .release: return "release"
        case .undo: return "undo"
        case .setAside: return "set-aside"
        case .note: return "note"
        case .won: return "won"
        case .lost: return "lost"
        case .merged: return "merged"
        case .absorb: return "absorb"
        case .settings: return "settings"
        }
    }

    /// The times the op records besides its event's own (each must be one the store can write back).
    var recordedTimes: [Instant] {
        switch self {
        case .scheduleFollowUp(let due, _, _): return [due]
        case .contact(let c): return c.followUpDue.map { [$0] } ?? []
        default: return []
        }
    }

    /// Whether a rep can take this back with undo.
    public var isUndoable: Bool {
        switch self {
        case .created, .updated, .undo, .setAside, .settings: return false
        default: return true
        }
    }

    /// Whether its event may belong to no lead (a store-wide note of repair, a change of settings).
    public var mayBeStoreWide: Bool {
        switch self {
        case .setAside, .settings: return true
        default: return false
        }
    }

    /// Whether it counts for the idle clock of the clawback policy: a contact or a decision. Scheduling,
    /// completing or dropping a follow-up is not (re-scheduling must not keep a lead from rotting).
    var isActivity: Bool {
        switch self {
        case .updated, .undo, .setAside, .settings, .note, .scheduleFollowUp, .completeFollowUp, .dropFollowUp:
            return false
        default: return true
        }
    }
}

/// A logged contact attempt. Its id is the sequence number of the event that logged it.
public struct Contact: Equatable, Sendable {
    public var channel: Channel
    public var outcome: Outcome
    public var direction: Direction
    public var note: String
    /// The follow-up the cadence scheduled with this contact, decided when it was logged.
    public var followUpDue: Instant?
    /// What that follow-up asks for and on which channel (a playbook's step); nil: try again.
    public var followUpWhat: String?
    public var followUpChannel: Channel?
    /// The follow-ups this contact completed (the one that was due) or ended (the cadence's, once
    /// the lead is reached), decided when it was logged.
    public var completes: [Int64] = []

    public init(
        channel: Channel, outcome: Outcome, direction: Direction = .outbound, note: String = "",
        followUpDue: Instant? = nil
    ) {
        (self.channel, self.outcome, self.direction, self.note, self.followUpDue) = (
            channel, outcome, direction, note, followUpDue
        )
    }
}

/// One entry of a lead's history: who did what, when. Never removed; undo adds an entry.
public struct Entry: Equatable, Sendable {
    public var seq: Int64
    public var at: Instant
    public var by: String
    public var op: Op

    public init(seq: Int64, at: Instant, by: String, op: Op) {
        (self.seq, self.at, self.by, self.op) = (seq, at, by, op)
    }
}

/// An event as the journal stores it: an entry for one lead, plus the profile for `created`/`updated`.
public struct Event: Equatable, Sendable {
    public var lead: String
    public var entry: Entry
    public var profile: Profile?

    public init(lead: String, entry: Entry, profile: Profile? = nil) {
        (self.lead, self.entry, self.profile) = (lead, entry, profile)
    }
    public var seq: Int64 { entry.seq }
}
