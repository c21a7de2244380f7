import Foundation
import LeadqDomain
import LeadqStore
import LeadqText

/// What `leadq copy` moved.
public struct CopyReport: Equatable, Sendable {
    public var leads: Int
    /// Every event: the leads' histories and the events that belong to no lead.
    public var events: Int
    public var lastSeq: Int64
}

/// Moving a whole store to another place, of either kind: its settings, every lead as it is with
/// its whole history (each event's number, time and actor), the writes undo takes back as one, and
/// the events that belong to no lead. The target is made in one go (one transaction on PostgreSQL),
/// so a failure leaves nothing half-copied; a target that already holds anything is refused.
public enum StoreCopy {
    public static func copy(from source: String, to target: String) throws -> CopyReport {
        if source == target { throw BadInput("--from and --to name the same store; copy it somewhere else") }
        try requireEmpty(target)
        let store = try StoreLocator.open(source)
        var leads: [Lead] = []
        var actors = Set(store.settings.reps.map(\.id))
        try store.forEachLead { lead in
            leads.append(lead)
            for e in lead.history { actors.insert(e.by) }
        }
        let wide = try store.storeEvents()
        let recent = actors.sorted().flatMap { store.recentActions(of: $0) }.sorted { $0.seq < $1.seq }
        do {
            try StoreLocator.create(target, settings: store.settings, leads: leads, recent: recent, wide: wide)
        } catch StoreError.exists(let place) {
            // The store's own name for it: a URL as typed may hold a password.
            throw notEmpty(place)
        }
        let events = leads.reduce(0) { $0 + $1.history.count } + wide.count
        let last = max(leads.map(\.version).max() ?? 0, wide.last?.seq ?? 0)
        return CopyReport(leads: leads.count, events: events, lastSeq: last)
    }

    /// A directory must be missing or empty; a database schema must hold no store (checked again,
    /// inside the creating transaction, by the store itself).
    static func requireEmpty(_ target: String) throws {
        guard !StoreLocator.isDatabase(target) else { return }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else { throw BadInput("--to \(Inert.line(target)) is a file, not a directory") }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: target)) ?? []
        if !names.isEmpty { throw notEmpty(target) }
    }

    static func notEmpty(_ target: String) -> BadInput {
        BadInput(
            "--to \(Inert.line(target)) is not empty; leadq copies only into a new store (an empty directory, or a schema without one)"
        )
    }
}
