/// What the dispatcher has told whom, kept in the store across restarts: where its last look left
/// off, the key of every alert sent, and the alerts still owed to a command. An alert is written
/// here as pending before any command runs and marked sent after its command succeeded, so each is
/// sent at least once and, whatever restarts, repeated only if the dispatcher died between the two.
public struct AlertLedger: Equatable, Sendable {
    /// Nil until the first look.
    public var cursor: AlertCursor?
    /// Key → when that alert came due, for every alert sent or given up on.
    public var sent: [String: Instant] = [:]
    /// Alerts not yet delivered to every command that wants them, in the order they were raised.
    public var pending: [PendingAlert] = []

    /// Sent keys are forgotten this long after their alert came due: by then no look can raise them
    /// again, except a hot lead still waiting in the pool, which is then said again.
    public static let keepSent: Int64 = 60 * Span.day

    public init() {}

    public struct PendingAlert: Equatable, Sendable {
        public var key: String
        public var at: Instant
        /// The alert as its commands get it (JSON), fixed when it was raised.
        public var payload: String
        /// Command id → failed attempts so far, for each command it is still owed to.
        public var attempts: [String: Int]

        public init(key: String, at: Instant, payload: String, attempts: [String: Int]) {
            (self.key, self.at, self.payload, self.attempts) = (key, at, payload, attempts)
        }
    }

    /// What became of one failed delivery.
    public enum Failure: Equatable, Sendable {
        case retry(attempt: Int, after: Int64)
        case gaveUp(attempts: Int)
    }

    public func knows(_ key: String) -> Bool { sent[key] != nil || pending.contains { $0.key == key } }

    /// Records a new alert, owed to `commands`; false when the ledger already knows it.
    @discardableResult
    public mutating func raise(_ alert: Alert, payload: String, commands: [String]) -> Bool {
        guard !knows(alert.key) else { return false }
        if commands.isEmpty {
            sent[alert.key] = alert.at
        } else {
            let owed = Dictionary(commands.map { ($0, 0) }, uniquingKeysWith: { a, _ in a })
            pending.append(PendingAlert(key: alert.key, at: alert.at, payload: payload, attempts: owed))
        }
        return true
    }

    public mutating func delivered(_ key: String, to command: String) {
        settle(key, command)
    }

    /// Counts a failed attempt: the wait before the next one, or the end of trying.
    public mutating func failed(_ key: String, on command: String, settings: DispatchSettings) -> Failure {
        guard let i = pending.firstIndex(where: { $0.key == key }), let n = pending[i].attempts[command] else {
            return .gaveUp(attempts: 0)
        }
        let attempt = n + 1
        guard attempt < settings.notifyAttempts else {
            settle(key, command)
            return .gaveUp(attempts: attempt)
        }
        pending[i].attempts[command] = attempt
        return .retry(attempt: attempt, after: Self.retryDelay(attempt: attempt, base: settings.notifyRetrySeconds))
    }

    /// Stops owing alerts to commands the settings no longer name; returns how many were dropped.
    @discardableResult
    public mutating func forget(commandsOtherThan kept: Set<String>) -> Int {
        var dropped = 0
        for i in pending.indices {
            for c in pending[i].attempts.keys where !kept.contains(c) {
                pending[i].attempts[c] = nil
                dropped += 1
            }
        }
        for p in pending where p.attempts.isEmpty { sent[p.key] = p.at }
        pending.removeAll { $0.attempts.isEmpty }
        return dropped
    }

    /// Forgets sent keys of alerts that came due before `limit`.
    public mutating func prune(before limit: Instant) {
        sent = sent.filter { $0.value >= limit }
    }

    /// Waits double after each failure: `base`, 2×, 4×… at most 15 minutes.
    public static func retryDelay(attempt: Int, base: Int64) -> Int64 {
        let cap = 15 * Span.minute
        var d = base
        for _ in 1..<max(attempt, 1) where d < cap { d *= 2 }
        return min(d, cap)
    }

    private mutating func settle(_ key: String, _ command: String) {
        guard let i = pending.firstIndex(where: { $0.key == key }) else { return }
        pending[i].attempts[command] = nil
        if pending[i].attempts.isEmpty { sent[key] = pending.remove(at: i).at }
    }
}
