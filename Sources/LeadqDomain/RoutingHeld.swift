extension Routing {
    /// The queue leads as routing reads them, summed: how many each rep holds, and who got each
    /// team's newest lead a rule assigned. The order they are added in doesn't matter (no two
    /// leads share a version).
    public struct HeldTally: Sendable {
        var open: [String: Int] = [:]
        /// Team name ("" for the whole team) → the newest rule assignment's time, version and rep.
        var newest: [String: (at: Instant, version: Int64, rep: String)] = [:]

        public init() {}

        public mutating func add(_ l: Held, settings: Settings) {
            let owner = l.owner
            open[owner, default: 0] += 1
            guard l.ruled, let at = l.assignedAt, let rep = settings.rep(owner) else { return }
            for key in [rep.team, ""] {
                if let n = newest[key], (n.at, n.version) >= (at, l.version) { continue }
                newest[key] = (at, l.version, owner)
            }
        }
    }

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
