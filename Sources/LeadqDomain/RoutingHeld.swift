extension Routing {
    /// What routing reads of a lead in someone's queue: whose queue (for the caps), and when a rule
    /// put it there (for the round-robin's position).
    public struct Held: Sendable {
        public var owner: String
        /// Whether a rule assigned it (`Work.rule`), and when.
        public var ruled: Bool
        public var assignedAt: Instant?
        public var version: Int64

        public init(owner: String, ruled: Bool, assignedAt: Instant?, version: Int64) {
            (self.owner, self.ruled, self.assignedAt, self.version) = (owner, ruled, assignedAt, version)
        }

        /// Nil for a lead in nobody's queue.
        public init?(_ l: Lead) {
            guard l.stage.isActive, let owner = l.owner else { return nil }
            self.init(owner: owner, ruled: l.work.rule != nil, assignedAt: l.work.assignedAt, version: l.version)
        }
    }
}
