import LeadqCodec
import LeadqDomain
import LeadqStore

// The team's settings, changed through leadq (`leadq settings apply`) and recorded as an event that
// belongs to no lead; a snapshot keeps such events in its header.
extension FileStore {
    public func storeEvents() throws -> [Event] { storeWide }

    /// Writes settings.json and appends the `settings` event under the writer's lock, deciding who
    /// may against the settings.json on disk (a hand edit may have changed the team). If the event
    /// can't be saved, the old settings.json is put back.
    @discardableResult
    public func applySettings(_ new: Settings, note: String, as actor: String, at now: Instant) throws -> Event {
        if let why = readOnlyReason { throw StoreError.readOnly(reason: why) }
        let consequence = "the settings were not changed"
        try lockExclusively(consequence)
        defer { fs.unlock(lockFD) }
        try catchUpToWrite()
        let current = try FileStore.readSettings(directory, fs: fs)
        if let refusal = Managers.refusal(actor, to: "change the settings", current) { throw refusal }
        let path = StoreFiles.join(directory, StoreFiles.settings)
        let old: [UInt8]
        do {
            old = try fs.readAll(path)
            try AtomicFile.write(path, SettingsCodec.encode(new), permissions: FileStore.filePermissions(new), fs: fs)
        } catch let e as FSError {
            throw StoreError.io(e, consequence: consequence)
        }
        let event = Event(lead: "", entry: Entry(seq: lastSeq + 1, at: now, by: actor, op: .settings(note: note)))
        do {
            try commit([event], staged: [:])
        } catch {
            try? AtomicFile.write(path, old, permissions: FileStore.filePermissions(current), fs: fs)
            throw error
        }
        storeWide.append(event)
        settings = new
        return event
    }

    /// Keeps an event that belongs to no lead; a change of settings another process made is read in.
    func applyStoreWide(_ e: Event) {
        storeWide.append(e)
        guard case .settings = e.entry.op else { return }
        if let s = try? FileStore.readSettings(directory, fs: fs) { settings = s }
    }
}
