import LeadqStore

extension FileStore {
    /// Temporary files a killed compaction or writer left behind (`snapshot-….jsonl.tmp-PID` can be
    /// as big as the store). Removed only when nothing can be writing one: the caller holds the
    /// reader or writer lock (no writer is mid-rename) and this takes the compaction lock.
    func removeLeftovers(_ names: [String]) {
        let leftovers = names.filter(StoreFiles.isTemporary)
        guard !leftovers.isEmpty, isWritable else { return }
        let path = StoreFiles.join(directory, StoreFiles.compactLock)
        guard let cl = try? fs.open(path, .createIfMissing(permissions: filePermissions)) else { return }
        defer { fs.close(cl) }
        guard (try? fs.lock(cl, exclusive: true, wait: false, path: path)) == true else { return }
        defer { fs.unlock(cl) }
        removeLeftoversHoldingTheLocks(leftovers)
    }

    /// As `removeLeftovers`, for a caller that already holds the compaction lock.
    func removeLeftoversHoldingTheLocks(_ names: [String]) {
        for n in names where StoreFiles.isTemporary(n) { try? fs.remove(StoreFiles.join(directory, n)) }
    }
}

extension StoreFiles {
    /// `snapshot-000000001234.jsonl.tmp-4242`, `journal-….jsonl.tmp-…`, `settings.json.tmp-…`.
    static func isTemporary(_ name: String) -> Bool {
        (name.hasPrefix("snapshot-") || name.hasPrefix("journal-") || name.hasPrefix("settings.json"))
            && name.contains(".tmp-")
    }
}
