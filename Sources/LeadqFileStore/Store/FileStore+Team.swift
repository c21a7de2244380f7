import LeadqCodec
import LeadqDomain
import LeadqStore

extension FileStore {
    /// Adds `rep` to settings.json under the writer lock, re-read first so a hand edit made
    /// meanwhile is kept. A directory has no logins: whoever may write its files is trusted.
    public func addMember(_ rep: Rep, role: String?) throws -> MemberAdded {
        if role != nil {
            throw Refusal("--role maps a PostgreSQL login role; a store in a directory has no logins", badInput: true)
        }
        if let why = readOnlyReason { throw StoreError.readOnly(reason: why) }
        let consequence = "the team was not changed"
        try lockExclusively(consequence)
        defer { fs.unlock(lockFD) }
        let path = StoreFiles.join(directory, StoreFiles.settings)
        let next = try TeamRules.adding(rep, to: try FileStore.readSettings(directory, fs: fs)).get()
        do { try SettingsCodec.check(next, source: path) } catch let e as SettingsError {
            throw StoreError.settings(e)
        }
        do {
            try AtomicFile.write(path, SettingsCodec.encode(next), permissions: filePermissions, fs: fs)
        } catch let e as FSError {
            throw StoreError.io(e, consequence: consequence)
        }
        settings = next
        return MemberAdded(rep: rep, role: nil, created: false)
    }
}
