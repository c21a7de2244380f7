import Foundation

/// A store directory's files with their sizes and modification times: the same fingerprint before
/// and after a command means it wrote nothing, so a check of the store would find what it found before.
public enum StoreFingerprint {
    public static func of(_ dir: String) -> [String] {
        let fm = FileManager.default
        let names = ((try? fm.subpathsOfDirectory(atPath: dir)) ?? []).sorted()
        return names.map { name in
            let a = (try? fm.attributesOfItem(atPath: dir + "/" + name)) ?? [:]
            let size = (a[.size] as? NSNumber)?.int64Value ?? -1
            let modified = (a[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            return "\(name) \(size) \(modified)"
        }
    }
}
