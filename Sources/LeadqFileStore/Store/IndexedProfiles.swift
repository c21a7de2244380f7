import LeadqDomain
import LeadqStore

extension FileStore {
    /// Every lead's id and profile as the import's profile index holds them, in no particular order:
    /// for the lookups the index has no key for (an import's name-and-company duplicates).
    public func forEachIndexedProfile(_ body: (String, Profile) throws -> Void) throws {
        for (id, p) in try profileIndex().profiles { try body(id, p) }
    }
}
