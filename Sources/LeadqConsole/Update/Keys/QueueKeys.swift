import LeadqUI

/// The queue's keys when no dialog is open: each bound key is an `Action` of the keymap.
enum QueueKeys {
    static func key(_ s: inout ConsoleState, _ key: Key) -> [Effect] {
        if key == .escape {
            if s.search != nil {
                FoundLeads.end(&s)
                return []
            }
            if !s.queue.filter.isEmpty {
                s.queue.setFilter("")
                Console.fixSelection(&s, previousIndex: s.cursor ?? 0)
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
        return act(&s, action)
    }

    static func act(_ s: inout ConsoleState, _ action: Action) -> [Effect] {
        switch action {
        case .moveDown, .moveUp, .pageDown, .pageUp, .top, .bottom:
            navigate(&s, action)
        case .toggleDetail, .detailDown, .detailUp:
            detail(&s, action)
        case .cycleOrder:
            return cycleOrder(&s)
        case .filter:
            if let search = s.search {
                s.mode = .search(LineEditor(search.query, limit: 200))
            } else {
                s.mode = .filter(LineEditor(s.queue.filter, limit: 200))
            }
        case .help:
            s.mode = .help(filter: LineEditor(limit: 100), scroll: 0)
        case .themes:
            ThemePicker.open(&s)
        case .redraw:
            return [.redraw]
        case .quit:
            s.quitting = true
            return [.quit]
        case .undo:
            return LeadActions.refuseIfReadOnly(&s) ? [] : [.undo]
        case .stats:
            return StatsPage.open(&s)
        case .nextScope, .previousScope:
            TeamScopes.step(&s, forward: action == .nextScope)
        case .assign:
            AssignPicker.open(&s)
        case .accept, .reject, .contact, .followUp, .followUpDone, .clawback, .qualify, .note, .copy, .outcome:
            return LeadActions.start(&s, action)
        case .agenda:
            return AgendaPage.open(&s)
        }
        return []
    }

    /// The next order; `o` again while a long list is being sorted asks for the one after that.
    /// Meanwhile every key acts on the list as it is shown, in its old order (a rep who moves on
    /// or opens a lead gets what the screen shows, not a row of a list not yet seen), and `q`
    /// quits at once.
    static func cycleOrder(_ s: inout ConsoleState) -> [Effect] {
        let next = (s.queue.sorting?.order ?? s.queue.order).next
        if let request = s.queue.ask(order: next) {
            s.status = StatusLine("Sorting by \(next.label)… keys act on the list as shown until it is done", .info)
            return [.sort(request)]
        }
        let cursor = s.cursor ?? 0
        Console.fixSelection(&s, previousIndex: cursor)
        s.status = StatusLine("Order: \(s.queue.order.label)", .info)
        return []
    }

    /// A long list's sort is done: shown in its order, the selected lead kept selected, as `o`
    /// does on a short list.
    static func sorted(_ s: inout ConsoleState, _ rows: SortedRows) {
        let cursor = s.cursor ?? 0
        guard s.queue.sorted(rows) else { return }
        Console.fixSelection(&s, previousIndex: cursor)
        s.status = StatusLine("Order: \(s.queue.order.label)", .info)
    }

    /// Moving the cursor: a row, a page, to either end.
    static func navigate(_ s: inout ConsoleState, _ action: Action) {
        let page = Console.pageSize(s)
        let cursor = s.cursor ?? 0
        switch action {
        case .moveDown:
            Console.move(&s, to: cursor + 1)
        case .moveUp:
            Console.move(&s, to: cursor - 1)
        case .pageDown:
            s.queue.reveal(atLeast: s.top + 2 * page)
            Console.move(&s, to: cursor + page)
            // The page turns too, so the cursor lands in the same place on the next page.
            s.top = min(s.top + page, max(0, s.queue.visible.count - page))
            Console.keepCursorVisible(&s)
        case .pageUp:
            Console.move(&s, to: cursor - page)
        case .top:
            Console.move(&s, to: 0)
        case .bottom:
            s.queue.finishFilter()
            Console.move(&s, to: s.queue.visible.count - 1)
        default:
            break
        }
    }

    /// The detail pane: shown or hidden, scrolled.
    static func detail(_ s: inout ConsoleState, _ action: Action) {
        switch action {
        case .toggleDetail:
            s.detailOpen.toggle()
            s.detailScroll = 0
            Console.keepCursorVisible(&s)
        case .detailDown:
            // Never past the pane's last page: K must scroll back at once.
            s.detailScroll = min(s.detailScroll + 3, DetailView.maxScroll(s))
        case .detailUp:
            s.detailScroll = max(0, s.detailScroll - 3)
        default:
            break
        }
    }
}
