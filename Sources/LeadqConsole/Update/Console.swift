import LeadqDomain
import LeadqFormat
import LeadqStore
import LeadqUI

/// The console's update function: (state, message) → new state + effects. No I/O happens here;
/// the runtime performs the effects (saving through the store, the bell, themes) and reports back.
public enum Console {
    public static func update(_ s: inout ConsoleState, _ msg: Msg) -> [Effect] {
        switch msg {
        case .key(let key):
            return handleKey(&s, key)
        case .tick(let now):
            s.now = now
            recount(&s)
            return []
        case .resized(let size):
            s.size = size
            keepCursorVisible(&s)
            return []
        case .changed(let upserts, let removals):
            return applyChanges(&s, upserts: upserts, removals: removals)
        case .reloaded(let leads):
            s.queue.replaceAll(leads, settings: s.settings, now: s.now)
            fixSelection(&s, previousIndex: s.cursor ?? 0)
            recount(&s)
            s.status = StatusLine("The store was compacted by another process; queue reloaded", .info)
            return []
        case .saved(let change):
            let previous = s.cursor ?? 0
            let before = s.queue[change.lead.id]?.lead
            place(&s, change.lead)
            // An undo brings a lead back: put the cursor on it.
            if case .undo = change.event.entry.op, s.queue.visible.contains(change.lead.id) {
                s.selected = change.lead.id
            }
            fixSelection(&s, previousIndex: previous)
            // One lead changed: move its share of the header's counts, not recount the whole queue.
            if let b = before { count(&s, b, -1) }
            if s.shows(change.lead) { count(&s, change.lead, 1) }
            s.mode = .normal
            var text = Confirmation.text(change.event, lead: change.lead) + " · saved"
            if case .undo = change.event.entry.op {} else { text += " · \(s.keymap.label(for: .undo)) to undo" }
            s.status = StatusLine(text, .ok)
            return []
        case .undone(let undone):
            guard undone.changes.count > 1 else { return update(&s, .saved(undone.changes[0])) }
            let previous = s.cursor ?? 0
            for change in undone.changes { place(&s, change.lead) }
            fixSelection(&s, previousIndex: previous)
            recount(&s)
            s.mode = .normal
            s.status = StatusLine("Undid your last action (\(undone.action)) · saved", .ok)
            return []
        case .failed(let message):
            s.mode = .normal
            s.status = StatusLine(message, .error)
            return []
        case .readOnly(let why):
            s.readOnly = why
            return []
        case .storeBusy(let text):
            if let text {
                s.status = StatusLine(text, .warn)
            } else if let was = s.storeBusy, s.status?.text == was {
                s.status = nil
            }
            s.storeBusy = text
            return []
        case .themeApplied(let name):
            s.theme = name
            s.status = StatusLine("Theme: \(name)", .info)
            return []
        case .statsReady(let report):
            s.stats.report = report
            s.stats.computing = false
            s.stats.error = nil
            return []
        case .statsFailed(let why):
            s.stats.computing = false
            s.stats.error = why
            return []
        }
    }

    /// Asks for the stats page's report for the current period and scope.
    static func requestStats(_ s: inout ConsoleState) -> [Effect] {
        s.stats.computing = true
        s.stats.error = nil
        let rep: String? = s.config.manager && s.stats.team ? nil : s.config.rep
        return [.computeStats(StatsRequest(unit: s.stats.unit, rep: rep, now: s.now, utcOffset: s.config.utcOffset))]
    }

    /// The manager's scopes in Tab order: all queues, each rep, the pool.
    static func scopes(_ s: ConsoleState) -> [QueueScope] {
        [.queues] + s.settings.reps.filter { $0.role == .rep }.map { .rep($0.id) } + [.pool]
    }

    static func reps(_ s: ConsoleState) -> [Rep] {
        s.settings.reps.filter { $0.role == .rep }
    }

    // MARK: - the queue

    /// Keeps a changed lead in the queue if it still belongs there, else takes it out.
    static func place(_ s: inout ConsoleState, _ lead: Lead) {
        if s.shows(lead) {
            s.queue.upsert(lead, settings: s.settings, now: s.now)
        } else {
            s.queue.remove(lead.id)
        }
    }

    static func applyChanges(_ s: inout ConsoleState, upserts: [Lead], removals: [String]) -> [Effect] {
        let previous = s.cursor ?? 0
        let mine = upserts.filter { s.shows($0) }
        let gone = removals + upserts.filter { !s.shows($0) }.map(\.id)
        let hotScore = s.settings.hotScore
        // A hot lead is news where it lands: in the rep's queue, or (for a manager) in the pool.
        let manager = s.config.manager
        let entered = s.queue.apply(upserts: mine, removals: gone, settings: s.settings, now: s.now) {
            $0.score >= hotScore && (!manager || $0.stage == .new)
        }
        fixSelection(&s, previousIndex: previous)
        recount(&s)
        var effects: [Effect] = []
        let hot = entered.compactMap { s.queue[$0] }.filter(\.isNew).map(\.lead)
        if let first = hot.max(by: { $0.score < $1.score }) {
            let more = hot.count > 1 ? " (+\(hot.count - 1) more)" : ""
            let where_ = manager ? "arrived in the pool" : "just assigned to you"
            s.status = StatusLine(
                "Hot lead \(first.id) \(where_): \(first.profile.name), score \(first.score)\(more)", .hot)
            if s.settings.bellOnHot { effects.append(.bell) }
        } else if let t = dialogTarget(s.mode) {
            if let changed = upserts.first(where: { $0.id == t.id }), changed.version != t.version,
                let e = changed.history.last
            {
                s.status = StatusLine(
                    "\(t.id) was just changed by \(e.by): \(Describe.op(e.op)); saving this will be refused", .warn)
            } else if removals.contains(t.id) {
                s.status = StatusLine("\(t.id) just left your queue (changed by someone else)", .warn)
            }
        }
        return effects
    }

    static func dialogTarget(_ mode: Mode) -> Target? {
        switch mode {
        case .reasons(_, let t, _), .reasonNote(_, let t, _, _), .contact(let t, _), .followUp(let t, _),
            .confirmQualify(let t), .assign(let t, _):
            return t
        default: return nil
        }
    }

    /// After the queue changed: stay on the selected lead, or on the same row if it left.
    static func fixSelection(_ s: inout ConsoleState, previousIndex: Int) {
        let v = s.queue.visible
        if let sel = s.selected, v.contains(sel) {
        } else if v.isEmpty {
            s.selected = nil
        } else {
            s.selected = v[min(max(0, previousIndex), v.count - 1)]
        }
        keepCursorVisible(&s)
    }

    static func recount(_ s: inout ConsoleState) {
        s.counts = HeaderCounts()
        s.teamCounts = [:]
        for e in s.queue.entries.values { count(&s, e.lead, 1) }
    }

    /// Adds (sign 1) or takes away (sign -1) one lead's share of the header's counts.
    static func count(_ s: inout ConsoleState, _ lead: Lead, _ sign: Int) {
        guard lead.stage.isActive else {
            if lead.stage == .new { s.counts.pool += sign }
            return
        }
        let st = SLA.status(lead, now: s.now, settings: s.settings, utcOffset: s.config.utcOffset)
        s.counts.add(st, sign)
        s.teamCounts[lead.owner ?? "", default: HeaderCounts()].add(st, sign)
    }

    static func move(_ s: inout ConsoleState, to index: Int) {
        let v = s.queue.visible
        guard !v.isEmpty else {
            s.selected = nil
            return
        }
        s.selected = v[min(max(0, index), v.count - 1)]
        s.queue.markSeen(s.selected!)
        s.detailScroll = 0
        keepCursorVisible(&s)
    }

    static func keepCursorVisible(_ s: inout ConsoleState) {
        let page = ScreenLayout(size: s.size, detailOpen: s.detailOpen).pageSize
        let n = s.queue.visible.count
        guard let c = s.cursor else {
            s.top = min(s.top, max(0, n - page))
            return
        }
        if c < s.top { s.top = c }
        if c >= s.top + page { s.top = c - page + 1 }
        s.top = max(0, min(s.top, max(0, n - page)))
    }

    // MARK: - keys

    static func handleKey(_ s: inout ConsoleState, _ key: Key) -> [Effect] {
        if s.page == .stats && s.mode == .normal { return statsKey(&s, key) }
        switch s.mode {
        case .normal: return normalKey(&s, key)
        case .filter(var editor):
            switch key {
            case .enter:
                s.mode = .normal
            case .escape:
                s.mode = .normal
                s.queue.setFilter("")
                fixSelection(&s, previousIndex: 0)
            case .down, .up:
                return normalKey(&s, key)
            default:
                guard editor.handle(key) else { return [] }
                s.mode = .filter(editor)
                s.queue.setFilter(editor.text)
                fixSelection(&s, previousIndex: 0)
            }
            return []
        case .reasons(let purpose, let target, let selected):
            return reasonKey(&s, key, purpose, target, selected)
        case .reasonNote(let purpose, let target, let code, var note):
            switch key {
            case .escape: cancel(&s)
            case .enter:
                if s.settings.reason(code)?.noteRequired == true && Rules.trimmed(note.text).isEmpty {
                    s.status = StatusLine("Reason '\(code)' needs a note saying why", .warn)
                    return []
                }
                return [
                    .perform(
                        purpose == .reject
                            ? .reject(reason: code, note: note.text) : .clawback(reason: code, note: note.text), target)
                ]
            default:
                if note.handle(key) { s.mode = .reasonNote(purpose, target, code: code, note: note) }
            }
            return []
        case .contact(let target, let form):
            return contactKey(&s, key, target, form)
        case .followUp(let target, let form):
            return followUpKey(&s, key, target, form)
        case .confirmQualify(let target):
            switch key {
            case .char("y"), .char("Y"): return [.perform(.qualify(note: ""), target)]
            case .char("n"), .char("N"), .escape, .char("q"): cancel(&s)
            default: break
            }
            return []
        case .help(var filter, var scroll):
            switch key {
            case .escape: s.mode = .normal
            case .char("?") where filter.isEmpty: s.mode = .normal
            case .down, .ctrl("n"): scroll += 1
            case .up, .ctrl("p"): scroll = max(0, scroll - 1)
            case .pageDown: scroll += 10
            case .pageUp: scroll = max(0, scroll - 10)
            default:
                if filter.handle(key) { scroll = 0 }
            }
            if case .help = s.mode { s.mode = .help(filter: filter, scroll: scroll) }
            return []
        case .assign(let target, let selected):
            let reps = Console.reps(s)
            switch key {
            case .escape: cancel(&s)
            case .down, .ctrl("n"): s.mode = .assign(target, selected: min(reps.count - 1, selected + 1))
            case .up, .ctrl("p"): s.mode = .assign(target, selected: max(0, selected - 1))
            case .enter:
                if reps.indices.contains(selected) {
                    return [.perform(.assign(to: reps[selected].id, rule: nil), target)]
                }
            case .char(let c):
                // A letter jumps to the next rep whose id starts with it.
                let lower = Character(c.lowercased())
                let order = Array(reps.indices.dropFirst(selected + 1)) + Array(reps.indices.prefix(selected + 1))
                if let i = order.first(where: { reps[$0].id.first == lower }) { s.mode = .assign(target, selected: i) }
            default: break
            }
            return []
        case .themes(var selected):
            let names = s.config.themeNames
            switch key {
            case .escape, .char("q"): s.mode = .normal
            case .down, .char("j"):
                selected = min(names.count - 1, selected + 1)
                s.mode = .themes(selected: selected)
            case .up, .char("k"):
                selected = max(0, selected - 1)
                s.mode = .themes(selected: selected)
            case .enter:
                s.mode = .normal
                if names.indices.contains(selected) { return [.applyTheme(names[selected])] }
            default: break
            }
            return []
        }
    }

    static func cancel(_ s: inout ConsoleState) {
        s.mode = .normal
        s.status = StatusLine("Cancelled; nothing saved", .info)
    }

    static func normalKey(_ s: inout ConsoleState, _ key: Key) -> [Effect] {
        if key == .escape {
            if !s.queue.filter.isEmpty {
                s.queue.setFilter("")
                fixSelection(&s, previousIndex: s.cursor ?? 0)
            }
            s.status = nil
            return []
        }
        guard let action = s.keymap.action(for: key) else {
            if case .char = key {
                s.status = StatusLine("\(KeyName.label(of: key)) does nothing here; ? shows every key", .info)
            }
            return []
        }
        let page = ScreenLayout(size: s.size, detailOpen: s.detailOpen).pageSize
        let cursor = s.cursor ?? 0
        switch action {
        case .moveDown: move(&s, to: cursor + 1)
        case .moveUp: move(&s, to: cursor - 1)
        case .pageDown:
            move(&s, to: cursor + page)
            s.top = min(s.top + page, max(0, s.queue.visible.count - page))
            keepCursorVisible(&s)
        case .pageUp: move(&s, to: cursor - page)
        case .top: move(&s, to: 0)
        case .bottom: move(&s, to: s.queue.visible.count - 1)
        case .toggleDetail:
            s.detailOpen.toggle()
            s.detailScroll = 0
            keepCursorVisible(&s)
        case .detailDown: s.detailScroll += 3
        case .detailUp: s.detailScroll = max(0, s.detailScroll - 3)
        case .cycleOrder:
            s.queue.setOrder(s.queue.order.next)
            fixSelection(&s, previousIndex: cursor)
            s.status = StatusLine("Order: \(s.queue.order.label)", .info)
        case .filter: s.mode = .filter(LineEditor(s.queue.filter, limit: 200))
        case .help: s.mode = .help(filter: LineEditor(limit: 100), scroll: 0)
        case .themes: s.mode = .themes(selected: s.config.themeNames.firstIndex(of: s.theme) ?? 0)
        case .redraw: return [.redraw]
        case .quit:
            s.quitting = true
            return [.quit]
        case .undo:
            if let why = s.readOnly {
                s.status = StatusLine("Can't save: \(why)", .error)
                return []
            }
            return [.undo]
        case .stats:
            s.page = .stats
            if s.stats.report == nil && !s.stats.computing { return requestStats(&s) }
        case .nextScope, .previousScope:
            guard s.config.manager else {
                s.status = StatusLine("Queues of the whole team are for managers (leadq --manager)", .info)
                return []
            }
            let all = scopes(s)
            let i = all.firstIndex(of: s.queue.scope) ?? 0
            let next = all[(i + (action == .nextScope ? 1 : all.count - 1)) % all.count]
            s.queue.setScope(next)
            fixSelection(&s, previousIndex: 0)
            s.status = StatusLine("Showing \(next.label)", .info)
        case .assign:
            guard let t = s.target() else {
                s.status = StatusLine("No lead selected", .info)
                return []
            }
            if let why = s.readOnly {
                s.status = StatusLine("Can't save: \(why)", .error)
                return []
            }
            let reps = Console.reps(s)
            let current = s.selectedEntry?.lead.owner
            s.mode = .assign(t, selected: reps.firstIndex { $0.id != current && !$0.away } ?? 0)
        case .accept, .reject, .contact, .followUp, .followUpDone, .clawback, .qualify:
            return leadAction(&s, action)
        }
        return []
    }

    /// The stats page: period and scope keys; Esc or S goes back to the queue.
    static func statsKey(_ s: inout ConsoleState, _ key: Key) -> [Effect] {
        switch key {
        case .escape, .char("S"): s.page = .queue
        case .char("w"):
            s.stats.unit = s.stats.unit == .week ? .month : .week
            return requestStats(&s)
        case .char("m") where s.config.manager:
            s.stats.team.toggle()
            return requestStats(&s)
        case .char("r"): return requestStats(&s)
        default:
            if let a = s.keymap.action(for: key), a == .quit || a == .themes || a == .help || a == .redraw {
                return normalKey(&s, key)
            }
        }
        return []
    }

    static func leadAction(_ s: inout ConsoleState, _ action: Action) -> [Effect] {
        guard let t = s.target(), let lead = s.selectedEntry?.lead else {
            s.status = StatusLine("No lead selected", .info)
            return []
        }
        if let why = s.readOnly {
            s.status = StatusLine("Can't save: \(why)", .error)
            return []
        }
        s.queue.markSeen(t.id)
        switch action {
        case .accept: return [.perform(.accept, t)]
        case .followUpDone: return [.perform(.completeFollowUp(note: ""), t)]
        case .reject: s.mode = .reasons(.reject, t, selected: 0)
        case .clawback: s.mode = .reasons(.clawback, t, selected: 0)
        case .contact: s.mode = .contact(t, ContactForm())
        case .followUp: s.mode = .followUp(t, FollowUpForm())
        case .qualify:
            if lead.stage == .assigned {
                s.status = StatusLine("\(lead.id) is not accepted yet: accept it before qualifying it", .error)
            } else {
                s.mode = .confirmQualify(t)
            }
        default: break
        }
        return []
    }

    static func reasonKey(
        _ s: inout ConsoleState, _ key: Key, _ purpose: ReasonPurpose, _ target: Target, _ selected: Int
    ) -> [Effect] {
        let reasons = s.settings.reasons
        func pick(_ r: ReasonCode, withNote: Bool) -> [Effect] {
            if withNote || r.noteRequired {
                s.mode = .reasonNote(purpose, target, code: r.code, note: LineEditor(limit: 2000))
                return []
            }
            return [
                .perform(
                    purpose == .reject ? .reject(reason: r.code, note: "") : .clawback(reason: r.code, note: ""), target
                )
            ]
        }
        switch key {
        case .escape:
            cancel(&s)
        case .down, .ctrl("n"):
            s.mode = .reasons(purpose, target, selected: min(reasons.count - 1, selected + 1))
        case .up, .ctrl("p"):
            s.mode = .reasons(purpose, target, selected: max(0, selected - 1))
        case .enter:
            if reasons.indices.contains(selected) { return pick(reasons[selected], withNote: false) }
        case .tab:
            if reasons.indices.contains(selected) { return pick(reasons[selected], withNote: true) }
        case .char(let c):
            if let r = reasons.first(where: { $0.key == c }) { return pick(r, withNote: false) }
            // Shift+key picks the reason and asks for a note.
            if c.isUppercase, let r = reasons.first(where: { String($0.key) == c.lowercased() && $0.key.isLowercase }) {
                return pick(r, withNote: true)
            }
            s.status = StatusLine("No reason on \(c); Esc cancels", .warn)
        default:
            break
        }
        return []
    }

    static func contactKey(_ s: inout ConsoleState, _ key: Key, _ target: Target, _ f: ContactForm) -> [Effect] {
        var form = f
        if key == .escape {
            cancel(&s)
            return []
        }
        switch form.step {
        case .channel:
            if case .char(let c) = key, let ch = ContactForm.channelKeys.first(where: { $0.0 == c })?.1 {
                form.channel = ch
                form.step = .outcome
            } else if key == .char("i") {
                form.inbound.toggle()
            }
        case .outcome:
            if case .char(let c) = key, let o = ContactForm.outcomeKeys.first(where: { $0.0 == c })?.1 {
                form.outcome = o
                form.step = .note
            } else if key == .backspace {
                form.step = .channel
            }
        case .note:
            if key == .enter, let ch = form.channel, let o = form.outcome {
                return [
                    .perform(
                        .contact(
                            channel: ch, outcome: o, direction: form.inbound ? .inbound : .outbound,
                            note: form.note.text), target)
                ]
            }
            if key == .backspace && form.note.isEmpty {
                form.step = .outcome
            } else {
                _ = form.note.handle(key)
            }
        }
        s.mode = .contact(target, form)
        return []
    }
}
