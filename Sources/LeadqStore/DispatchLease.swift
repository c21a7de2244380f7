import LeadqDomain

/// The dispatcher's hold on a store: while one process has it, no other dispatcher works the store.
/// It lasts until `release()` or the end of the process, however it ends (a killed holder's lease
/// is free at once on the file store; a database frees it when the holder's session ends).
public protocol DispatchLease: AnyObject {
    /// The dispatcher's own state (its alert ledger) as last saved; nil before the first save.
    func loadState() throws -> [UInt8]?
    /// Replaces the saved state durably, whole or not at all.
    func saveState(_ bytes: [UInt8]) throws
    func release()
}

/// What `LeadStore.takeDispatchLease` found.
public enum LeaseAttempt {
    case taken(any DispatchLease)
    /// Another process holds the lease; named when the store can tell who.
    case held(by: LockHolder?)
}

extension LeadStore {
    /// A store that can't keep a lease refuses to be dispatched, rather than let two dispatchers in.
    public func takeDispatchLease() throws -> LeaseAttempt {
        throw Refusal("\(location): this kind of store can't hold a dispatcher's lease yet; nothing was dispatched")
    }
}
