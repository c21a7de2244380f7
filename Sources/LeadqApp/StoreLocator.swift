import LeadqDomain
import LeadqFileStore
import LeadqStore

/// Opens and creates stores by where they are: a directory (the JSON file store).
public enum StoreLocator {
    public static func open(_ location: String) throws -> any LeadStore {
        try FileStore.open(location)
    }

    @discardableResult
    public static func create(_ location: String, settings: Settings, leads: [Lead] = []) throws -> any LeadStore {
        try FileStore.create(at: location, settings: settings, leads: leads)
    }
}

extension StoreLocator {
    /// Folds the store's recent history into its compact form; nil when there's nothing to do.
    public static func compact(_ location: String) throws -> CompactionReport? {
        try FileStore.compact(location)
    }

    /// Sets damaged records aside (managers); see `FileStore.repair`.
    public static func repair(_ location: String, as actor: String, at now: Instant, dryRun: Bool) throws
        -> RepairReport
    {
        try FileStore.repair(location, as: actor, at: now, dryRun: dryRun)
    }

    /// Removes the store at `location` (only a store's own files), for `demo --force`.
    public static func remove(_ location: String) throws {
        try FileStore.remove(at: location)
    }
}
