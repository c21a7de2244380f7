import LeadqDomain

/// What `leadq repair` set aside and what it did in its place.
public struct RepairReport: Equatable, Sendable {
    /// One record that could not be read, where it was, and where its bytes are now.
    public struct Item: Equatable, Sendable {
        public var file: String
        public var line: Int
        public var reason: String
        /// The lead it belonged to, when that can still be told.
        public var lead: String?
        /// Where the bytes were copied, relative to the store (`quarantine/…`).
        public var copy: String
        /// What became of it: "L-00042 is gone from the store", "replaced by a note in L-00017's history".
        public var outcome: String

        public init(file: String, line: Int, reason: String, lead: String?, copy: String, outcome: String) {
            (self.file, self.line, self.reason, self.lead, self.copy, self.outcome) = (
                file, line, reason, lead, copy, outcome
            )
        }
    }

    public var items: [Item] = []
    /// Sequence numbers no file holds, each range filled with notes so the journals run on.
    public var missing: [ClosedRange<Int64>] = []
    /// Files rewritten; their originals are kept in quarantine/.
    public var rewritten: [String] = []
    public var dryRun = false

    public init() {}

    public var isEmpty: Bool { items.isEmpty && missing.isEmpty && rewritten.isEmpty }
}
