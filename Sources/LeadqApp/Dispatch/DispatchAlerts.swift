import LeadqDomain
import LeadqStore

/// Alerts: raised into the ledger (saved before any command hears of them), then handed to the
/// notify commands off the dispatcher's thread, retried with back-off until delivered or given up.
extension Dispatcher {
    /// The cursor alone moving is saved this often (seconds of the dispatcher's clock): a restart
    /// looks again from the saved one, and the keys keep what it finds from being said twice.
    static let saveCursorEvery: Int64 = 60

    /// Raises the alerts due now, from the pool and the queues as the look left them.
    func raiseAlerts(_ now: Instant, firstSeq: Int64, pool: [Lead], active: [Lead]) throws {
        let settings = store.settings
        let since = ledger.cursor ?? AlertCursor(seq: firstSeq, at: now)
        let alerts = Alerts.due(
            pool: pool, active: active, since: since, now: now, settings: settings, utcOffset: zone.offset(at: now))
        var raised = ledger.cursor == nil
        for a in alerts where !ledger.knows(a.key) {
            var commands: [String] = []
            for n in settings.dispatch.notify where n.wants(a) && !commands.contains(n.id) { commands.append(n.id) }
            let payload = AlertPayload.json(a, lead: try store.lead(a.lead), store: store.location)
            ledger.raise(a, payload: payload, commands: commands)
            log(.alert(a, commands: commands.count))
            raised = true
        }
        ledger.cursor = AlertCursor(seq: store.lastSeq, at: now)
        ledger.prune(before: now - AlertLedger.keepSent)
        let stale = cursorSavedAt.map { now - $0 >= Self.saveCursorEvery || now < $0 } ?? true
        if raised || unsaved || stale {
            unsaved = true
            try save()
        }
    }

    /// Records the deliveries that finished, then starts those owed (past their back-off, not
    /// already running). Nothing starts while the ledger has unsaved changes.
    public func deliver(startingMore: Bool = true) throws {
        let settings = store.settings.dispatch
        for d in notifier.collect() {
            let slot = Notifier.slot(d.key, d.command)
            if d.failure == nil {
                ledger.delivered(d.key, to: d.command)
                retryAt[slot] = nil
                log(.delivered(d))
            } else {
                let outcome = ledger.failed(d.key, on: d.command, settings: settings)
                if case .retry(_, let after) = outcome {
                    retryAt[slot] = monotonic() + Double(after)
                } else {
                    retryAt[slot] = nil
                }
                log(.deliveryFailed(d, outcome))
            }
            unsaved = true
        }
        var argv: [String: [String]] = [:]
        for n in settings.notify where argv[n.id] == nil { argv[n.id] = n.command }
        if ledger.forget(commandsOtherThan: Set(argv.keys)) > 0 { unsaved = true }
        if unsaved { try save() }
        guard startingMore else { return }
        let now = monotonic()
        for p in ledger.pending {
            for command in p.attempts.keys.sorted() {
                guard let args = argv[command], retryAt[Notifier.slot(p.key, command)] ?? 0 <= now else { continue }
                _ = notifier.start(
                    key: p.key, command: command, argv: args, payload: Array((p.payload + "\n").utf8),
                    timeout: Double(settings.notifyTimeoutSeconds))
            }
        }
    }
}
