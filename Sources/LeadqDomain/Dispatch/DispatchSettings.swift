/// The dispatcher's settings: what it does on its own, and where its alerts go. Every number is a
/// default a team may change in settings.json (`routing.onArrival`, `sla.warnMinutes`, `notify`,
/// `dispatch.*`; the policies it runs have their own: `sla.poolHotMinutes`, `nurture.releaseDays`).
public struct DispatchSettings: Equatable, Sendable {
    /// Leads are routed as they arrive: an import routes its new leads in its own write, and the
    /// dispatcher routes whatever reaches the pool (a release from nurture, a lead nobody could take).
    public var routeOnArrival = true
    /// How long before an SLA clock breaches its owner is warned.
    public var warnMinutes: Int64 = 10
    /// The commands alerts are handed to, as JSON on stdin.
    public var notify: [NotifyCommand] = []
    /// A command still running after this long is killed, and counts as failed.
    public var notifyTimeoutSeconds: Int64 = 10
    /// How many times one alert is tried on one command before the dispatcher gives up on it.
    public var notifyAttempts = 8
    /// The wait after the first failure; it doubles after each one (at most 15 minutes).
    public var notifyRetrySeconds: Int64 = 10

    public init() {}
}

/// One `notify` entry: a program and its arguments (never a shell line: lead text travels only as
/// JSON on stdin), the kinds of alert it wants and the reps it speaks for.
public struct NotifyCommand: Equatable, Sendable {
    public var command: [String]
    /// Empty: every kind.
    public var alerts: [AlertKind]
    /// Rep ids whose alerts it takes; empty: everyone's.
    public var to: [String]

    public init(command: [String], alerts: [AlertKind] = [], to: [String] = []) {
        (self.command, self.alerts, self.to) = (command, alerts, to)
    }

    /// How the ledger names it across restarts (the settings may be reordered meanwhile).
    public var id: String { command.joined(separator: " ") }

    public func wants(_ alert: Alert) -> Bool {
        (alerts.isEmpty || alerts.contains(alert.kind)) && (to.isEmpty || alert.to.contains { to.contains($0) })
    }
}

/// The dispatcher acts under its own name, never a person's: its events say `by dispatch`, beside
/// the rule that made them. It has a manager's powers over leads (it routes, claws back and
/// releases) and no queue: nothing can be assigned to it, and no team member may take its name.
public enum DispatchActor {
    public static let id = "dispatch"
    static let rep = Rep(id: id, name: "the dispatcher", role: .manager)

    /// Nil unless `named` is the dispatcher's name, which no person may act under.
    public static func refusal(actingAs named: String) -> Refusal? {
        guard named == id else { return nil }
        return Refusal("'\(named)' is the dispatcher's name (its actions are its own); act as yourself with --rep")
    }

    /// Who `id` acts as: the dispatcher for its own name, else the team member of that id.
    public static func member(_ id: String, in settings: Settings) -> Rep? {
        settings.rep(id) ?? (id == Self.id ? rep : nil)
    }
}
