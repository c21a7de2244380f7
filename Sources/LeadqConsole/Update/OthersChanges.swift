import LeadqDomain
import LeadqFormat

/// What other processes saved: leads arriving in or leaving the queue, and a hot lead announced.
extension Console {
    static func changed(_ s: inout ConsoleState, upserts: [Lead], removals: [String]) -> [Effect] {
        let previous = s.cursor ?? 0
        let wasSelected = s.selected
        let mine = upserts.filter { s.shows($0) }
        let gone = removals + upserts.filter { !s.shows($0) }.map(\.id)
        FoundLeads.refresh(&s, upserts: upserts, removals: removals)
        let showingFound: Bool
        if case .found = s.queue.scope { showingFound = true } else { showingFound = false }
        let settings = s.settings
        // A hot lead is news where it lands: in the rep's queue, or (for a manager) in the pool.
        let manager = s.config.manager
        let entered = s.queue.apply(upserts: mine, removals: gone, settings: settings, now: s.now) {
            settings.isHot($0.score) && (!manager || $0.stage == .new)
        }
        fixSelection(&s, previousIndex: previous)
        recount(&s)
        // Search results stay as found: a lead leaving the queue is still a result.
        let left = showingFound ? false : leftTheQueue(&s, gone: gone, upserts: upserts, wasSelected: wasSelected)
        let hot = entered.compactMap { s.queue[$0] }.filter(\.isNew).map(\.lead)
        if let first = hot.max(by: { $0.score < $1.score }) {
            let more = hot.count > 1 ? " (+\(hot.count - 1) more)" : ""
            let arrived = manager ? "arrived in the pool" : "just assigned to you"
            let text = "Hot lead \(first.id) \(arrived): \(first.profile.name), score \(first.score)\(more)"
            // The cursor moving off a lead that left is the one thing more urgent to say.
            if !left { s.status = StatusLine(text, .hot, lead: first.id) }
            return s.settings.bellOnHot ? [.bell] : []
        }
        if let t = dialogTarget(s.mode) { warnOpenDialog(&s, t, upserts: upserts, removals: removals) }
        return []
    }

    /// The selected lead, or the hot lead the status line names, left the view because of someone
    /// else: the status line says so (and where the cursor is now), so the next key doesn't act on
    /// another lead unnoticed. True when it said something.
    static func leftTheQueue(_ s: inout ConsoleState, gone: [String], upserts: [Lead], wasSelected: String?) -> Bool {
        let goneSet = Set(gone)
        func why(_ id: String) -> String {
            guard let e = upserts.first(where: { $0.id == id })?.lastEffectiveEntry else { return "" }
            return ": \(Describe.entry(e, now: s.now, utcOffset: s.config.utcOffset))"
        }
        if let id = wasSelected, goneSet.contains(id), dialogTarget(s.mode) == nil {
            let now = s.selected.map { "; the cursor is on \($0) now" } ?? ""
            s.status = StatusLine("\(id) left your view\(why(id))\(now)", .warn)
            return true
        }
        if let status = s.status, status.kind == .hot, let id = status.lead, goneSet.contains(id) {
            s.status = StatusLine("Hot lead \(id) left your view\(why(id))", .info)
        }
        return false
    }

    /// The lead an open dialog acts on changed under it: saying so before the save is refused.
    static func warnOpenDialog(_ s: inout ConsoleState, _ t: Target, upserts: [Lead], removals: [String]) {
        let changed = upserts.first { $0.id == t.id }
        if let changed, changed.version != t.version, let e = changed.history.last {
            let said = Describe.op(e.op) { When.text($0, now: s.now, zone: s.config.zone) }
            let text = "\(t.id) was just changed by \(e.by): \(said); saving this will be refused"
            s.status = StatusLine(text, .warn)
        } else if removals.contains(t.id) {
            s.status = StatusLine("\(t.id) just left your queue (changed by someone else)", .warn)
        }
    }

    static func reloaded(_ s: inout ConsoleState, _ loaded: LoadedQueue) {
        s.queue.replaceAll(loaded, settings: s.settings, now: s.now)
        fixSelection(&s, previousIndex: s.cursor ?? 0)
        recount(&s)
        s.status = StatusLine("The store was compacted by another process; queue reloaded", .info)
    }

    static func dialogTarget(_ mode: Mode) -> Target? {
        switch mode {
        case .reasons(_, let t, _), .reasonNote(_, let t, _, _), .contact(let t, _), .followUp(let t, _),
            .confirmQualify(let t, _), .confirmReplace(let t, _, _), .assign(let t, _), .note(let t, _),
            .outcome(let t, _):
            return t
        default:
            return nil
        }
    }
}
