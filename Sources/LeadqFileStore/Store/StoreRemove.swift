import Foundation
import LeadqStore

extension FileStore {
    /// Removes a store's own files (only when the directory holds a store), leaving anything else.
    public static func remove(at path: String) throws {
        let fm = FileManager.default
        guard fm.fileExists(atPath: StoreFiles.join(path, StoreFiles.settings)) else { return }
        do {
            for name in try fm.contentsOfDirectory(atPath: path)
            where name == StoreFiles.settings || name == StoreFiles.lock || name == StoreFiles.compactLock
                || name == StoreFiles.dispatchLock || name == StoreFiles.dispatchState
                || name == StoreFiles.quarantine || name.hasPrefix("snapshot-") || name.hasPrefix("journal-")
            {
                try fm.removeItem(atPath: StoreFiles.join(path, name))
            }
        } catch {
            throw StoreError.io(
                FSError(op: "remove", path: path, code: EIO), consequence: "the old store was not removed (\(error))")
        }
    }
}
