import LeadqUI

/// The console's update function: (state, message) → new state + effects. No I/O happens here;
/// the runtime performs the effects (saving through the store, the bell, themes) and reports back.
/// Each kind of message has its own sub-reducer; keys go to the one for the open dialog.
public enum Console {
    // Long because it is one case per message, each handed to its sub-reducer in a line or two.
    public static func update(_ s: inout ConsoleState, _ msg: Msg) -> [Effect] {
        switch msg {
        case .key(let key):
            let effects = keyPressed(&s, key)
            return s.offline == nil ? effects : Connection.refuseSaves(&s, effects)
        case .tick(let now):
            s.now = now
            recount(&s)
        case .resized(let size):
            s.size = size
            keepCursorVisible(&s)
        case .started(let loaded, let size, let now):
            started(&s, loaded, size: size, now: now)
        case .loading(let text):
            s.loading = text
        case .configured(let keymap, let order):
            configured(&s, keymap: keymap, order: order)
        case .warnings(let texts):
            warnings(&s, texts)
        case .changed(let upserts, let removals):
            return changed(&s, upserts: upserts, removals: removals)
        case .opened(let lead):
            s.opened = lead
        case .reloaded(let loaded):
            reloaded(&s, loaded)
        case .saved(let change):
            saved(&s, change)
        case .undone(let action, let leads):
            undone(&s, action: action, leads: leads)
        case .failed(let message):
            failed(&s, message)
        case .readOnly(let why):
            s.readOnly = why
        case .storeBusy(let text):
            storeBusy(&s, text)
        case .connection(let offline):
            Connection.changed(&s, offline: offline)
        case .compactionFailed(let why):
            s.status = StatusLine("Background compaction failed: \(why)", .warn)
        case .themeApplied(let name):
            ThemePicker.applied(&s, name)
        case .statsReady(let report):
            StatsPage.ready(&s, report)
        case .statsReading(let n, let total):
            (s.stats.read, s.stats.total) = (n, total)
        case .statsFailed(let why):
            StatsPage.failed(&s, why)
        case .todayReady(let day):
            s.stats.today = day
        case .found(let result):
            return FoundLeads.found(&s, result)
        case .agendaReading(let n):
            s.agenda.read = n
        case .agendaReady(let agenda):
            AgendaPage.ready(&s, agenda)
        case .agendaFailed(let why):
            AgendaPage.failed(&s, why)
        case .filterSlice:
            FilterBar.slice(&s)
        case .sorted(let rows):
            QueueKeys.sorted(&s, rows)
        }
        return []
    }

    /// A key goes to the open dialog's keys, else to the page's. An Alt+key nothing takes is an Esc
    /// typed just before the key (over a slow link the two arrive together): both are handled.
    static func keyPressed(_ s: inout ConsoleState, _ key: Key) -> [Effect] {
        if case .mouse(let m) = key { return MouseKeys.mouse(&s, m) }
        if case .alt(let c) = key, !takesAlt(s.mode, c) {
            return keyPressed(&s, .escape) + keyPressed(&s, c == "\n" ? .enter : .char(c))
        }
        return dispatchKey(&s, key)
    }

    /// Text fields take Alt+b, Alt+f and Alt+Backspace (words); a note takes Alt+Enter (a new line).
    static func takesAlt(_ mode: Mode, _ c: Character) -> Bool {
        let field: LineEditor?
        switch mode {
        case .filter(let e), .search(let e), .reasonNote(_, _, _, let e), .note(_, let e):
            field = e
        case .confirmQualify(_, let e): field = e
        case .contact(_, let f) where f.step == .note: field = f.note
        case .followUp(_, let f) where f.typing: field = f.field == .when ? f.when : f.what
        case .help(let e, _): field = e
        case .outcome(_, let f) where f.won != nil: field = f.field == .reason ? f.reason : f.amount
        default: field = nil
        }
        guard let field else { return false }
        return c == "b" || c == "f" || c == "\u{7F}" || (c == "\n" && field.multiline)
    }

    static func dispatchKey(_ s: inout ConsoleState, _ key: Key) -> [Effect] {
        switch s.mode {
        case .normal where s.page == .stats:
            return StatsPage.key(&s, key)
        case .normal where s.page == .agenda:
            return AgendaPage.key(&s, key)
        case .normal:
            return QueueKeys.key(&s, key)
        case .filter(let editor):
            return FilterBar.key(&s, key, editor)
        case .reasons(let purpose, let target, let selected):
            return ReasonPicker.key(&s, key, purpose, target, selected: selected)
        case .reasonNote(let purpose, let target, let code, let note):
            return ReasonNote.key(&s, key, purpose, target, code: code, note: note)
        case .contact(let target, let form):
            return ContactDialog.key(&s, key, target, form)
        case .followUp(let target, let form):
            return FollowUpDialog.key(&s, key, target, form)
        case .confirmQualify(let target, let note):
            return QualifyConfirm.key(&s, key, target, note)
        case .note(let target, let note):
            return NoteDialog.key(&s, key, target, note)
        case .outcome(let target, let form):
            return OutcomeDialog.key(&s, key, target, form)
        case .search(let editor):
            return FoundLeads.key(&s, key, editor)
        case .confirmReplace(let target, let due, let what):
            return ReplaceConfirm.key(&s, key, target, due: due, what: what)
        case .help(let filter, let scroll):
            return HelpOverlay.key(&s, key, filter: filter, scroll: scroll)
        case .assign(let target, let selected):
            return AssignPicker.key(&s, key, target, selected: selected)
        case .themes(let selected):
            return ThemePicker.key(&s, key, selected: selected)
        }
    }

    /// Esc in a dialog that would save: it closes, and the status line says nothing was saved.
    static func cancel(_ s: inout ConsoleState) {
        s.mode = .normal
        s.status = StatusLine("Cancelled; nothing saved", .info)
    }

    /// A refusal as the first words of the status line.
    static func sentence(_ text: String) -> String {
        text.prefix(1).uppercased() + text.dropFirst()
    }
}
