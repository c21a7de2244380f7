import LeadqDomain
import LeadqFileStore
import LeadqStore

/// Opens and creates stores by where they are: a directory (the JSON file store), or a
/// `postgresql://` / `postgres://` URL (PostgreSQL, in a build with the `Postgres` trait).
public enum StoreLocator {
    /// Whether `location` names a database rather than a directory.
    public static func isDatabase(_ location: String) -> Bool {
        location.hasPrefix("postgresql://") || location.hasPrefix("postgres://")
    }

    public static func open(_ location: String) throws -> any LeadStore {
        if isDatabase(location) { return try DatabaseStores.open(location) }
        return try FileStore.open(location)
    }

    /// A store holding `leads`; a copy brings the actions undo remembers (`recent`) and the events
    /// that belong to no lead (`wide`) too.
    @discardableResult
    public static func create(
        _ location: String, settings: Settings, leads: [Lead] = [], recent: [RecentAction]? = nil, wide: [Event] = []
    ) throws -> any LeadStore {
        if isDatabase(location) {
            return try DatabaseStores.create(location, settings: settings, leads: leads, recent: recent, wide: wide)
        }
        return try FileStore.create(at: location, settings: settings, leads: leads, recent: recent, wide: wide)
    }

    /// A store holding the leads `each` hands over in id order (it may be asked twice): the file
    /// store writes them as they come, without holding them all.
    @discardableResult
    public static func create(
        _ location: String, settings: Settings, leadCount: Int, each: ((Lead) throws -> Void) throws -> Void
    ) throws -> any LeadStore {
        guard !isDatabase(location) else {
            var leads: [Lead] = []
            leads.reserveCapacity(leadCount)
            try each { leads.append($0) }
            return try create(location, settings: settings, leads: leads)
        }
        return try FileStore.create(at: location, settings: settings, leadCount: leadCount, each: each)
    }
}

extension StoreLocator {
    /// Folds the store's recent history into its compact form; nil when there's nothing to do (a
    /// database always: every write keeps each lead's row current).
    public static func compact(_ location: String) throws -> CompactionReport? {
        if isDatabase(location) {
            _ = try DatabaseStores.open(location)
            return nil
        }
        return try FileStore.compact(location)
    }

    /// Sets damaged records aside (managers); see `FileStore.repair`. A database has no files to
    /// set aside: `leadq verify` checks its rows against its events.
    public static func repair(_ location: String, as actor: String, at now: Instant, dryRun: Bool) throws
        -> RepairReport
    {
        if isDatabase(location) {
            throw BadInput(
                "leadq repair sets damaged files aside, and a PostgreSQL store has none; `leadq verify` checks every lead against its events"
            )
        }
        return try FileStore.repair(location, as: actor, at: now, dryRun: dryRun)
    }

    /// Removes the store at `location` (only a store's own files, or tables), for `demo --force`.
    public static func remove(_ location: String) throws {
        if isDatabase(location) { return try DatabaseStores.remove(location) }
        try FileStore.remove(at: location)
    }
}
