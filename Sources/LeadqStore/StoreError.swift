import LeadqDomain

/// Why the store can't do what was asked. Every message names the file (and where in it) when there is one.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    case noStore(path: String)
    case newerSchema(file: String, found: Int64, supported: Int)
    /// A record that can't be trusted: the store refuses rather than guess or repair it.
    case damaged(file: String, offset: Int, line: Int, reason: String)
    /// A file operation failed; `consequence` says what that meant ("the action was not saved").
    case io(FSError, consequence: String)
    case readOnly(reason: String)
    case unknownLead(String)
    case settings(SettingsError)
    case exists(path: String)
    /// Another process held the store's lock for longer than the timeout.
    case busy(holder: LockHolder?, seconds: Int, consequence: String)
    /// A database store failed or can't be reached; `store` is its location, never with a password.
    case database(store: String, reason: String, consequence: String)

    public var description: String {
        switch self {
        case .noStore(let p) where p.contains("://"):
            return "no leadq store at \(p) (no leadq schema there); create one with `leadq init` or `leadq demo`"
        case .noStore(let p):
            return "no leadq store at \(p) (no settings.json there); create one with `leadq init` or `leadq demo`"
        case .newerSchema(let f, let found, let supported):
            return
                "\(f) was written by a newer leadq (schema \(found)); this leadq reads schema \(supported) and won't guess: upgrade leadq"
        case .damaged(let f, let offset, let line, let reason):
            return
                "\(f): damaged record at byte \(offset) (line \(line)): \(reason). leadq refuses to read past it and has not changed the file; a manager can set the damaged record aside with `leadq repair`, or restore the file from a backup"
        case .io(let e, let consequence):
            return "\(e.description); \(consequence)"
        case .readOnly(let reason):
            return "the store is read-only here (\(reason)); nothing can be saved"
        case .unknownLead(let id):
            return "no lead \(id) in this store"
        case .settings(let e):
            return e.description
        case .busy(let holder, let seconds, let consequence):
            let who = holder.map { "\($0)" } ?? "another process"
            let hint = holder.map { " (if it is stopped, `kill -CONT \($0.pid)` lets it finish)" } ?? ""
            return "gave up after \(seconds) s waiting for \(who), which holds the store's lock; \(consequence)\(hint)"
        case .database(let store, let reason, let consequence):
            return "\(store): \(reason); \(consequence)"
        case .exists(let p) where p.contains("://"):
            return "\(p) already holds a leadq store; name another schema (?schema=…) or drop that one first"
        case .exists(let p):
            return "\(p) already holds a leadq store; use another directory or remove it first"
        }
    }
}
